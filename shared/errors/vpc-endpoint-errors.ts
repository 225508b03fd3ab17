import { ControlPlaneError } from './control-plane-error';

/** The endpoint went to failed, rejected, expired, deleting or deleted, or vanished: it will not become available. */
export class VpcEndpointFailedError extends ControlPlaneError {
  override readonly name = 'VpcEndpointFailedError';
}

/** The endpoint stayed pending longer than the wait allows (time to available is undocumented: AWS-FACTS). */
export class VpcEndpointTimeoutError extends ControlPlaneError {
  override readonly name = 'VpcEndpointTimeoutError';
}

/** The request's vpcEndpointId is not an execute-api interface endpoint of its VPC. */
export class VpcEndpointMismatchError extends ControlPlaneError {
  override readonly name = 'VpcEndpointMismatchError';
}

/**
 * The VPC already has an execute-api endpoint with private DNS that the control plane did not
 * make: a second one fails with "conflicting DNS domain" (AWS-FACTS).
 */
export class VpcEndpointConflictError extends ControlPlaneError {
  override readonly name = 'VpcEndpointConflictError';
}

/** An available endpoint's DNS entries hold no regional `vpce-…` name to build its invoke URL from. */
export class VpcEndpointDnsNameMissingError extends ControlPlaneError {
  override readonly name = 'VpcEndpointDnsNameMissingError';
}
