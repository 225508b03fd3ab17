import type { Clock } from './clock';

/** A token bucket refilled on the cloud's clock: `ratePerSecond` tokens a simulated second, at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private updatedAtMs: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.updatedAtMs = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAtMs) / 1000) * this.ratePerSecond);
    this.updatedAtMs = now;
  }

  /** True when a call may pass now. */
  hasToken(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  take(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** Simulated seconds until the next token, rounded up: what AWS puts in Retry-After. */
  secondsUntilToken(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.ratePerSecond);
  }
}
