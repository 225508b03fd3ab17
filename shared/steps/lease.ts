import { LeaseHeldError, ManagedApiStateError } from '../errors';
import type { StatusStore } from '../status/status-store';

export interface LeaseDeps {
  readonly store: Pick<StatusStore, 'acquireLease' | 'getManagedApi'>;
  /** How long a lease lasts: a crashed holder's lease expires after it (the workflow's own time limit). */
  readonly ttlMs: number;
  readonly nowMs: () => number;
}

/**
 * Takes the apiKey's lease for this request, so that operations on one apiKey run one at a time
 * (different apiKeys, even in one VPC, run in parallel). Held by another request → LeaseHeldError,
 * which the state machine retries with backoff: waiting for the other operation is normal.
 * Taking it again (a retried step) is success.
 */
export async function acquireLease(
  input: { requestId: string; apiKey: string; action: string },
  deps: LeaseDeps,
) {
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
