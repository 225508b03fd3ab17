import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { preflight } from '../../shared/steps/preflight';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig([
  'TABLE_NAME',
  'AWS_REGION',
  'PRIVATE_API_QUOTA',
  'ALLOWED_VPC_IDS',
  'ALLOWED_ACCOUNT_IDS',
]);
const deps = {
  ec2: ec2Operations(ec2Client()),
  apiGateway: apiGatewayOperations(apiGatewayClient()),
  privateApiQuota: config.PRIVATE_API_QUOTA,
  region: config.AWS_REGION,
  allowedVpcIds: config.ALLOWED_VPC_IDS,
  allowedAccountIds: config.ALLOWED_ACCOUNT_IDS,
};

export const handler = createStepHandler({
  step: 'preflight',
  input: stepContextSchema.extend({ request: requestSchema }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: ({ request }) => preflight(request, deps),
});
