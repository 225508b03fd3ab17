export { AssociationNotAppliedError, DnsNotResolvingError } from './association-errors';
export {
  AwsConflictError,
  type AwsErrorFacts,
  AwsLimitExceededError,
  AwsServiceError,
  AwsThrottlingError,
  AwsTransientError,
} from './aws-service-errors';
export { classifyAwsError } from './classify-aws-error';
export { ConfigurationError } from './configuration-error';
export { ControlPlaneError } from './control-plane-error';
export {
  DefinitionMissingError,
  LeaseHeldError,
  ManagedApiStateError,
  NotManagedError,
  RequestClosedError,
  VpcEndpointBusyError,
} from './lifecycle-errors';
export { PolicyInputError, PolicyTooLargeError } from './policy-errors';
export {
  NoHttpsIngressError,
  type PreflightCode,
  PreflightError,
  PrivateApiQuotaReachedError,
  SecurityGroupNotInVpcError,
  SubnetNotInVpcError,
  VpcDnsAttributesOffError,
  VpcEndpointNotAllowedError,
  VpcEndpointNotUsableError,
  VpcNotFoundError,
} from './preflight-errors';
export { RequestValidationError } from './request-errors';
export { RestApiNotFoundError } from './rest-api-errors';
export { RETRYABLE_ERROR_NAMES, type RetryableErrorName } from './retryable-error-names';
export {
  VpcEndpointConflictError,
  VpcEndpointDnsNameMissingError,
  VpcEndpointFailedError,
  VpcEndpointMismatchError,
  VpcEndpointTimeoutError,
} from './vpc-endpoint-errors';
