import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { removeApi } from '../../shared/steps/remove-api';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const deps = { apiGateway: apiGatewayOperations(apiGatewayClient()) };

export const handler = createStepHandler({
  step: 'remove-api',
  input: stepContextSchema,
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: ({ apiKey }) => removeApi({ apiKey }, deps),
});
