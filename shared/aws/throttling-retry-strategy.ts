import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

export interface ThrottlingRetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random?: () => number;
}

const token = (retryCount: number, retryDelay: number): RetryToken => ({
  getRetryCount: () => retryCount,
  getRetryDelay: () => retryDelay,
});

/**
 * An SDK retry strategy that retries throttled calls only, with exponential backoff and full
 * jitter. A throttled call (429 TooManyRequestsException, EC2 RequestLimitExceeded) was refused
 * before it did anything, so repeating it is always safe. A 5xx or a timeout may have happened
 * after the call took effect: repeating CreateRestApi then would make a second API (it has no
 * client token), so those errors go to the state machine, which re-runs the whole idempotent
 * step (look before you create).
 */
export class ThrottlingRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly random: () => number;

  constructor(private readonly options: ThrottlingRetryOptions) {
    this.random = options.random ?? Math.random;
  }

  async acquireInitialRetryToken(_retryTokenScope: string): Promise<RetryToken> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retryCount = previous.getRetryCount() + 1;
    if (errorInfo.errorType !== 'THROTTLING' || retryCount >= this.options.maxAttempts) {
      // The SDK rethrows the call's own error when no token is given.
      throw new Error('not retried by the SDK');
    }
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** retryCount);
    return token(retryCount, Math.floor(this.random() * ceiling));
  }

  recordSuccess(_token: RetryToken): void {}
}
