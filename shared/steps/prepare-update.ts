import { ManagedApiStateError } from '../errors';
import type { StatusStore } from '../status/status-store';

export interface PreparedChange {
  /** The spec the API was last converged to (null for a create): what a failed update returns to. */
  readonly previous: Record<string, unknown> | null;
  readonly previousStageName: string | null;
}

/**
 * Hands the managed API to the update request (it holds the apiKey's lease) and returns the last
 * good spec, which the update is compared with and which a failed update is put back to. Only an
 * ACTIVE API can be updated: a deleted one (say, by a delete that ran first) cannot.
 */
export async function prepareUpdate(
  input: { requestId: string; apiKey: string },
  deps: { store: Pick<StatusStore, 'takeOverManagedApi'>; now: () => Date },
): Promise<PreparedChange> {
  const taken = await deps.store.takeOverManagedApi({
    apiKey: input.apiKey,
    requestId: input.requestId,
    state: 'UPDATING',
    from: ['ACTIVE'],
    now: deps.now().toISOString(),
  });
  if (!taken.taken) {
    throw new ManagedApiStateError(
      taken.record
        ? `${input.apiKey} is ${taken.record.state}: only an ACTIVE API can be updated`
        : `${input.apiKey} is not a managed API`,
    );
  }
  const previous = taken.record.lastGood ?? taken.record.desired;
  return { previous, previousStageName: taken.record.stageName ?? null };
}
