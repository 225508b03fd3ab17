import { z } from 'zod';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { associateEndpoints } from '../../shared/steps/associate-endpoint';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'AWS_REGION']);
const store = createStatusStore(documentClient(), config.TABLE_NAME);
const apiGateway = apiGatewayOperations(apiGatewayClient());
const ec2 = ec2Operations(ec2Client());

export const handler = createStepHandler({
  step: 'associate-endpoint',
  input: stepContextSchema.extend({
    restApiId: z.string(),
    primaryEndpointId: z.string(),
    associatedEndpointIds: z.array(z.string()),
  }),
  store,
  run: ({ apiKey, restApiId, primaryEndpointId, associatedEndpointIds }) =>
    associateEndpoints(
      { restApiId, primaryEndpointId, associatedEndpointIds },
      {
        apiGateway,
        ec2,
        region: config.AWS_REGION,
        registerUse: (use) => store.registerEndpointUser({ ...use, apiKey, now: new Date().toISOString() }),
      },
    ),
});
