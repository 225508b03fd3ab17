import type { PublishEvent } from '../aws/events';
import type { AnswerWaitingCaller } from '../custom-resource/answer-callback';
import { STATUS_DETAIL_TYPES } from '../events';
import type { RequestError } from '../status/records';
import type { StatusStore } from '../status/status-store';

/** The step name a request whose workflow never started is recorded as failing at. */
export const INTAKE_STEP = 'intake';

export interface CloseUnstartedDeps {
  readonly store: Pick<StatusStore, 'failUnstartedRequest' | 'updateManagedApi'>;
  readonly publish: PublishEvent;
  /** Tells a stack waiting for the request (a catalog launch) how it ended. */
  readonly answerWaitingCaller: AnswerWaitingCaller;
  readonly now: () => Date;
}

/**
 * Closes an accepted request whose workflow could not be started (StartExecution refused it, or
 * it never started and was found stalled): the request ends FAILED with the reason, a create's
 * claim on its apiKey is released (the managed API becomes FAILED, which a new create may
 * claim), and PrivateApiRequestFailed is published. Does nothing when the request has moved on
 * or has an execution after all; safe to run twice. Returns whether it closed the request.
 */
export async function closeUnstartedRequest(
  request: { requestId: string; apiKey: string; action: string },
  error: { name: string; message: string },
  deps: CloseUnstartedDeps,
): Promise<boolean> {
  const now = deps.now().toISOString();
  const recorded: RequestError = { step: INTAKE_STEP, ...error };
  const closed = await deps.store.failUnstartedRequest({
    requestId: request.requestId,
    error: recorded,
    now,
  });
  if (!closed) return false;
  if (request.action === 'create') {
    // Conditional on this request holding the record: another request's claim is never touched.
    await deps.store.updateManagedApi(request.apiKey, request.requestId, { state: 'FAILED' }, now);
  }
  await deps.publish(STATUS_DETAIL_TYPES.failed, {
    requestId: request.requestId,
    apiKey: request.apiKey,
    action: request.action,
    step: INTAKE_STEP,
    error,
  });
  await deps.answerWaitingCaller(request.requestId);
  return true;
}
