import { AwsError } from '../../core/aws-error';

/**
 * The errors of the CloudFormation API, with the codes and wording the real service uses
 * (docs/aws-facts.md, CloudFormation). Almost every refusal is a `ValidationError`; the query
 * protocol renders them as `<ErrorResponse><Error><Type>Sender</Type>…`.
 */
export const validationError = (message: string) => new AwsError('ValidationError', message);

/** Stack names are `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters. */
export const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

export const stackNotFound = (nameOrId: string) =>
  validationError(`Stack with id ${nameOrId} does not exist`);

export const stackAlreadyExists = (stackName: string) =>
  new AwsError('AlreadyExistsException', `Stack [${stackName}] already exists`);

export const missingMember = (member: string) =>
  validationError(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );

export const changeSetNotFound = (name: string) =>
  new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);

export const invalidAction = (action: string) =>
  new AwsError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`);
