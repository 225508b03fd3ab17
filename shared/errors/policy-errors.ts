import { ControlPlaneError } from './control-plane-error';

/** The resource policy cannot be built from its input (no endpoint to admit, a malformed id): a bug upstream. */
export class PolicyInputError extends ControlPlaneError {
  override readonly name = 'PolicyInputError';
}

/** The resource policy is longer than API Gateway accepts (8,192 characters: AWS-FACTS). */
export class PolicyTooLargeError extends ControlPlaneError {
  override readonly name = 'PolicyTooLargeError';
  readonly size: number;
  readonly limit: number;

  constructor(size: number, limit: number, options?: ErrorOptions) {
    super(
      `the resource policy is ${size} characters, over API Gateway's limit of ${limit}: ` +
        'allow fewer VPC endpoints or VPCs (access.allowedVpcEndpointIds, access.allowedVpcIds)',
      options,
    );
    this.size = size;
    this.limit = limit;
  }
}
