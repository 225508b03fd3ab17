import type { PublishEvent } from '../aws/events';
import type { AnswerWaitingCaller } from '../custom-resource/answer-callback';
import { invokeUrls, regionalEndpointDnsName } from '../naming';
import type { RequestError } from '../status/records';
import type { StatusStore } from '../status/status-store';
import type { StepRequest } from './step-input';

export interface RecordResultDeps {
  readonly store: Pick<StatusStore, 'getRequest' | 'completeRequest' | 'updateManagedApi' | 'releaseLease'>;
  readonly publish: PublishEvent;
  /** Tells a stack waiting for the request (a catalog launch) how it ended. */
  readonly answerWaitingCaller: AnswerWaitingCaller;
  readonly region: string;
  readonly now: () => Date;
}

/** The step name the undo Lambda records under; never reported as the failed step. */
export const UNDO_STEP = 'undo';

export interface SuccessInput {
  readonly requestId: string;
  readonly apiKey: string;
  readonly action: string;
  readonly request: StepRequest;
  readonly restApiId: string;
  readonly vpcEndpointId: string;
  readonly endpointCreated: boolean;
  readonly endpointDnsNames: readonly string[];
  /** Every endpoint now associated with the API (the primary one first). */
  readonly associatedEndpointIds: readonly string[];
}

/** What a Catch puts at ResultPath: the error name and its cause (a Lambda's is JSON). */
export interface CaughtError {
  readonly Error: string;
  readonly Cause?: string;
}

export interface FailureInput {
  readonly requestId: string;
  readonly apiKey: string;
  readonly action: string;
  readonly failure: CaughtError;
  /** What the undo step undid, when it ran. */
  readonly undo?: { readonly undone: readonly string[] };
  /** The undo step's own failure. */
  readonly undoFailure?: CaughtError;
}

export interface DeletedInput {
  readonly requestId: string;
  readonly apiKey: string;
  readonly action: string;
  readonly removed: { readonly restApiId?: string; readonly actions: readonly string[] };
  readonly released: { readonly released: readonly string[]; readonly deleted: readonly string[] };
}

/**
 * Records a provisioned API: the managed-API record becomes ACTIVE, the request SUCCEEDED with
 * the invoke URLs, and a PrivateApiProvisioned event is published. Safe to run twice: the record
 * writes are conditional, and the event is published again (EventBridge consumers must expect
 * duplicates anyway: delivery is at least once).
 */
export async function recordSuccess(input: SuccessInput, deps: RecordResultDeps) {
  const { requestId, apiKey, request, restApiId, vpcEndpointId } = input;
  const stageName = request.api.stageName;
  const urls = invokeUrls({
    region: deps.region,
    restApiId,
    vpcEndpointId,
    stageName,
    privateDns: request.network.privateDns,
    endpointDnsName: regionalEndpointDnsName(input.endpointDnsNames.map((dnsName) => ({ dnsName }))),
  });
  const now = deps.now().toISOString();
  const spec = request as unknown as Record<string, unknown>;
  await deps.store.updateManagedApi(
    apiKey,
    requestId,
    {
      state: 'ACTIVE',
      apiId: restApiId,
      vpcEndpointId,
      stageName,
      invokeUrls: urls,
      desired: spec,
      lastGood: spec,
      associatedEndpointIds: [...input.associatedEndpointIds],
    },
    now,
  );
  const outputs = {
    apiId: restApiId,
    vpcEndpointId,
    associatedEndpointIds: input.associatedEndpointIds,
    stageName,
    endpointCreated: input.endpointCreated,
    invokeUrls: urls,
  };
  await deps.store.completeRequest({ requestId, status: 'SUCCEEDED', outputs, now });
  await deps.publish(input.action === 'update' ? 'PrivateApiUpdated' : 'PrivateApiProvisioned', {
    requestId,
    apiKey,
    apiId: restApiId,
    vpcEndpointId,
    stageName,
    invokeUrls: urls,
  });
  await deps.answerWaitingCaller(requestId);
  await deps.store.releaseLease(apiKey, requestId);
  return outputs;
}

/**
 * Records a deleted API: the managed-API record ends DELETED, the request SUCCEEDED with what was
 * removed and released, and a PrivateApiDeleted event is published.
 */
export async function recordDeleted(input: DeletedInput, deps: RecordResultDeps) {
  const { requestId, apiKey } = input;
  const now = deps.now().toISOString();
  await deps.store.updateManagedApi(apiKey, requestId, { state: 'DELETED' }, now);
  const outputs = {
    ...(input.removed.restApiId ? { apiId: input.removed.restApiId } : {}),
    removed: input.removed.actions,
    releasedEndpoints: input.released.released,
    deletedEndpoints: input.released.deleted,
  };
  await deps.store.completeRequest({ requestId, status: 'SUCCEEDED', outputs, now });
  await deps.publish('PrivateApiDeleted', {
    requestId,
    apiKey,
    ...(input.removed.restApiId ? { apiId: input.removed.restApiId } : {}),
  });
  await deps.answerWaitingCaller(requestId);
  await deps.store.releaseLease(apiKey, requestId);
  return outputs;
}

/** Reads a Catch's Cause: a Lambda error's is `{"errorType","errorMessage",...}`; a States.* error's is text. */
export function parseCause(failure: FailureInput['failure']): { name: string; message: string } {
  try {
    const cause: unknown = JSON.parse(failure.Cause ?? '');
    if (typeof cause === 'object' && cause !== null && 'errorMessage' in cause) {
      const errorType =
        'errorType' in cause && typeof cause.errorType === 'string' ? cause.errorType : failure.Error;
      return { name: errorType, message: String(cause.errorMessage) };
    }
  } catch {
    // not JSON: a plain-text cause
  }
  return { name: failure.Error, message: failure.Cause ?? failure.Error };
}

/**
 * Records a failed request: the step that failed (the last failed step on the record, else the
 * step under way), the error's name and message; the managed API becomes FAILED; a
 * PrivateApiRequestFailed event is published.
 */
export async function recordFailure(input: FailureInput, deps: RecordResultDeps): Promise<RequestError> {
  const { requestId, apiKey, action } = input;
  const record = await deps.store.getRequest(requestId);
  const cause = parseCause(input.failure);
  // The step that failed with the error the Catch got; an earlier failed entry with another
  // error was retried and recovered (and a timed-out Lambda records no entry at all).
  const failedStep = [...(record?.steps ?? [])]
    .reverse()
    .find(
      (entry) => entry.outcome === 'failed' && entry.step !== UNDO_STEP && entry.error?.name === cause.name,
    );
  const error: RequestError = {
    step: failedStep?.step ?? record?.currentStep ?? 'unknown',
    ...cause,
    ...(input.undo ? { undone: input.undo.undone } : {}),
    ...(input.undoFailure ? { undoError: parseCause(input.undoFailure) } : {}),
  };
  const now = deps.now().toISOString();
  // A failed update that was put back leaves the API as it was: ACTIVE (undo set it so). A failed
  // delete leaves it DELETING: part of it may be gone, so only another delete may take it over.
  if (action === 'create' || (action === 'update' && input.undoFailure)) {
    await deps.store.updateManagedApi(apiKey, requestId, { state: 'FAILED' }, now);
  }
  await deps.store.completeRequest({ requestId, status: 'FAILED', error, now });
  await deps.publish('PrivateApiRequestFailed', {
    requestId,
    apiKey,
    action,
    step: error.step,
    error: { name: error.name, message: error.message },
    ...(error.undone ? { undone: error.undone } : {}),
  });
  await deps.answerWaitingCaller(requestId);
  await deps.store.releaseLease(apiKey, requestId);
  return error;
}
