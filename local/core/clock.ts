/**
 * The cloud's clock. Every simulated delay (an endpoint becoming available, DNS propagation,
 * Step Functions waits and retries) and every quota runs on it, so a test can run a simulated
 * minute of AWS waiting in a fraction of a second with `timeScale`.
 *
 * Simulated time starts at the real time the clock is made and then runs `timeScale` times faster.
 */
export class Clock {
  private scale: number;
  private baseRealMs: number;
  private baseSimMs: number;

  constructor(timeScale = 1) {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
    }
    this.scale = timeScale;
    this.baseRealMs = Date.now();
    this.baseSimMs = this.baseRealMs;
  }

  get timeScale(): number {
    return this.scale;
  }

  /** Changes the speed from now on; simulated time stays continuous. */
  setTimeScale(timeScale: number): void {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
      throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
    }
    this.baseSimMs = this.now();
    this.baseRealMs = Date.now();
    this.scale = timeScale;
  }

  /** Simulated epoch milliseconds. */
  now(): number {
    return this.baseSimMs + (Date.now() - this.baseRealMs) * this.scale;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Real milliseconds that a simulated duration takes. */
  toRealMs(simulatedMs: number): number {
    return Math.max(0, simulatedMs / this.scale);
  }

  /** A timer that fires after `simulatedMs` of simulated time. Drop-in for the global setTimeout. */
  readonly setTimeout = (callback: (...args: unknown[]) => void, simulatedMs = 0, ...args: unknown[]) =>
    setTimeout(callback, this.toRealMs(simulatedMs), ...args);

  readonly clearTimeout = (timer: ReturnType<typeof setTimeout> | undefined): void => clearTimeout(timer);

  /** Resolves after `simulatedMs` of simulated time, or at once when `signal` aborts. */
  sleep(simulatedMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, simulatedMs);
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
