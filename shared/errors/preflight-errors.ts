import { ControlPlaneError } from './control-plane-error';

/** What a preflight check found wrong before anything was created (seed 001's prerequisites). */
export type PreflightCode =
  | 'VpcNotFound'
  | 'VpcDnsAttributesOff'
  | 'SubnetNotInVpc'
  | 'SecurityGroupNotInVpc'
  | 'NoHttpsIngress'
  | 'PrivateApiQuotaReached'
  | 'VpcEndpointNotUsable'
  | 'VpcEndpointNotAllowed';

/**
 * A prerequisite of the request is not met; the caller must fix it, so the state machine does not
 * retry these. Each code has its own class (and name) so that Catch can tell them apart; the
 * message names the fix.
 */
export abstract class PreflightError extends ControlPlaneError {
  abstract readonly code: PreflightCode;
}

/** The request's VPC does not exist in this account and Region. */
export class VpcNotFoundError extends PreflightError {
  override readonly name = 'VpcNotFoundError';
  readonly code = 'VpcNotFound';
}

/** Private DNS needs the VPC's enableDnsSupport and enableDnsHostnames attributes on (AWS-FACTS). */
export class VpcDnsAttributesOffError extends PreflightError {
  override readonly name = 'VpcDnsAttributesOffError';
  readonly code = 'VpcDnsAttributesOff';
}

/** A subnet of the request is not in its VPC (or does not exist). */
export class SubnetNotInVpcError extends PreflightError {
  override readonly name = 'SubnetNotInVpcError';
  readonly code = 'SubnetNotInVpc';
}

/** A security group of the request is not in its VPC (or does not exist). */
export class SecurityGroupNotInVpcError extends PreflightError {
  override readonly name = 'SecurityGroupNotInVpcError';
  readonly code = 'SecurityGroupNotInVpc';
}

/** No security group admits TCP 443 from the VPC: the endpoint would be unreachable (seed 001). */
export class NoHttpsIngressError extends PreflightError {
  override readonly name = 'NoHttpsIngressError';
  readonly code = 'NoHttpsIngress';
}

/** The account is at its quota of private REST APIs in the Region (600, AWS-FACTS). */
export class PrivateApiQuotaReachedError extends PreflightError {
  override readonly name = 'PrivateApiQuotaReachedError';
  readonly code = 'PrivateApiQuotaReached';
}

/** An endpoint the request names does not exist here, or is not an execute-api endpoint that can be used. */
export class VpcEndpointNotUsableError extends PreflightError {
  override readonly name = 'VpcEndpointNotUsableError';
  readonly code = 'VpcEndpointNotUsable';
}

/** An endpoint the request names is outside the stage's allowlists (its VPC or its account). */
export class VpcEndpointNotAllowedError extends PreflightError {
  override readonly name = 'VpcEndpointNotAllowedError';
  readonly code = 'VpcEndpointNotAllowed';
}
