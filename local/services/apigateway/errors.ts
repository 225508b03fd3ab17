import { AwsError } from '../../core/aws-error';

/**
 * The API Gateway error classes (HTTP status from the service model: BadRequest 400,
 * NotFound 404, Conflict 409, LimitExceeded 429).
 */
export const badRequest = (message: string): AwsError => new AwsError('BadRequestException', message, 400);

export const notFound = (message: string): AwsError => new AwsError('NotFoundException', message, 404);

export const conflict = (message: string): AwsError => new AwsError('ConflictException', message, 409);

export const limitExceeded = (message: string): AwsError =>
  new AwsError('LimitExceededException', message, 429);

/** AWS names the account with the id: "Invalid API identifier specified 123456789012:abc". */
export const apiNotFound = (accountId: string, restApiId: string): AwsError =>
  notFound(`Invalid API identifier specified ${accountId}:${restApiId}`);

export const resourceNotFound = (): AwsError => notFound('Invalid Resource identifier specified');

export const methodNotFound = (): AwsError => notFound('Invalid Method identifier specified');

export const integrationNotFound = (): AwsError => notFound('No integration defined for method');

export const responseNotFound = (): AwsError => notFound('Invalid Response status code specified');

export const deploymentNotFound = (): AwsError => notFound('Invalid Deployment identifier specified');

export const stageNotFound = (): AwsError => notFound('Invalid Stage identifier specified');

/** The Coral validation message AWS returns for a missing required member. */
export const missingMember = (operationInput: string, member: string): AwsError =>
  badRequest(
    `1 validation error detected: Value null at '${operationInput}.${member}' failed to satisfy constraint: Member must not be null`,
  );
