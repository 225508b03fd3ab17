import { AwsError } from '../../core/aws-error';

/**
 * The EC2 errors this emulation raises, with the codes and message wording the real service
 * uses (EC2 API error codes reference; messages as seen in SDK and CLI output). EC2 errors are
 * not modelled classes in SDK v3: callers match on `error.name`, which is the code.
 */

/** `MissingParameter`: a required parameter is absent. */
export const missingParameter = (name: string) =>
  new AwsError('MissingParameter', `The request must contain the parameter ${name}`);

/** `InvalidAction`: the Action names no operation. */
export const invalidAction = (action: string) =>
  new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);

export const invalidParameter = (message: string) => new AwsError('InvalidParameter', message);

export const invalidParameterValue = (message: string) => new AwsError('InvalidParameterValue', message);

/** `InvalidParameterValue` for a filter name the operation does not know. */
export const invalidFilter = (name: string) => invalidParameterValue(`The filter '${name}' is invalid`);

/** `{Kind}.Malformed`: an id that does not have the shape `prefix-hex`. */
export const malformedId = (code: string, id: string, prefix: string) =>
  new AwsError(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);

export const vpcNotFound = (vpcId: string) =>
  new AwsError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);

export const subnetNotFound = (subnetId: string) =>
  new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);

export const groupNotFound = (groupId: string) =>
  new AwsError('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);

export const groupNotInVpc = (groupId: string, vpcId: string) =>
  new AwsError('InvalidGroup.NotFound', `The security group '${groupId}' does not exist in VPC '${vpcId}'`);

export const vpcEndpointNotFound = (vpcEndpointId: string) =>
  new AwsError('InvalidVpcEndpointId.NotFound', `The Vpc Endpoint Id '${vpcEndpointId}' does not exist`);

export const networkInterfaceNotFound = (networkInterfaceId: string) =>
  new AwsError(
    'InvalidNetworkInterfaceID.NotFound',
    `The networkInterface ID '${networkInterfaceId}' does not exist`,
  );

export const invalidServiceName = (serviceName: string) =>
  new AwsError('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);

export const idempotentParameterMismatch = (clientToken: string) =>
  new AwsError(
    'IdempotentParameterMismatch',
    `The client token '${clientToken}' has already been used with different parameters.`,
  );

export const invalidNextToken = () =>
  new AwsError('InvalidNextToken', 'The specified NextToken is not valid.');
