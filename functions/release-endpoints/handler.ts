import { z } from 'zod';
import { documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createEndpointSlotStore } from '../../shared/status/endpoint-slots';
import { createStatusStore } from '../../shared/status/status-store';
import { releaseEndpoints } from '../../shared/steps/release-endpoints';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const deps = {
  store,
  slots: createEndpointSlotStore(table, config.TABLE_NAME),
  ec2: ec2Operations(ec2Client()),
  now: () => new Date(),
};

export const handler = createStepHandler({
  step: 'release-endpoints',
  input: stepContextSchema.extend({ vpcEndpointIds: z.array(z.string()) }),
  store,
  run: ({ apiKey, vpcEndpointIds }) => releaseEndpoints({ apiKey, vpcEndpointIds }, deps),
});
