import { z } from 'zod';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { associateEndpoint } from '../../shared/steps/associate-endpoint';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const deps = { apiGateway: apiGatewayOperations(apiGatewayClient()) };

export const handler = createStepHandler({
  step: 'associate-endpoint',
  input: stepContextSchema.extend({ restApiId: z.string(), vpcEndpointId: z.string() }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: (input) => associateEndpoint(input, deps),
});
