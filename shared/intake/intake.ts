import type { FieldError, PrivateApiRequest } from '../request';
import { canonicalRequestHash, parsePrivateApiRequest } from '../request';
import type { StatusStore } from '../status/status-store';

/** The EventBridge envelope fields intake reads. */
export interface RequestEnvelope {
  readonly id: string;
  readonly account: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
}

export interface IntakeDeps {
  readonly store: Pick<
    StatusStore,
    'getRequest' | 'acceptRequest' | 'rejectRequest' | 'claimManagedApi' | 'setExecutionArn' | 'getManagedApi'
  >;
  readonly publish: (detailType: string, detail: Record<string, unknown>) => Promise<void>;
  /** StartExecution with a deterministic name; returns the execution ARN (the original one for a duplicate). */
  readonly startExecution: (name: string, input: string) => Promise<string>;
  readonly executionName: (requestId: string) => string;
  /** Serve only these VPCs / source accounts (per stage); empty lists serve all. */
  readonly allowedVpcIds: readonly string[];
  readonly allowedAccountIds: readonly string[];
  readonly now: () => Date;
}

export type IntakeOutcome =
  | { readonly outcome: 'started'; readonly requestId: string; readonly executionArn: string }
  | { readonly outcome: 'duplicate'; readonly requestId: string; readonly executionArn?: string }
  | { readonly outcome: 'rejected'; readonly requestId: string; readonly reasons: readonly FieldError[] }
  | { readonly outcome: 'conflict'; readonly requestId: string; readonly reason: string };

/** A requestId to file a rejection under when the request's own is missing or malformed. */
const fallbackRequestId = (eventId: string) => `rejected-${eventId}`.slice(0, 64);

function stringField(detail: unknown, field: string): string | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const value = (detail as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function policyReasons(
  request: PrivateApiRequest,
  envelope: RequestEnvelope,
  deps: IntakeDeps,
): FieldError[] {
  const reasons: FieldError[] = [];
  if (deps.allowedAccountIds.length > 0 && !deps.allowedAccountIds.includes(envelope.account)) {
    reasons.push({
      field: 'account',
      message: `account ${envelope.account} is not served by this control plane`,
    });
  }
  if (request.action !== 'delete' && deps.allowedVpcIds.length > 0) {
    if (!deps.allowedVpcIds.includes(request.network.vpcId)) {
      reasons.push({
        field: 'network.vpcId',
        message: `${request.network.vpcId} is not among the VPCs this control plane serves`,
      });
    }
  }
  return reasons;
}

/**
 * Takes one request event: validates it (field-level reasons), files a status record with a
 * conditional write, claims the apiKey, and starts the workflow under a name derived from the
 * requestId. A repeated delivery is a no-op; the same requestId with other content is refused;
 * an invalid request is REJECTED with every reason and nothing else happens.
 */
export async function takeRequest(envelope: RequestEnvelope, deps: IntakeDeps): Promise<IntakeOutcome> {
  const now = deps.now().toISOString();
  const parsed = parsePrivateApiRequest(envelope.detail);
  const rawRequestId = stringField(envelope.detail, 'requestId');
  const reasons = parsed.ok ? policyReasons(parsed.request, envelope, deps) : parsed.errors;

  const reject = async (
    requestId: string,
    why: readonly FieldError[],
    requestHash?: string,
  ): Promise<IntakeOutcome> => {
    const apiKey = stringField(envelope.detail, 'apiKey');
    const action = stringField(envelope.detail, 'action');
    const filed = await deps.store.rejectRequest({
      requestId,
      apiKey,
      action,
      reasons: why,
      requestHash,
      now,
    });
    if (filed) {
      await deps.publish('PrivateApiRequestRejected', {
        requestId,
        ...(apiKey ? { apiKey } : {}),
        reasons: why,
      });
    }
    return { outcome: 'rejected', requestId, reasons: why };
  };

  if (!parsed.ok || reasons.length > 0) {
    const idIsValid = parsed.ok || !parsed.errors.some((error) => error.field === 'requestId');
    const requestId = idIsValid && rawRequestId ? rawRequestId : fallbackRequestId(envelope.id);
    const existing = await deps.store.getRequest(requestId);
    if (existing && existing.status !== 'REJECTED') {
      // The id belongs to an accepted request: never overwrite it with this one's rejection.
      return conflict(requestId, 'this requestId was already used for a different request', deps);
    }
    return reject(requestId, reasons);
  }

  const request = parsed.request;
  const { requestId, apiKey, action } = request;
  const requestHash = canonicalRequestHash(request);
  const executionInput = JSON.stringify({ requestId, action, apiKey, request });

  const existing = await deps.store.getRequest(requestId);
  if (existing) {
    if (existing.requestHash !== requestHash) {
      return conflict(requestId, 'this requestId was already used for a different request', deps);
    }
    if (existing.status === 'REJECTED') return { outcome: 'duplicate', requestId };
    // A repeated delivery: make sure the workflow runs (StartExecution with the same name and
    // input returns the original execution), in case the first delivery stopped before it.
    const executionArn = existing.executionArn ?? (await start());
    return { outcome: 'duplicate', requestId, executionArn };
  }

  if (action === 'delete' || action === 'update') {
    // Both run under the apiKey's lease in the workflow; here only whether there is an API to act on.
    const managed = await deps.store.getManagedApi(apiKey);
    const refusal = !managed
      ? `${apiKey} is not a managed API: nothing to ${action}`
      : managed.state === 'DELETED'
        ? `${apiKey} is deleted: nothing to ${action}`
        : action === 'update' && managed.state === 'DELETING'
          ? `${apiKey} is being deleted (request ${managed.lastRequestId}): it cannot be updated`
          : undefined;
    if (refusal) return reject(requestId, [{ field: 'apiKey', message: refusal }], requestHash);
    return acceptAndStart();
  }

  const claim = await deps.store.claimManagedApi({
    apiKey,
    requestId,
    desired: request as unknown as Record<string, unknown>,
    state: 'PROVISIONING',
    now,
  });
  if (!claim.claimed) {
    return reject(
      requestId,
      [
        {
          field: 'apiKey',
          message: `${apiKey} is already managed (state ${claim.holder?.state ?? 'unknown'}, request ${claim.holder?.lastRequestId ?? 'unknown'}): send action update to change it`,
        },
      ],
      requestHash,
    );
  }
  return acceptAndStart();

  async function acceptAndStart(): Promise<IntakeOutcome> {
    const accepted = await deps.store.acceptRequest({ requestId, apiKey, action, requestHash, now });
    if (!accepted.created && accepted.existing.requestHash !== requestHash) {
      return conflict(requestId, 'this requestId was already used for a different request', deps);
    }
    const executionArn = await start();
    return accepted.created
      ? { outcome: 'started', requestId, executionArn }
      : { outcome: 'duplicate', requestId, executionArn };
  }

  async function start(): Promise<string> {
    const executionArn = await deps.startExecution(deps.executionName(requestId), executionInput);
    await deps.store.setExecutionArn(requestId, executionArn, deps.now().toISOString());
    return executionArn;
  }
}

async function conflict(requestId: string, reason: string, deps: IntakeDeps): Promise<IntakeOutcome> {
  await deps.publish('PrivateApiRequestRejected', {
    requestId,
    reasons: [{ field: 'requestId', message: `${reason}: use a new requestId` }],
  });
  return { outcome: 'conflict', requestId, reason };
}
