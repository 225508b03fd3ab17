import type { Clock } from './clock';

/** Node's setTimeout fires at once (with a warning) beyond 2^31-1 ms; longer waits are re-armed. */
const MAX_NODE_TIMER_MS = 2 ** 31 - 1;

/** A timer of {@link ClockTimers}: opaque to callers, like Node's `Timeout`. */
export interface ClockTimer {
  /** The real Node timer currently armed. */
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Timers on the cloud's simulated clock that a service can cancel all at once when the cloud stops.
 *
 * A timer is armed for an absolute simulated deadline: a wait longer than Node's timer limit
 * (Step Functions' default Task timeout is 99,999,999 s) is re-armed instead of firing at once, and
 * a timer never fires before its simulated deadline.
 */
export class ClockTimers {
  private readonly active = new Set<ClockTimer>();

  constructor(private readonly clock: Clock) {}

  /** Drop-in for the global setTimeout, in simulated milliseconds. */
  readonly setTimeout = (
    callback: (...args: unknown[]) => void,
    simulatedMs = 0,
    ...args: unknown[]
  ): ClockTimer => {
    const deadline = this.clock.now() + Math.max(0, Number(simulatedMs) || 0);
    const delay = (): number => Math.min(this.clock.toRealMs(deadline - this.clock.now()), MAX_NODE_TIMER_MS);
    const arm = (): void => {
      // Under one real millisecond left: the simulated deadline is reached as far as timers can tell.
      if (delay() < 1) {
        this.active.delete(handle);
        callback(...args);
        return;
      }
      handle.timer = setTimeout(arm, delay());
    };
    const handle: ClockTimer = { timer: setTimeout(arm, delay()) };
    this.active.add(handle);
    return handle;
  };

  /** Drop-in for the global clearTimeout; ignores anything that is not one of its timers. */
  readonly clearTimeout = (handle: unknown): void => {
    if (!isClockTimer(handle)) return;
    clearTimeout(handle.timer);
    this.active.delete(handle);
  };

  /** Resolves after `simulatedMs` of simulated time. */
  sleep(simulatedMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.setTimeout(() => resolve(), simulatedMs);
    });
  }

  /** Number of timers still armed (for tests and for a clean shutdown). */
  get size(): number {
    return this.active.size;
  }

  /** Cancels every armed timer: the cloud is stopping. */
  clearAll(): void {
    for (const handle of this.active) clearTimeout(handle.timer);
    this.active.clear();
  }
}

function isClockTimer(value: unknown): value is ClockTimer {
  return typeof value === 'object' && value !== null && 'timer' in value;
}
