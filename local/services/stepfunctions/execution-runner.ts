import type { Clock } from '../../core/clock';
import type { LambdaService } from '../lambda';
import type { AslRuntime } from './asl-runtime';
import type { CompiledDefinition } from './definition-compiler';
import { type ExecutionHistory, type LibraryEvent, MAX_HISTORY_EVENTS, toJson } from './execution-history';
import { buildTaskHandlers } from './task-handlers';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution of a Standard state machine. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly region: string;
  readonly roleArn: string;
  /** JSON text, as StartExecution received it. */
  readonly input: string;
  /** Simulated epoch ms. */
  readonly startDate: number;
  status: ExecutionStatus;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: ExecutionHistory;
  /** Stops the library's run (StopExecution, DeleteStateMachine, the cloud stopping). */
  abort: () => void;
  /** Resolves when the execution has closed. */
  readonly closed: Promise<void>;
}

export interface ExecutionRunnerDeps {
  readonly runtime: AslRuntime;
  readonly lambda: Pick<LambdaService, 'invoke'>;
  readonly clock: Clock;
}

/** How an execution ended, and the history event that says so. */
export interface ExecutionOutcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** The library's message for a Fail state without Error/Cause: AWS then reports neither. */
const DEFAULT_FAIL_STATE = { name: 'FailStateError', message: 'Execution failed because of a Fail state' };

/**
 * Closes an execution once: sets its status, stop date and result, and writes the terminal
 * history event (ExecutionSucceeded, ExecutionFailed, ExecutionTimedOut or ExecutionAborted).
 * Later outcomes are ignored: a stopped execution stays ABORTED whatever its states still do.
 */
export function closeExecution(record: ExecutionRecord, outcome: ExecutionOutcome, clock: Clock): boolean {
  if (record.status !== 'RUNNING') return false;
  record.status = outcome.status;
  record.stopDate = clock.now();
  record.output = outcome.output;
  record.error = outcome.error;
  record.cause = outcome.cause;
  record.history.flushAll();
  const errorDetails = {
    ...(outcome.error === undefined ? {} : { error: outcome.error }),
    ...(outcome.cause === undefined ? {} : { cause: outcome.cause }),
  };
  switch (outcome.status) {
    case 'SUCCEEDED':
      record.history.add({
        type: 'ExecutionSucceeded',
        detailsKey: 'executionSucceededEventDetails',
        details: { output: outcome.output ?? 'null', outputDetails: { truncated: false } },
      });
      break;
    case 'FAILED':
      record.history.add({
        type: 'ExecutionFailed',
        detailsKey: 'executionFailedEventDetails',
        details: errorDetails,
      });
      break;
    case 'TIMED_OUT':
      record.history.add({
        type: 'ExecutionTimedOut',
        detailsKey: 'executionTimedOutEventDetails',
        details: { error: 'States.Timeout' },
      });
      // DescribeExecution of a timed-out execution has no error or cause: only the history does.
      record.error = undefined;
      record.cause = undefined;
      break;
    case 'ABORTED':
      record.history.add({
        type: 'ExecutionAborted',
        detailsKey: 'executionAbortedEventDetails',
        details: errorDetails,
      });
      break;
  }
  return true;
}

/**
 * Runs an execution with `aws-local-stepfunctions`: Task states call the local Lambda, the
 * Context object carries the execution's id, name, start time and state machine, the library's
 * events become the AWS history, and the result becomes the execution's status.
 * Starts on a later tick: StartExecution has answered before the first state is entered.
 */
export async function runExecution(
  record: ExecutionRecord,
  compiled: CompiledDefinition,
  deps: ExecutionRunnerDeps,
): Promise<void> {
  await Promise.resolve();
  if (record.status !== 'RUNNING') return;
  const parsedInput: unknown = JSON.parse(record.input);
  const run = compiled.machine.run(parsedInput as Parameters<typeof compiled.machine.run>[0], {
    overrides: {
      taskResourceLocalHandlers: buildTaskHandlers(compiled.definition, {
        lambda: deps.lambda,
        history: record.history,
        region: record.region,
        isRunning: () => record.status === 'RUNNING',
      }) as NonNullable<
        NonNullable<Parameters<typeof compiled.machine.run>[1]>['overrides']
      >['taskResourceLocalHandlers'],
    },
    context: {
      Execution: {
        Id: record.executionArn,
        Input: parsedInput as never,
        Name: record.name,
        RoleArn: record.roleArn,
        StartTime: new Date(record.startDate).toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
    },
  });
  record.abort = run.abort;
  const recorded = (async () => {
    for await (const event of run.eventLogs) {
      record.history.onLibraryEvent(event as LibraryEvent);
      if (record.history.length >= MAX_HISTORY_EVENTS) break;
    }
  })();
  let outcome: ExecutionOutcome;
  try {
    outcome = { status: 'SUCCEEDED', output: toJson(await run.result) };
  } catch (error: unknown) {
    outcome = outcomeOfFailure(error, deps.runtime);
  }
  await recorded;
  closeExecution(record, outcome, deps.clock);
}

function outcomeOfFailure(error: unknown, runtime: AslRuntime): ExecutionOutcome {
  if (error instanceof runtime.ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof runtime.ExecutionTimeoutError) return { status: 'TIMED_OUT' };
  const failure =
    error instanceof runtime.ExecutionError && error.cause instanceof Error ? error.cause : error;
  if (!(failure instanceof Error))
    return { status: 'FAILED', error: 'States.Runtime', cause: String(failure) };
  const causeless = failure.message === DEFAULT_FAIL_STATE.message;
  if (failure.name === DEFAULT_FAIL_STATE.name && causeless) return { status: 'FAILED' };
  if (causeless) return { status: 'FAILED', error: failure.name };
  return { status: 'FAILED', error: failure.name, cause: failure.message };
}
