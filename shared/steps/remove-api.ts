import type { ApiGatewayOperations } from '../aws/api-gateway';
import { NotManagedError } from '../errors';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../naming';

export interface RemoveApiDeps {
  readonly apiGateway: Pick<
    ApiGatewayOperations,
    'findRestApiByTag' | 'removeEndpointAssociation' | 'stageNames' | 'deleteStage' | 'deleteRestApi'
  >;
}

export interface RemoveApiResult {
  readonly restApiId?: string;
  readonly removed: boolean;
  /** What was undone or deleted, for the request record. */
  readonly actions: readonly string[];
}

/**
 * Removes the managed API of an apiKey: disassociates its endpoints (their aliases go), deletes
 * its stages, then the API. With `onlyIfCreatedBy`, only an API that request created is removed
 * (undoing a failed create never touches another request's API). An API without the control
 * plane's managed-by tag is never touched. Safe to run twice: a removed API is simply not found.
 */
export async function removeApi(
  input: { apiKey: string; onlyIfCreatedBy?: string },
  deps: RemoveApiDeps,
): Promise<RemoveApiResult> {
  const api = await deps.apiGateway.findRestApiByTag(MANAGED_TAG_KEYS.apiKey, input.apiKey);
  if (!api) return { removed: false, actions: [] };
  if (api.tags[MANAGED_TAG_KEYS.managedBy] !== MANAGED_BY_VALUE) {
    throw new NotManagedError(
      `REST API ${api.restApiId} carries ${MANAGED_TAG_KEYS.apiKey}=${input.apiKey} but is not tagged ` +
        `${MANAGED_TAG_KEYS.managedBy}=${MANAGED_BY_VALUE}: the control plane leaves it alone`,
    );
  }
  if (input.onlyIfCreatedBy !== undefined && api.tags[MANAGED_TAG_KEYS.requestId] !== input.onlyIfCreatedBy) {
    return { restApiId: api.restApiId, removed: false, actions: [] };
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
