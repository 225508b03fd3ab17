import { z } from 'zod';
import { documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { checkEndpoint } from '../../shared/steps/check-endpoint';
import { pollSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig([
  'TABLE_NAME',
  'ENDPOINT_POLL_INITIAL_SECONDS',
  'ENDPOINT_POLL_MAX_INTERVAL_SECONDS',
  'ENDPOINT_GIVE_UP_AFTER_SECONDS',
]);
const deps = {
  ec2: ec2Operations(ec2Client()),
  settings: {
    initialSeconds: config.ENDPOINT_POLL_INITIAL_SECONDS,
    backoffRate: 1.5,
    maxIntervalSeconds: config.ENDPOINT_POLL_MAX_INTERVAL_SECONDS,
    giveUpAfterSeconds: config.ENDPOINT_GIVE_UP_AFTER_SECONDS,
  },
};

export const handler = createStepHandler({
  step: 'wait-endpoint',
  input: stepContextSchema.extend({ vpcEndpointId: z.string(), poll: pollSchema }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: ({ vpcEndpointId, poll }) => checkEndpoint(vpcEndpointId, poll, deps),
  outcome: (result) => (result.ready ? 'done' : 'waiting'),
});
