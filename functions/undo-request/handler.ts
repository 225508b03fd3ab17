import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { UNDO_STEP } from '../../shared/steps/record-result';
import { stepContextSchema } from '../../shared/steps/step-input';
import { undoRequest } from '../../shared/steps/undo-request';

const config = readConfig(['TABLE_NAME']);
const store = createStatusStore(documentClient(), config.TABLE_NAME);
const deps = {
  store,
  apiGateway: apiGatewayOperations(apiGatewayClient()),
  ec2: ec2Operations(ec2Client()),
  getManagedApi: (apiKey: string) => store.getManagedApi(apiKey),
  now: () => new Date(),
};

export const handler = createStepHandler({
  step: UNDO_STEP,
  input: stepContextSchema,
  store,
  run: (input) => undoRequest(input, deps),
});
