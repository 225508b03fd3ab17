import { documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createStatusStore } from '../../shared/status/status-store';
import { ensureEndpoint } from '../../shared/steps/ensure-endpoint';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'AWS_REGION']);
const deps = { ec2: ec2Operations(ec2Client()), region: config.AWS_REGION };

export const handler = createStepHandler({
  step: 'ensure-endpoint',
  input: stepContextSchema.extend({ request: requestSchema }),
  store: createStatusStore(documentClient(), config.TABLE_NAME),
  run: ({ requestId, request }) => ensureEndpoint(requestId, request, deps),
});
