/**
 * Error names the state machine's Retry blocks should match, grouped by why a retry helps, for
 * the ASL author. Everything else the steps throw (the preflight errors, VpcEndpointFailedError,
 * VpcEndpointTimeoutError, VpcEndpointMismatchError, VpcEndpointConflictError, PolicyInputError,
 * PolicyTooLargeError, AwsLimitExceededError, RequestValidationError, ConfigurationError,
 * DnsNotResolvingError, RestApiNotFoundError) needs a person or a new request: Catch it.
 */
export const RETRYABLE_ERROR_NAMES = {
  /** Rate limits: back off (rate 2 and jitter); API Gateway allows 10 management calls/s for the account. */
  throttling: ['AwsThrottlingError'],
  /** API Gateway's "concurrent modification": retry soon. */
  conflict: ['AwsConflictError'],
  /** Server faults and network failures: retry a few times. */
  transient: ['AwsTransientError'],
  /** The association did not show up when read back: it may still be settling. */
  notYetVisible: ['AssociationNotAppliedError'],
  /** Another operation holds the apiKey, or the VPC's endpoint is being deleted: wait for it. */
  busy: ['LeaseHeldError', 'VpcEndpointBusyError'],
  /** Lambda's own failures to run the step (the retry AWS recommends for every Lambda task). */
  lambdaService: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type RetryableErrorName = (typeof RETRYABLE_ERROR_NAMES)[keyof typeof RETRYABLE_ERROR_NAMES][number];
