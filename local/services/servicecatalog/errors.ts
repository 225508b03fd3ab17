import { AwsError } from '../../core/aws-error';

/**
 * The errors of the Service Catalog API, with the codes of its model (botocore's
 * `servicecatalog/2015-12-10/service-2.json`): each is a 400 whose JSON body botocore and the SDK
 * read as `{"__type": "Code", "message": ...}`. The messages are this emulation's where the API
 * reference prints none (docs/aws-facts.md, Service Catalog).
 */
export const resourceNotFound = (message: string) => new AwsError('ResourceNotFoundException', message);

export const invalidParameters = (message: string) => new AwsError('InvalidParametersException', message);

export const duplicateResource = (message: string) => new AwsError('DuplicateResourceException', message);

export const invalidState = (message: string) => new AwsError('InvalidStateException', message);

export const resourceInUse = (message: string) => new AwsError('ResourceInUseException', message);

export const limitExceeded = (message: string) => new AwsError('LimitExceededException', message);

/** AWS's answer for a product nobody may launch: no portfolio with a principal holds it (aws/aws-cdk#8404). */
export const noLaunchPaths = (productId: string) =>
  resourceNotFound(`No launch paths found for resource: ${productId}`);
