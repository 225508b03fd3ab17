import type { ApiGatewayOperations, RestApiSummary } from '../aws/api-gateway';
import { MANAGED_TAG_KEYS } from '../naming';
import type { ManagedApiRecord } from '../status/records';
import type { StatusStore } from '../status/status-store';

/** What the managed-API record says of its REST API: the control plane's own account of it. */
export interface OwnedApi {
  /** The API's id, recorded as soon as CreateRestApi answered. */
  readonly apiId?: string;
  /** The token the record reserved before CreateRestApi, put on the API as a tag. */
  readonly creationToken?: string;
}

/**
 * The REST API a managed-API record owns: the one whose id it recorded; before an id was
 * recorded (CreateRestApi's answer was lost), the earliest created API carrying the creation
 * token the record reserved before creating it. Never an API found by the apiKey tag, which
 * anyone may copy onto another API (docs/aws-facts.md, EC2: tags are labels).
 */
export async function ownedRestApi(
  owned: OwnedApi,
  apiGateway: Pick<ApiGatewayOperations, 'getRestApi' | 'findRestApiByTag'>,
): Promise<RestApiSummary | undefined> {
  if (owned.apiId !== undefined) {
    const api = await apiGateway.getRestApi(owned.apiId);
    if (api) return api;
  }
  if (owned.creationToken === undefined) return undefined;
  const found = await apiGateway.findRestApiByTag(MANAGED_TAG_KEYS.creationToken, owned.creationToken);
  // An API recorded once and since deleted is not found again by its token.
  return found && found.restApiId !== owned.apiId ? found : undefined;
}

/** What a managed-API record owns, for a request that may act on it (any, or only `requestId`'s). */
export function ownedApiFrom(record: ManagedApiRecord | undefined, onlyIfHeldBy?: string): OwnedApi {
  if (!record || (onlyIfHeldBy !== undefined && record.lastRequestId !== onlyIfHeldBy)) return {};
  return {
    ...(record.apiId === undefined ? {} : { apiId: record.apiId }),
    ...(record.apiCreationToken === undefined ? {} : { creationToken: record.apiCreationToken }),
  };
}

/** The managed-API record's account of its API, read now. */
export async function ownedApiOf(
  store: Pick<StatusStore, 'getManagedApi'>,
  apiKey: string,
): Promise<OwnedApi> {
  return ownedApiFrom(await store.getManagedApi(apiKey));
}
