import { LeaseHeldError, ManagedApiStateError, RequestClosedError } from '../errors';
import { OPEN_STATUSES } from '../status/records';
import type { StatusStore } from '../status/status-store';

export interface LeaseDeps {
  readonly store: Pick<StatusStore, 'acquireLease' | 'getManagedApi' | 'getRequest'>;
  /** How long a lease lasts: a crashed holder's lease expires after it (the workflow's own time limit). */
  readonly ttlMs: number;
  readonly nowMs: () => number;
}

/**
 * Takes the apiKey's lease for this request, so that operations on one apiKey run one at a time
 * (different apiKeys, even in one VPC, run in parallel). Held by another request → LeaseHeldError,
 * which the state machine retries with backoff: waiting for the other operation is normal.
 * Taking it again (a retried step) is success. A request that is closed already
 * (RequestClosedError) gets nothing: the state machine ends without recording.
 */
export async function acquireLease(
  input: { requestId: string; apiKey: string; action: string },
  deps: LeaseDeps,
) {
  // An execution started after its request was closed (intake found it stalled and failed it):
  // the request's story is told, its apiKey may be someone else's now. Touch nothing.
  const request = await deps.store.getRequest(input.requestId);
  if (request && !OPEN_STATUSES.includes(request.status)) {
    throw new RequestClosedError(
      `request ${input.requestId} is ${request.status} already: its workflow started too late and does nothing`,
    );
  }
  const result = await deps.store.acquireLease({
    apiKey: input.apiKey,
    requestId: input.requestId,
    nowMs: deps.nowMs(),
    ttlMs: deps.ttlMs,
  });
  if (!result.acquired) {
    const until = result.lease ? new Date(result.lease.expiresAt).toISOString() : 'unknown';
    throw new LeaseHeldError(
      `${input.apiKey} is busy with request ${result.lease?.holder ?? 'unknown'} (lease until ${until})`,
    );
  }
  if (input.action === 'create') {
    // While this create waited, a delete of the same apiKey may have taken the API over.
    const managed = await deps.store.getManagedApi(input.apiKey);
    if (managed?.lastRequestId !== input.requestId || managed.state !== 'PROVISIONING') {
      throw new ManagedApiStateError(
        `${input.apiKey} was taken over by request ${managed?.lastRequestId ?? 'unknown'} (${managed?.state ?? 'gone'}) ` +
          'while this create waited for it',
      );
    }
  }
  return { leased: true };
}
