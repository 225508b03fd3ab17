import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { apiGatewayOperations } from '../../shared/aws/api-gateway';
import { apiGatewayClient, documentClient } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { ManagedApiStateError } from '../../shared/errors';
import { createStepHandler } from '../../shared/middleware/step-handler';
import { createDefinitionStore } from '../../shared/status/definition-store';
import { createStatusStore } from '../../shared/status/status-store';
import { createApi } from '../../shared/steps/create-api';
import { ownedApiOf } from '../../shared/steps/owned-api';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME']);
const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const definitions = createDefinitionStore(table, config.TABLE_NAME);
const apiGateway = apiGatewayOperations(apiGatewayClient());

export const handler = createStepHandler({
  step: 'create-api',
  input: stepContextSchema.extend({
    request: requestSchema,
    previous: requestSchema.nullable(),
    vpcEndpointId: z.string(),
  }),
  store,
  run: ({ requestId, apiKey, request, previous }) =>
    createApi(
      { requestId, apiKey, request, previous },
      {
        apiGateway,
        loadDefinition: definitions.get,
        ownedApi: () => ownedApiOf(store, apiKey),
        newToken: randomUUID,
        async reserveCreationToken(candidate) {
          const reserved = await store.reserveApiCreationToken(
            apiKey,
            requestId,
            candidate,
            new Date().toISOString(),
          );
          if (reserved === undefined) {
            throw new ManagedApiStateError(
              `${apiKey} was taken over by another request: not creating its API`,
            );
          }
          return reserved;
        },
        recordApiId: async (apiId) => {
          await store.updateManagedApi(apiKey, requestId, { apiId }, new Date().toISOString());
        },
      },
    ),
});
