import { STATUS_DETAIL_TYPES } from '../events';
import type { RequestRecord } from '../status/records';
import type { StatusStore } from '../status/status-store';
import { type CloseUnstartedDeps, closeUnstartedRequest } from './close-unstarted';

export interface CloseStalledDeps extends CloseUnstartedDeps {
  readonly store: Pick<
    StatusStore,
    | 'listOpenBefore'
    | 'setExecutionArn'
    | 'failUnstartedRequest'
    | 'updateManagedApi'
    | 'completeRequest'
    | 'releaseLease'
  >;
  readonly executionName: (requestId: string) => string;
  /** Whether an execution of that name exists; its ARN when it does. */
  readonly findExecution: (name: string) => Promise<string | undefined>;
  /** An execution's status and how it ended; undefined when it does not exist. */
  readonly executionStatus: (
    executionArn: string,
  ) => Promise<{ status: string; error?: string; cause?: string } | undefined>;
  /** Requests that a stack still waits for, recorded before the given time. */
  readonly pendingCallbacks: (before: string) => Promise<readonly string[]>;
  /** How long after intake accepted it a request without an execution counts as stalled. */
  readonly stalledAfterSeconds: number;
  /**
   * How long an open request with an ended execution, or an unanswered stack, is left before it
   * is looked at: the workflow's own recording step usually ends it first.
   */
  readonly settleSeconds: number;
}

export interface CloseStalledResult {
  /** Requests whose workflow never started: now FAILED, their apiKeys released. */
  readonly closed: readonly string[];
  /** Requests whose execution had started but whose ARN was not recorded: now recorded. */
  readonly found: readonly string[];
  /** Requests whose execution ended without recording how (timed out, aborted, a crash): now FAILED. */
  readonly abandoned: readonly string[];
}

/**
 * The backstop for requests intake accepted but could not start (its retries ran out on
 * throttling, say, and the event went to the dead-letter queue): every ACCEPTED request older
 * than `stalledAfterSeconds` with no execution is closed FAILED with the reason and its apiKey
 * released, so that no apiKey stays claimed for good. One whose execution exists after all gets
 * its ARN recorded and is left to it. Safe to run twice, and alongside intake: the close is
 * conditional on the request still having no execution, and an execution that starts after it
 * finds its request closed and does nothing.
 */
export async function closeStalledRequests(deps: CloseStalledDeps): Promise<CloseStalledResult> {
  const cutoff = new Date(deps.now().getTime() - deps.stalledAfterSeconds * 1000).toISOString();
  const closed: string[] = [];
  const found: string[] = [];
  for (const record of await deps.store.listOpenBefore('ACCEPTED', cutoff)) {
    if (record.executionArn || !record.apiKey || !record.action) continue;
    const executionArn = await deps.findExecution(deps.executionName(record.requestId));
    if (executionArn) {
      await deps.store.setExecutionArn(record.requestId, executionArn, deps.now().toISOString());
      found.push(record.requestId);
      continue;
    }
    const message =
      `the workflow did not start within ${deps.stalledAfterSeconds} s of intake ` +
      '(intake could not start it: see its dead-letter queue); send the request again with a new requestId';
    const done = await closeUnstartedRequest(
      { requestId: record.requestId, apiKey: record.apiKey, action: record.action },
      { name: 'WorkflowNotStarted', message },
      deps,
    );
    if (done) closed.push(record.requestId);
  }
  const settled = new Date(deps.now().getTime() - deps.settleSeconds * 1000).toISOString();
  const abandoned: string[] = [];
  const open = [
    ...(await deps.store.listOpenBefore('IN_PROGRESS', settled)),
    ...(await deps.store.listOpenBefore('ACCEPTED', settled)),
  ];
  for (const record of open) {
    if (record.executionArn && (await closeAbandoned(record, record.executionArn, deps))) {
      abandoned.push(record.requestId);
    }
  }
  // A stack whose answer could not be delivered when its request ended is told now.
  for (const requestId of await deps.pendingCallbacks(settled)) await deps.answerWaitingCaller(requestId);
  return { closed, found, abandoned };
}

/**
 * Closes a request whose execution ended without its recording step: FAILED with how the
 * execution ended, a create's or update's hold on the managed API released (FAILED), the lease
 * given back, PrivateApiRequestFailed published, and a waiting stack told (the catalog's safety
 * net: it learns within a sweep, long before its ServiceTimeout).
 */
async function closeAbandoned(
  record: RequestRecord,
  executionArn: string,
  deps: CloseStalledDeps,
): Promise<boolean> {
  const execution = await deps.executionStatus(executionArn);
  if (!execution || execution.status === 'RUNNING' || !record.apiKey || !record.action) return false;
  const now = deps.now().toISOString();
  const error = {
    step: record.currentStep ?? 'unknown',
    name: execution.error ?? `Execution${execution.status}`,
    message:
      `the workflow ended ${execution.status} without recording the outcome` +
      `${execution.cause ? `: ${execution.cause.slice(0, 500)}` : ''}; what it did is in the steps. Send the request again`,
  };
  if (!(await deps.store.completeRequest({ requestId: record.requestId, status: 'FAILED', error, now })))
    return false;
  if (record.action !== 'delete') {
    await deps.store.updateManagedApi(record.apiKey, record.requestId, { state: 'FAILED' }, now);
  }
  await deps.store.releaseLease(record.apiKey, record.requestId);
  await deps.publish(STATUS_DETAIL_TYPES.failed, {
    requestId: record.requestId,
    apiKey: record.apiKey,
    action: record.action,
    step: error.step,
    error: { name: error.name, message: error.message },
  });
  await deps.answerWaitingCaller(record.requestId);
  return true;
}
