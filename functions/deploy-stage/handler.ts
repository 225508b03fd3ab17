import { z } from 'zod';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { deployStage } from '../../shared/steps/deploy-stage';
import { stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const deps = { apiGateway: apiGatewayOperations(apiGatewayClient()) };

export const handler = createStepHandler({
  step: 'deploy-stage',
  input: stepContextSchema.extend({
    restApiId: z.string(),
    stageName: z.string(),
    reason: z.string(),
    previousStageName: z.string().nullable().optional(),
  }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: (input) => deployStage(input, deps),
});
