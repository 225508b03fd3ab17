import type { StatusStore } from '../status/status-store';
import { type CloseUnstartedDeps, closeUnstartedRequest } from './close-unstarted';

export interface CloseStalledDeps extends CloseUnstartedDeps {
  readonly store: Pick<
    StatusStore,
    'listAcceptedBefore' | 'setExecutionArn' | 'failUnstartedRequest' | 'updateManagedApi'
  >;
  readonly executionName: (requestId: string) => string;
  /** Whether an execution of that name exists; its ARN when it does. */
  readonly findExecution: (name: string) => Promise<string | undefined>;
  /** How long after intake accepted it a request without an execution counts as stalled. */
  readonly stalledAfterSeconds: number;
}

export interface CloseStalledResult {
  /** Requests whose workflow never started: now FAILED, their apiKeys released. */
  readonly closed: readonly string[];
  /** Requests whose execution had started but whose ARN was not recorded: now recorded. */
  readonly found: readonly string[];
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
  for (const record of await deps.store.listAcceptedBefore(cutoff)) {
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
  return { closed, found };
}
