import { randomUUID } from 'node:crypto';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { accountIdOf, apiGatewayClient, documentClient, ec2Client } from '../../shared/aws/clients';
import { ec2Operations } from '../../shared/aws/ec2';
import { readConfig } from '../../shared/config/config';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createDefinitionStore } from '../../shared/status/definition-store';
import { createEndpointSlotStore } from '../../shared/status/endpoint-slots';
import { createStatusStore } from '../../shared/status/status-store';
import { ownedApiOf } from '../../shared/steps/owned-api';
import { UNDO_STEP } from '../../shared/steps/record-result';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';
import { undoRequest } from '../../shared/steps/undo-request';

const config = readConfig(['TABLE_NAME', 'AWS_REGION']);
const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const definitions = createDefinitionStore(table, config.TABLE_NAME);
const slots = createEndpointSlotStore(table, config.TABLE_NAME);
const apiGateway = apiGatewayOperations(apiGatewayClient());
const ec2 = ec2Operations(ec2Client());
const now = () => new Date();

export const handler = createStepHandler({
  step: UNDO_STEP,
  input: stepContextSchema.extend({ request: requestSchema.nullable() }),
  store,
  run: (input, context) =>
    undoRequest(input, {
      store,
      slots,
      apiGateway,
      ec2,
      now,
      getManagedApi: (apiKey) => store.getManagedApi(apiKey),
      async markRestored(apiKey, requestId, primaryEndpointId) {
        const record = await store.getManagedApi(apiKey);
        await store.updateManagedApi(
          apiKey,
          requestId,
          {
            state: 'ACTIVE',
            vpcEndpointId: primaryEndpointId,
            ...(record?.lastGood ? { desired: record.lastGood } : {}),
          },
          now().toISOString(),
        );
      },
      converge: {
        createApi: {
          apiGateway,
          loadDefinition: definitions.get,
          // Restoring an update: the API the record owns (recreated, should it have vanished).
          ownedApi: () => ownedApiOf(store, input.apiKey),
          newToken: randomUUID,
          reserveCreationToken: async (candidate) =>
            (await store.reserveApiCreationToken(
              input.apiKey,
              input.requestId,
              candidate,
              now().toISOString(),
            )) ?? candidate,
          recordApiId: async () => {},
        },
        attachPolicy: {
          apiGateway,
          region: config.AWS_REGION,
          accountId: accountIdOf(context.invokedFunctionArn),
        },
        associate: {
          apiGateway,
          ec2,
          region: config.AWS_REGION,
          registerUse: (use) =>
            store.registerEndpointUser({ ...use, apiKey: input.apiKey, now: now().toISOString() }),
        },
        deploy: { apiGateway },
      },
    }),
});
