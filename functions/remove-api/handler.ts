import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { ownedApiOf } from '../../shared/steps/owned-api';
import { removeApi } from '../../shared/steps/remove-api';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const store = createStatusStore(documentClient(), config.TABLE_NAME);
const deps = { apiGateway: apiGatewayOperations(apiGatewayClient()) };

export const handler = createStepHandler({
  step: 'remove-api',
  input: stepContextSchema,
  store,
  // prepare-delete handed the record to this request: what it owns is what is deleted.
  run: async ({ apiKey }) => removeApi(await ownedApiOf(store, apiKey), deps),
});
