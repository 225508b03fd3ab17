import type { ApiGatewayOperations } from '../aws/api-gateway';
import { NotManagedError } from '../errors';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../naming';
import { type OwnedApi, ownedRestApi } from './owned-api';

export interface RemoveApiDeps {
  readonly apiGateway: Pick<
    ApiGatewayOperations,
    | 'getRestApi'
    | 'findRestApiByTag'
    | 'removeEndpointAssociation'
    | 'stageNames'
    | 'deleteStage'
    | 'deleteRestApi'
  >;
}

export interface RemoveApiResult {
  readonly restApiId?: string;
  readonly removed: boolean;
  /** What was undone or deleted, for the request record. */
  readonly actions: readonly string[];
}

/**
 * Removes the REST API a managed-API record owns (ownedRestApi: by the id it recorded, never by
 * a tag): disassociates its endpoints (their aliases go), deletes its stages, then the API. An
 * API without the control plane's managed-by tag is never touched (the deletion's IAM
 * permission requires the tag too). Safe to run twice: a removed API is simply not found.
 */
export async function removeApi(owned: OwnedApi, deps: RemoveApiDeps): Promise<RemoveApiResult> {
  const api = await ownedRestApi(owned, deps.apiGateway);
  if (!api) return { removed: false, actions: [] };
  if (api.tags[MANAGED_TAG_KEYS.managedBy] !== MANAGED_BY_VALUE) {
    throw new NotManagedError(
      `REST API ${api.restApiId} is not tagged ${MANAGED_TAG_KEYS.managedBy}=${MANAGED_BY_VALUE}: ` +
        'the control plane leaves it alone',
    );
  }
  const actions: string[] = [];
  for (const vpcEndpointId of api.vpcEndpointIds) {
    await deps.apiGateway.removeEndpointAssociation(api.restApiId, vpcEndpointId);
    actions.push(`disassociated ${vpcEndpointId} from ${api.restApiId}`);
  }
  for (const stageName of await deps.apiGateway.stageNames(api.restApiId)) {
    await deps.apiGateway.deleteStage(api.restApiId, stageName);
    actions.push(`deleted stage ${stageName} of ${api.restApiId}`);
  }
  await deps.apiGateway.deleteRestApi(api.restApiId);
  actions.push(`deleted REST API ${api.restApiId}`);
  return { restApiId: api.restApiId, removed: true, actions };
}
