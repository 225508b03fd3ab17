import type { Clock } from '../../core/clock';

/** One event of GetExecutionHistory, before rendering. */
export interface HistoryEvent {
  /** Simulated epoch ms. */
  readonly timestamp: number;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  /** The event's `...EventDetails` member, e.g. `stateEnteredEventDetails`. */
  readonly detailsKey?: string;
  readonly details?: Record<string, unknown>;
}

/** A history event the caller has not numbered yet. */
export interface PendingEvent {
  readonly type: string;
  readonly detailsKey?: string;
  readonly details?: Record<string, unknown>;
  readonly timestamp?: number;
}

/** Standard workflows: an execution's history holds at most 25,000 events (AWS-FACTS). */
export const MAX_HISTORY_EVENTS = 25_000;

/** What `aws-local-stepfunctions` reports through `eventLogs` (the fields the history reads). */
export interface LibraryEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input?: unknown;
    readonly output?: unknown;
  };
  readonly parentState?: { readonly name: string; readonly type: string };
  readonly index?: number;
  readonly Error?: string;
  readonly Cause?: unknown;
}

/** A Task attempt's events, recorded from the Task's local handler. */
export interface TaskAttempt {
  succeeded(event: PendingEvent): void;
  failed(event: PendingEvent): void;
  /** True once the state gave up on this attempt (its TimeoutSeconds fired). */
  readonly closed: boolean;
}

interface OpenAttempt {
  closed: boolean;
  readonly timedOutEvent: (cause: string) => PendingEvent;
}

/** Payloads are recorded in full: the local cloud never truncates (AWS truncates over 256 KiB). */
export const NOT_TRUNCATED = { truncated: false } as const;

/**
 * The history of one execution, in the shape GetExecutionHistory returns: numbered events with
 * AWS's event types (`TaskStateEntered`, `LambdaFunctionScheduled`, `ExecutionSucceeded`, ...)
 * and timestamps on the cloud's clock.
 *
 * The library reports state transitions asynchronously, while a Task's handler reports its Lambda
 * events as they happen. A handler's events are therefore held per state and written when the
 * library's next event of that state arrives, so they land between the state's Entered and Exited
 * events as on AWS. (Concurrent Map iterations of one state may interleave their task events.)
 */
export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];
  private readonly pending = new Map<string, PendingEvent[]>();
  private readonly openAttempts = new Map<string, OpenAttempt>();
  /** States whose error a Catch handled: AWS writes no `...StateExited` for them. */
  private readonly caught = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly onLimitReached: () => void = () => undefined,
  ) {}

  /** Appends a numbered event. */
  add(event: PendingEvent): HistoryEvent {
    const previous = this.events.at(-1);
    const numbered: HistoryEvent = {
      timestamp: event.timestamp ?? this.clock.now(),
      type: event.type,
      id: (previous?.id ?? 0) + 1,
      previousEventId: previous?.id ?? 0,
      ...(event.detailsKey === undefined
        ? {}
        : { detailsKey: event.detailsKey, details: event.details ?? {} }),
    };
    this.events.push(numbered);
    if (this.events.length === MAX_HISTORY_EVENTS) this.onLimitReached();
    return numbered;
  }

  list(): readonly HistoryEvent[] {
    return this.events;
  }

  get length(): number {
    return this.events.length;
  }

  /**
   * Starts recording a Task attempt of `stateName`: the scheduled and started events now, the
   * outcome later. `timedOutEvent` builds the event written if the state's TimeoutSeconds fires first.
   */
  beginTask(
    stateName: string,
    scheduled: PendingEvent,
    started: PendingEvent,
    timedOutEvent: (cause: string) => PendingEvent,
  ): TaskAttempt {
    const attempt: OpenAttempt = { closed: false, timedOutEvent };
    this.openAttempts.set(stateName, attempt);
    this.hold(stateName, scheduled);
    this.hold(stateName, started);
    const settle = (event: PendingEvent) => {
      if (attempt.closed) return;
      attempt.closed = true;
      this.hold(stateName, event);
    };
    return {
      succeeded: settle,
      failed: settle,
      get closed() {
        return attempt.closed;
      },
    };
  }

  /** Records one event reported by `aws-local-stepfunctions`. */
  onLibraryEvent(event: LibraryEvent): void {
    const at = event.timestamp;
    const state = event.state;
    switch (event.type) {
      case 'StateEntered':
        if (!state) return;
        this.add({
          type: `${state.type}StateEntered`,
          detailsKey: 'stateEnteredEventDetails',
          details: { name: state.name, input: toJson(state.input), inputDetails: NOT_TRUNCATED },
          timestamp: at,
        });
        if (state.type === 'Parallel') this.add({ type: 'ParallelStateStarted', timestamp: at });
        if (state.type === 'Map') this.add({ type: 'MapStateStarted', timestamp: at });
        this.flush(state.name);
        return;
      case 'StateRetried':
        if (state) this.flush(state.name);
        return;
      case 'StateCaught':
        if (state) this.caught.add(state.name);
        return;
      case 'StateFailed':
        if (!state) return;
        this.flush(state.name);
        if (event.Error === 'States.Timeout') this.timeOutAttempt(state.name, event.Cause, at);
        if (state.type === 'Parallel' || state.type === 'Map') {
          this.add({ type: `${state.type}StateFailed`, timestamp: at });
        }
        return;
      case 'StateExited':
        if (!state) return;
        this.flush(state.name);
        // A caught failure goes straight to the catcher's state: TaskFailed, then the next StateEntered.
        if (this.caught.delete(state.name)) return;
        if (state.type === 'Parallel' || state.type === 'Map') {
          this.add({ type: `${state.type}StateSucceeded`, timestamp: at });
        }
        this.add({
          type: `${state.type}StateExited`,
          detailsKey: 'stateExitedEventDetails',
          details: { name: state.name, output: toJson(state.output), outputDetails: NOT_TRUNCATED },
          timestamp: at,
        });
        return;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.add({
          type: event.type,
          detailsKey: `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`,
          details: { name: event.parentState?.name, index: event.index },
          timestamp: at,
        });
        return;
      default:
        // Execution-level events are written by the service; branch events have no AWS twin.
        return;
    }
  }

  private timeOutAttempt(stateName: string, cause: unknown, at: number): void {
    const attempt = this.openAttempts.get(stateName);
    if (!attempt || attempt.closed) return;
    attempt.closed = true;
    const event = attempt.timedOutEvent(typeof cause === 'string' ? cause : 'States.Timeout');
    this.add({ ...event, timestamp: at });
  }

  private hold(stateName: string, event: PendingEvent): void {
    const timestamped = { ...event, timestamp: event.timestamp ?? this.clock.now() };
    const queue = this.pending.get(stateName);
    if (queue) queue.push(timestamped);
    else this.pending.set(stateName, [timestamped]);
  }

  private flush(stateName: string): void {
    const queue = this.pending.get(stateName);
    if (!queue) return;
    this.pending.delete(stateName);
    for (const event of queue) this.add(event);
  }

  /** Writes whatever Task events are still held (the execution ended while a Task ran). */
  flushAll(): void {
    for (const stateName of [...this.pending.keys()]) this.flush(stateName);
  }
}

/** History payloads are JSON text. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** The GetExecutionHistory wire form of an event (timestamps in epoch seconds). */
export function renderHistoryEvent(
  event: HistoryEvent,
  includeExecutionData: boolean,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    timestamp: event.timestamp / 1000,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  if (event.detailsKey !== undefined) {
    rendered[event.detailsKey] = includeExecutionData ? event.details : withoutData(event.details ?? {});
  }
  return rendered;
}

/** `includeExecutionData: false` drops inputs and outputs from the details. */
function withoutData(details: Record<string, unknown>): Record<string, unknown> {
  const { input: _input, output: _output, ...rest } = details;
  return rest;
}
