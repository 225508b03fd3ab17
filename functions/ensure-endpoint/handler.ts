import { documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createEndpointSlotStore } from '../../shared/status/endpoint-slots';
import { createStatusStore } from '../../shared/status/status-store';
import { ensureEndpoint } from '../../shared/steps/ensure-endpoint';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'AWS_REGION']);
const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const slots = createEndpointSlotStore(table, config.TABLE_NAME);
const ec2 = ec2Operations(ec2Client());

export const handler = createStepHandler({
  step: 'ensure-endpoint',
  input: stepContextSchema.extend({ request: requestSchema }),
  store,
  run: ({ requestId, apiKey, request }) =>
    ensureEndpoint(requestId, request, {
      ec2,
      slots,
      region: config.AWS_REGION,
      now: () => new Date(),
      async registerUse(use) {
        const now = new Date().toISOString();
        const registered = await store.registerEndpointUser({ ...use, apiKey, now });
        if (registered)
          await store.updateManagedApi(apiKey, requestId, { vpcEndpointId: use.vpcEndpointId }, now);
        return registered;
      },
    }),
});
