import type { ApiGatewayOperations } from '../aws/api-gateway';
import { managedApiTags, pingMockOpenApi } from '../naming';
import type { DefinitionStore } from '../status/definition-store';
import { type OwnedApi, ownedRestApi } from './owned-api';
import type { StepRequest } from './step-input';

export interface CreateApiDeps {
  readonly apiGateway: Pick<
    ApiGatewayOperations,
    'getRestApi' | 'findRestApiByTag' | 'createPrivateRestApi' | 'putDefinition' | 'updateNameAndDescription'
  >;
  /** What the managed-API record says of its API. */
  readonly ownedApi: () => Promise<OwnedApi>;
  /**
   * Reserves the record's creation token before CreateRestApi: the record keeps the first one
   * reserved, and that is the one returned.
   */
  readonly reserveCreationToken: (candidate: string) => Promise<string>;
  /** Records the API id on the managed-API record as soon as it is known, so nothing is orphaned. */
  readonly recordApiId: (restApiId: string) => Promise<void>;
  /** The OpenAPI definition a request refers to (intake stored it). */
  readonly loadDefinition: DefinitionStore['get'];
  /** A fresh creation token (random: it must not be guessable before the API carries it). */
  readonly newToken: () => string;
}

export interface CreateApiResult {
  readonly restApiId: string;
  readonly created: boolean;
}

/** OpenAPI extensions the control plane owns: a user's definition must not replace the policy or endpoint type. */
const CONTROL_PLANE_EXTENSIONS = ['x-amazon-apigateway-policy', 'x-amazon-apigateway-endpoint-configuration'];

export function withoutControlPlaneExtensions(openApi: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(openApi).filter(([key]) => !CONTROL_PLANE_EXTENSIONS.includes(key)),
  );
}

/**
 * Creates the private REST API unless the managed-API record owns one already (CreateRestApi has
 * no client token: the record reserves a creation token first and the API carries it, so a re-run
 * after a lost answer finds it and never makes a second API; ownedRestApi), then puts its
 * definition, the request's OpenAPI or a MOCK `GET /ping` so that it can be deployed and probed.
 * PutRestApi in overwrite mode is idempotent. On an update, the definition is put only when it
 * changed (the same reference: definitions are stored under their hash).
 */
export async function createApi(
  input: { requestId: string; apiKey: string; request: StepRequest; previous?: StepRequest | null },
  deps: CreateApiDeps,
): Promise<CreateApiResult> {
  const { api, tags } = input.request;
  const owned = await deps.ownedApi();
  const existing = await ownedRestApi(owned, deps.apiGateway);
  const restApi =
    existing ??
    (await deps.apiGateway.createPrivateRestApi({
      name: api.name,
      description: api.description,
      tags: managedApiTags(
        input.apiKey,
        input.requestId,
        tags ?? {},
        await deps.reserveCreationToken(owned.creationToken ?? deps.newToken()),
      ),
    }));
  await deps.recordApiId(restApi.restApiId);
  if (existing && (existing.name !== api.name || (existing.description ?? '') !== (api.description ?? ''))) {
    await deps.apiGateway.updateNameAndDescription(restApi.restApiId, api.name, api.description ?? '');
  }
  // PutRestApi in overwrite mode also clears the policy and the endpoint associations: an update
  // that keeps the definition leaves it alone (the policy and association steps follow anyway).
  if (existing && input.previous && input.previous.api.definition?.sha256 === api.definition?.sha256) {
    return { restApiId: restApi.restApiId, created: false };
  }
  const definition = api.definition
    ? withRequestedName(
        withoutControlPlaneExtensions(await deps.loadDefinition(api.definition)),
        api.name,
        api.description,
      )
    : pingMockOpenApi(api.name);
  await deps.apiGateway.putDefinition(restApi.restApiId, definition);
  return { restApiId: restApi.restApiId, created: existing === undefined };
}

/** PutRestApi names the API after `info.title`: the request's name (and description) win. */
function withRequestedName(
  openApi: Record<string, unknown>,
  name: string,
  description: string | undefined,
): Record<string, unknown> {
  const info = typeof openApi.info === 'object' && openApi.info !== null ? openApi.info : {};
  return { ...openApi, info: { ...info, title: name, ...(description ? { description } : {}) } };
}
