import { randomUUID } from 'node:crypto';
import type { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { AwsError } from '../../core/aws-error';
import type { Clock } from '../../core/clock';
import type { ClockTimers } from '../../core/clock-timers';
import { type FunctionErrorPayload, functionErrorPayload, timeoutErrorPayload } from './function-error';
import type { FunctionRecord, FunctionRegistry } from './function-registry';
import { createLambdaContext } from './lambda-context';
import { invocationContext } from './runtime-invoke-store';
import { invocationTraceHeader } from './trace-header';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeOptions {
  readonly invocationType?: InvocationType;
  /** Region of the caller, for a bare function name (the cloud's default region when absent). */
  readonly region?: string;
  /** Qualifier given apart from the name (the Invoke API's `Qualifier` query parameter). */
  readonly qualifier?: string;
  /** The caller's `X-Amzn-Trace-Id`: the invocation continues that trace. */
  readonly traceHeader?: string;
}

/** What the Invoke API answers: function errors are results (200 + FunctionError), not exceptions. */
export interface LambdaInvokeResult {
  /** 200 RequestResponse, 202 Event, 204 DryRun. */
  readonly statusCode: number;
  readonly requestId: string;
  readonly executedVersion?: string;
  readonly functionError?: 'Unhandled';
  /** The response payload as JSON text (RequestResponse only). */
  readonly payload?: string;
  /** START/END/REPORT lines of the invocation, as `LogType: Tail` returns them (decoded). */
  readonly logTail?: string;
}

/** One invocation attempt, as the journal records it. */
export interface InvocationRecord {
  readonly requestId: string;
  readonly functionName: string;
  readonly region: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  /** 1 for the first attempt; async invocations retry as 2 and 3. */
  readonly attempt: number;
  readonly startedAt: string;
  endedAt?: string;
  outcome: 'running' | 'succeeded' | 'failed' | 'timed-out';
  errorType?: string;
}

/** Invoke payload limits: 6 MB synchronous; 1 MB asynchronous (raised from 256 KB in 2025). */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
/** A response larger than this fails with Function.ResponseSizeTooLarge. */
export const MAX_RESPONSE_BYTES = 6_291_556;
/** Async invocations that fail are retried twice: one minute, then two minutes later (Lambda's defaults). */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];
/** Lambda's internal queue hands an async event to the function shortly after Invoke returns 202. */
const ASYNC_DISPATCH_DELAY_MS = 100;
/** What REPORT lines claim as memory used: the process's memory is shared, so a plausible constant. */
const REPORTED_MEMORY_USED_MB = 64;
/** The journal keeps the most recent invocations only. */
const MAX_JOURNAL_ENTRIES = 10_000;

interface Outcome {
  readonly payload: string;
  readonly error?: FunctionErrorPayload;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

/**
 * Runs registered handlers the way Lambda invokes functions: the event and the result cross a
 * JSON boundary, the function's timeout is enforced in real time (code runs at real speed: the
 * simulated clock speeds up waiting, not computing; the handler keeps running
 * in this process, its result is dropped, as a frozen sandbox's would be), errors become the
 * runtime's `{errorType, errorMessage, trace}` payload, and async events are queued and retried.
 * Invocations run concurrently in this one process, as in an execution environment of Lambda
 * Managed Instances, so each runs inside its own InvokeStore context with its request id and
 * trace header, as that runtime runs them (docs/aws-facts.md, Lambda).
 */
export class LambdaInvoker {
  private readonly journal: InvocationRecord[] = [];
  /** Functions whose next invocations crash after their handler ran (crashAfterHandler). */
  private readonly crashes = new Map<string, number>();

  constructor(
    private readonly registry: FunctionRegistry,
    private readonly clock: Clock,
    private readonly timers: ClockTimers,
    private readonly defaultRegion: string,
    /** Real-time clock and timers for the compute limits: the timeout and getRemainingTimeInMillis. */
    private readonly computeClock: Clock,
    private readonly computeTimers: ClockTimers,
    /** The process's InvokeStore (claimInvokeStore), in which every invocation runs. */
    private readonly invokeStore: Promise<InvokeStoreBase>,
  ) {}

  /**
   * Invokes a function by name or ARN. Throws AwsError for what the Invoke API rejects
   * (ResourceNotFoundException, RequestTooLargeException, InvalidRequestContentException).
   */
  async invoke(
    reference: string,
    payload: unknown,
    options: InvokeOptions = {},
  ): Promise<LambdaInvokeResult> {
    const record = this.registry.resolve(reference, options.region ?? this.defaultRegion, options.qualifier);
    const eventJson = toEventJson(payload);
    return this.invokeJson(
      record,
      eventJson,
      options.invocationType ?? 'RequestResponse',
      options.traceHeader,
    );
  }

  /** Invokes with a payload that is already JSON text (the HTTP API's request body). */
  async invokeJson(
    record: FunctionRecord,
    eventJson: string,
    invocationType: InvocationType,
    callerTraceHeader?: string,
  ): Promise<LambdaInvokeResult> {
    const requestId = randomUUID();
    const traceHeader = invocationTraceHeader(callerTraceHeader, this.clock.now());
    const bytes = Buffer.byteLength(eventJson);
    if (invocationType === 'Event' && bytes > MAX_ASYNC_PAYLOAD_BYTES) {
      throw new AwsError(
        'RequestTooLargeException',
        `Request must be smaller than ${MAX_ASYNC_PAYLOAD_BYTES} bytes for the InvokeAsync operation`,
        413,
      );
    }
    if (bytes > MAX_SYNC_PAYLOAD_BYTES) {
      throw new AwsError(
        'RequestTooLargeException',
        `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
        413,
      );
    }
    if (invocationType === 'DryRun') return { statusCode: 204, requestId };
    if (invocationType === 'Event') {
      this.timers.setTimeout(
        () => this.runAsync(record, eventJson, requestId, traceHeader, 1),
        ASYNC_DISPATCH_DELAY_MS,
      );
      return { statusCode: 202, requestId };
    }
    const outcome = await this.run(record, eventJson, requestId, traceHeader, 'RequestResponse', 1);
    return {
      statusCode: 200,
      requestId,
      executedVersion: '$LATEST',
      functionError: outcome.error ? 'Unhandled' : undefined,
      payload: outcome.payload,
      logTail: logTail(record, requestId, outcome.durationMs),
    };
  }

  /**
   * The next `count` invocations of a function run their handler to the end, then the runtime dies
   * before it hands back the result (out of memory, a killed process): the side effects happened,
   * the invocation is a function error (Runtime.ExitError), and an async one is retried.
   */
  crashAfterHandler(functionName: string, count: number): void {
    this.crashes.set(functionName, (this.crashes.get(functionName) ?? 0) + count);
  }

  /** Invocations so far, oldest first, optionally of one function. */
  invocations(functionName?: string): readonly InvocationRecord[] {
    return functionName === undefined
      ? [...this.journal]
      : this.journal.filter((entry) => entry.functionName === functionName);
  }

  private runAsync(
    record: FunctionRecord,
    eventJson: string,
    requestId: string,
    traceHeader: string,
    attempt: number,
  ): void {
    void this.run(record, eventJson, requestId, traceHeader, 'Event', attempt).then((outcome) => {
      const delay = ASYNC_RETRY_DELAYS_MS[attempt - 1];
      if (outcome.error && delay !== undefined) {
        this.timers.setTimeout(
          () => this.runAsync(record, eventJson, requestId, traceHeader, attempt + 1),
          delay,
        );
      }
    });
  }

  private async run(
    record: FunctionRecord,
    eventJson: string,
    requestId: string,
    traceHeader: string,
    invocationType: 'RequestResponse' | 'Event',
    attempt: number,
  ): Promise<Outcome> {
    const { config, handler } = record;
    const startedMs = this.clock.now();
    const entry: InvocationRecord = {
      requestId,
      functionName: config.functionName,
      region: config.region,
      invocationType,
      attempt,
      startedAt: new Date(startedMs).toISOString(),
      outcome: 'running',
    };
    this.remember(entry);
    const finish = (result: Omit<Outcome, 'durationMs'>): Outcome => {
      entry.endedAt = this.clock.date().toISOString();
      entry.outcome = result.timedOut ? 'timed-out' : result.error ? 'failed' : 'succeeded';
      entry.errorType = result.error?.errorType;
      return { ...result, durationMs: this.clock.now() - startedMs };
    };
    if (!handler) {
      // A function restored from a snapshot has no code until it is registered again: what Lambda
      // reports when the deployment package lacks the handler module.
      return finish(
        failure({
          errorType: 'Runtime.ImportModuleError',
          errorMessage: `Error: the local cloud has no code for ${config.functionName}: register its handler`,
          trace: [],
        }),
      );
    }
    const invokeStore = await this.invokeStore;
    const timeoutMs = config.timeoutSeconds * 1000;
    const context = createLambdaContext(
      {
        functionName: config.functionName,
        invokedFunctionArn: this.registry.arnOf(config),
        memorySizeMb: config.memorySizeMb,
        awsRequestId: requestId,
        deadlineMs: this.computeClock.now() + timeoutMs,
      },
      this.computeClock,
    );
    const event: unknown = JSON.parse(eventJson);
    const settled = await new Promise<{ value?: unknown; error?: unknown; timedOut: boolean }>((resolve) => {
      const timer = this.computeTimers.setTimeout(() => resolve({ timedOut: true }), timeoutMs);
      Promise.resolve()
        .then(() => invokeStore.run(invocationContext(requestId, traceHeader), () => handler(event, context)))
        .then(
          (value) => {
            this.computeTimers.clearTimeout(timer);
            resolve({ value, timedOut: false });
          },
          (error: unknown) => {
            this.computeTimers.clearTimeout(timer);
            resolve({ error, timedOut: false });
          },
        );
    });
    if (settled.timedOut) {
      return finish({ ...failure(timeoutErrorPayload(requestId, config.timeoutSeconds)), timedOut: true });
    }
    const crashes = this.crashes.get(config.functionName) ?? 0;
    if (crashes > 0) {
      this.crashes.set(config.functionName, crashes - 1);
      return finish(
        failure({
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
        }),
      );
    }
    if ('error' in settled) return finish(failure(functionErrorPayload(settled.error)));
    let payload: string;
    try {
      payload = JSON.stringify(settled.value) ?? 'null';
    } catch (error: unknown) {
      return finish(
        failure({
          errorType: 'Runtime.MarshalError',
          errorMessage: `Unable to marshal response: ${error instanceof Error ? error.message : String(error)}`,
          trace: [],
        }),
      );
    }
    if (Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) {
      return finish(
        failure({
          errorType: 'Function.ResponseSizeTooLarge',
          errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
        }),
      );
    }
    return finish({ payload, timedOut: false });
  }

  private remember(entry: InvocationRecord): void {
    this.journal.push(entry);
    if (this.journal.length > MAX_JOURNAL_ENTRIES) this.journal.shift();
  }
}

function failure(error: FunctionErrorPayload): Omit<Outcome, 'durationMs'> {
  return { payload: JSON.stringify(error), error, timedOut: false };
}

/**
 * The event crosses a JSON boundary as on Lambda: the handler gets a copy, never the caller's
 * object. Anything that is not JSON is refused the way Invoke refuses a body it cannot parse.
 */
function toEventJson(payload: unknown): string {
  if (payload === undefined) return '{}';
  try {
    return JSON.stringify(payload) ?? '{}';
  } catch (error: unknown) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
      400,
    );
  }
}

/** The START/END/REPORT lines Lambda writes for every invocation (what `LogType: Tail` returns). */
function logTail(record: FunctionRecord, requestId: string, durationMs: number): string {
  const duration = durationMs.toFixed(2);
  return [
    `START RequestId: ${requestId} Version: $LATEST`,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${Math.max(1, Math.ceil(durationMs))} ms\tMemory Size: ${record.config.memorySizeMb} MB\tMax Memory Used: ${Math.min(record.config.memorySizeMb, REPORTED_MEMORY_USED_MB)} MB\t`,
    '',
  ].join('\n');
}
