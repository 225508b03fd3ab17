import type { ManagedApiRecord } from '../status/records';
import type { ReleaseEndpointsDeps } from './release-endpoints';
import { releaseEndpoints } from './release-endpoints';
import type { RemoveApiDeps } from './remove-api';
import { removeApi } from './remove-api';

export interface UndoRequestDeps extends RemoveApiDeps, ReleaseEndpointsDeps {
  readonly getManagedApi: (apiKey: string) => Promise<ManagedApiRecord | undefined>;
}

/**
 * Undoes what a failed create made, in reverse order: the API this request created, then its use
 * of the endpoint, deleting the endpoint only when this request created it and nothing else uses
 * it. Returns what it undid, for the record. Other actions undo nothing here: a failed delete is
 * retried by a new delete request, and a failed update is put back by the update flow itself.
 */
export async function undoRequest(
  input: { requestId: string; apiKey: string; action: string },
  deps: UndoRequestDeps,
): Promise<{ undone: string[] }> {
  if (input.action !== 'create') return { undone: [] };
  const removed = await removeApi({ apiKey: input.apiKey, onlyIfCreatedBy: input.requestId }, deps);
  const record = await deps.getManagedApi(input.apiKey);
  const endpoints =
    record?.lastRequestId === input.requestId && record.vpcEndpointId ? [record.vpcEndpointId] : [];
  const released = await releaseEndpoints(
    { apiKey: input.apiKey, vpcEndpointIds: endpoints, onlyIfCreatedBy: input.requestId },
    deps,
  );
  return {
    undone: [
      ...removed.actions,
      ...released.released.map((id) => `released ${id}`),
      ...released.deleted.map((id) => `deleted VPC endpoint ${id}`),
    ],
  };
}
