/**
 * An error as an AWS service returns it: a code the SDK maps to an exception class, an
 * HTTP status and a message. Services render it in their own protocol's shape.
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds a throttled or limited caller should wait (API Gateway's Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: string, message: string, status = 400, options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAwsError = (value: unknown): value is AwsError => value instanceof AwsError;
