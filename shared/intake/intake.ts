import type { PublishEvent } from '../aws/events';
import { AwsServiceError, classifyAwsError } from '../errors';
import { STATUS_DETAIL_TYPES } from '../events';
import type { FieldError, PrivateApiRequest } from '../request';
import { canonicalRequestHash, parsePrivateApiRequest } from '../request';
import type { CallbackStore } from '../status/callback-store';
import type { DefinitionStore } from '../status/definition-store';
import type { StatusStore } from '../status/status-store';
import { type WorkflowRequest, workflowRequest } from '../steps/step-input';
import { type CloseUnstartedDeps, closeUnstartedRequest, INTAKE_STEP } from './close-unstarted';
import { recordedValue } from './recorded-value';
import { requestCallerOf } from './request-caller';

/** The EventBridge envelope fields intake reads. */
export interface RequestEnvelope {
  readonly id: string;
  readonly account: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: unknown;
}

export interface IntakeDeps extends CloseUnstartedDeps {
  readonly store: Pick<
    StatusStore,
    | 'getRequest'
    | 'acceptRequest'
    | 'rejectRequest'
    | 'claimManagedApi'
    | 'setExecutionArn'
    | 'getManagedApi'
    | 'failUnstartedRequest'
    | 'updateManagedApi'
  >;
  /** The callbacks of waiting stacks: a catalog request's record names its stack. */
  readonly callbacks: Pick<CallbackStore, 'get'>;
  /** Where a request's OpenAPI definition is kept: the workflow carries a reference to it. */
  readonly definitions: Pick<DefinitionStore, 'put'>;
  readonly publish: PublishEvent;
  /**
   * StartExecution with a deterministic name; returns the execution ARN (the original one for a
   * duplicate). Throws the SDK's error when Step Functions refuses.
   */
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
  | { readonly outcome: 'conflict'; readonly requestId: string; readonly reason: string }
  | { readonly outcome: 'not-started'; readonly requestId: string; readonly reason: string };

/** A requestId to file a rejection under when the request's own is missing or malformed. */
const fallbackRequestId = (eventId: string) => `rejected-${eventId}`.slice(0, 64);

function stringField(detail: unknown, field: string): string | undefined {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const value = (detail as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * What the stage's allowlists refuse in a request: the source account, and every VPC it names
 * (the requester's, and those the policy would admit). The endpoints it names are checked
 * against the allowlists at preflight, where their VPCs can be looked up.
 */
function allowlistReasons(
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
  if (request.action === 'delete' || deps.allowedVpcIds.length === 0) return reasons;
  const named = [
    { field: 'network.vpcId', vpcId: request.network.vpcId },
    ...request.access.allowedVpcIds.map((vpcId, index) => ({
      field: `access.allowedVpcIds[${index}]`,
      vpcId,
    })),
  ];
  for (const { field, vpcId } of named) {
    if (!deps.allowedVpcIds.includes(vpcId)) {
      reasons.push({ field, message: `${vpcId} is not among the VPCs this control plane serves` });
    }
  }
  return reasons;
}

/**
 * Takes one request event: validates it (field-level reasons), files a status record with a
 * conditional write, claims the apiKey, stores the OpenAPI definition and starts the workflow
 * under a name derived from the requestId with a reference to it. A repeated delivery is a
 * no-op; the same requestId with other content is refused; an invalid request is REJECTED with
 * every reason and nothing else happens. A request Step Functions refuses to start ends FAILED
 * with the reason, its apiKey released: no request stays ACCEPTED for good.
 */
export async function takeRequest(envelope: RequestEnvelope, deps: IntakeDeps): Promise<IntakeOutcome> {
  const now = deps.now().toISOString();
  const parsed = parsePrivateApiRequest(envelope.detail);
  const rawRequestId = stringField(envelope.detail, 'requestId');
  const reasons = parsed.ok ? allowlistReasons(parsed.request, envelope, deps) : parsed.errors;

  const reject = async (
    requestId: string,
    why: readonly FieldError[],
    requestHash?: string,
  ): Promise<IntakeOutcome> => {
    // A hostile value (450,000 characters, say) is cut in the record, and the cut is named.
    const apiKey = recordedValue('apiKey', stringField(envelope.detail, 'apiKey'));
    const action = recordedValue('action', stringField(envelope.detail, 'action'));
    const filedReasons = [...why, ...apiKey.notes, ...action.notes];
    const filed = await deps.store.rejectRequest({
      requestId,
      apiKey: apiKey.value,
      action: action.value,
      reasons: filedReasons,
      requestHash,
      caller: await requestCallerOf(envelope.source, requestId, deps.callbacks),
      now,
    });
    if (filed) {
      await deps.publish(STATUS_DETAIL_TYPES.rejected, {
        requestId,
        ...(apiKey.value ? { apiKey: apiKey.value } : {}),
        reasons: filedReasons,
      });
      await deps.answerWaitingCaller(requestId);
    }
    return { outcome: 'rejected', requestId, reasons: filedReasons };
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

  const existing = await deps.store.getRequest(requestId);
  if (existing) {
    if (existing.requestHash !== requestHash) {
      return conflict(requestId, 'this requestId was already used for a different request', deps);
    }
    if (existing.status === 'REJECTED') return { outcome: 'duplicate', requestId };
    if (existing.executionArn)
      return { outcome: 'duplicate', requestId, executionArn: existing.executionArn };
    if (existing.status !== 'ACCEPTED') {
      // Closed without a workflow (refused by Step Functions, or found stalled): never start it
      // now. Its claim is released again, in case the first attempt stopped before doing so.
      if (existing.error?.step === INTAKE_STEP && action === 'create') {
        await deps.store.updateManagedApi(apiKey, requestId, { state: 'FAILED' }, now);
      }
      return { outcome: 'duplicate', requestId };
    }
    // A repeated delivery of an accepted request: make sure the workflow runs (StartExecution
    // with the same name and input returns the original execution), in case the first delivery
    // stopped before it.
    return startWorkflow(await workflowInput(), 'duplicate');
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
    return acceptAndStart(await workflowInput());
  }

  const input = await workflowInput();
  const claim = await deps.store.claimManagedApi({
    apiKey,
    requestId,
    desired: input.request as unknown as Record<string, unknown>,
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
  return acceptAndStart(input);

  /** The execution's input: the request with its definition stored and referred to. */
  async function workflowInput(): Promise<{ request: WorkflowRequest; json: string }> {
    const openApi = request.action === 'delete' ? undefined : request.api.openApi;
    const definition = openApi ? await deps.definitions.put(openApi) : undefined;
    const carried = workflowRequest(request, definition);
    return { request: carried, json: JSON.stringify({ requestId, action, apiKey, request: carried }) };
  }

  async function acceptAndStart(input: { json: string }): Promise<IntakeOutcome> {
    const caller = await requestCallerOf(envelope.source, requestId, deps.callbacks);
    const accepted = await deps.store.acceptRequest({ requestId, apiKey, action, requestHash, caller, now });
    if (!accepted.created && accepted.existing.requestHash !== requestHash) {
      return conflict(requestId, 'this requestId was already used for a different request', deps);
    }
    return startWorkflow(input, accepted.created ? 'started' : 'duplicate');
  }

  async function startWorkflow(
    input: { json: string },
    outcome: 'started' | 'duplicate',
  ): Promise<IntakeOutcome> {
    let executionArn: string;
    try {
      executionArn = await deps.startExecution(deps.executionName(requestId), input.json);
    } catch (error: unknown) {
      const classified = classifyAwsError(error);
      // Throttling, a quota of open executions, a server fault: EventBridge's asynchronous
      // invocation retries intake (the stalled-request sweep is the backstop).
      if (classified instanceof AwsServiceError) throw classified;
      // Refused for good (the input, the name, the state machine): end the request with the reason.
      const reason = `Step Functions did not start the workflow: ${classified.name}: ${classified.message}`;
      await closeUnstartedRequest(
        { requestId, apiKey, action },
        { name: 'WorkflowNotStarted', message: reason },
        deps,
      );
      return { outcome: 'not-started', requestId, reason };
    }
    await deps.store.setExecutionArn(requestId, executionArn, deps.now().toISOString());
    return outcome === 'started'
      ? { outcome: 'started', requestId, executionArn }
      : { outcome: 'duplicate', requestId, executionArn };
  }
}

async function conflict(requestId: string, reason: string, deps: IntakeDeps): Promise<IntakeOutcome> {
  await deps.publish(STATUS_DETAIL_TYPES.rejected, {
    requestId,
    reasons: [{ field: 'requestId', message: `${reason}: use a new requestId` }],
  });
  return { outcome: 'conflict', requestId, reason };
}
