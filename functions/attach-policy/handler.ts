import { z } from 'zod';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { accountIdOf, apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { attachPolicy } from '../../shared/steps/attach-policy';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'AWS_REGION']);
const apiGateway = apiGatewayOperations(apiGatewayClient());

export const handler = createStepHandler({
  step: 'attach-policy',
  input: stepContextSchema.extend({
    request: requestSchema,
    restApiId: z.string(),
    vpcEndpointId: z.string(),
  }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: (input, context) =>
    attachPolicy(input, {
      apiGateway,
      region: config.AWS_REGION,
      accountId: accountIdOf(context.invokedFunctionArn),
    }),
});
