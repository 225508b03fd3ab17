import { ControlPlaneError } from './control-plane-error';

/** What the control plane keeps of a foreign AWS SDK error it wraps. */
export interface AwsErrorFacts {
  /** The service's error code, e.g. TooManyRequestsException, RequestLimitExceeded. */
  readonly awsErrorName: string;
  readonly httpStatusCode?: number;
  /** API Gateway's TooManyRequests, LimitExceeded and ServiceUnavailable exceptions may say when to retry. */
  readonly retryAfterSeconds?: number;
}

/** Base of the wrappers classifyAwsError puts around foreign AWS errors; the original is the `cause`. */
export abstract class AwsServiceError extends ControlPlaneError implements AwsErrorFacts {
  readonly awsErrorName: string;
  readonly httpStatusCode?: number;
  readonly retryAfterSeconds?: number;

  constructor(facts: AwsErrorFacts, message: string, options?: ErrorOptions) {
    super(`${facts.awsErrorName}: ${message}`, options);
    this.awsErrorName = facts.awsErrorName;
    if (facts.httpStatusCode !== undefined) this.httpStatusCode = facts.httpStatusCode;
    if (facts.retryAfterSeconds !== undefined) this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}

/** A call was throttled (API Gateway: 10 requests/s for the account, less for some calls; EC2: RequestLimitExceeded). Retry with backoff. */
export class AwsThrottlingError extends AwsServiceError {
  override readonly name = 'AwsThrottlingError';
}

/** API Gateway's ConflictException "concurrent modification" is transient (AWS-FACTS). Retry. */
export class AwsConflictError extends AwsServiceError {
  override readonly name = 'AwsConflictError';
}

/** A server-side fault or a network failure (5xx, ServiceUnavailable, InternalFailure, ECONNRESET, timeouts). Retry. */
export class AwsTransientError extends AwsServiceError {
  override readonly name = 'AwsTransientError';
}

/**
 * A quota was reached (API Gateway's LimitExceededException, EC2's `…LimitExceeded` such as
 * VpcEndpointLimitExceeded, ServiceQuotaExceededException): not a rate, so retrying soon does
 * not help. Raise the quota or free capacity.
 */
export class AwsLimitExceededError extends AwsServiceError {
  override readonly name = 'AwsLimitExceededError';
}
