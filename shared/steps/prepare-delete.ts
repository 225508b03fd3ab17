import { ManagedApiStateError } from '../errors';
import type { StatusStore } from '../status/status-store';

/**
 * Hands the managed API to the delete request (it holds the apiKey's lease) and returns what the
 * deletion must release: every endpoint the API was associated with.
 */
export async function prepareDelete(
  input: { requestId: string; apiKey: string },
  deps: { store: Pick<StatusStore, 'takeOverManagedApi'>; now: () => Date },
): Promise<{ vpcEndpointIds: string[] }> {
  const taken = await deps.store.takeOverManagedApi({
    apiKey: input.apiKey,
    requestId: input.requestId,
    state: 'DELETING',
    from: ['ACTIVE', 'FAILED', 'PROVISIONING', 'UPDATING', 'DELETING'],
    now: deps.now().toISOString(),
  });
  if (!taken.taken) {
    throw new ManagedApiStateError(
      taken.record
        ? `${input.apiKey} is ${taken.record.state}: there is nothing to delete`
        : `${input.apiKey} is not a managed API`,
    );
  }
  const { vpcEndpointId, associatedEndpointIds = [] } = taken.record;
  return {
    vpcEndpointIds: [...new Set([...(vpcEndpointId ? [vpcEndpointId] : []), ...associatedEndpointIds])],
  };
}
