import { AwsError } from '../../core/aws-error';

/**
 * An S3 error: S3 answers with `<Error><Code>…</Code><Message>…</Message>…</Error>` and puts
 * error-specific members beside the message (`<Key>`, `<BucketName>`, `<X-Amz-Expires>`, …), in
 * the order given here (docs/aws-facts.md, S3).
 */
export class S3Error extends AwsError {
  readonly details: ReadonlyArray<readonly [string, string]>;
  constructor(
    code: string,
    message: string,
    status: number,
    details: ReadonlyArray<readonly [string, string]> = [],
  ) {
    super(code, message, status);
    this.name = 'S3Error';
    this.details = details;
  }
}

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, [['BucketName', bucket]]);

export const noSuchKey = (key: string): S3Error =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, [['Key', key]]);

export const bucketNotEmpty = (bucket: string): S3Error =>
  new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, [['BucketName', bucket]]);

export const bucketAlreadyOwnedByYou = (bucket: string): S3Error =>
  new S3Error(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    [['BucketName', bucket]],
  );

export const invalidBucketName = (bucket: string): S3Error =>
  new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, [['BucketName', bucket]]);

export const invalidArgument = (message: string, name: string, value: string): S3Error =>
  new S3Error('InvalidArgument', message, 400, [
    ['ArgumentName', name],
    ['ArgumentValue', value],
  ]);

export const invalidRequest = (message: string): S3Error => new S3Error('InvalidRequest', message, 400);

export const malformedXml = (): S3Error =>
  new S3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export const incompleteBody = (message = 'The request body terminated unexpectedly'): S3Error =>
  new S3Error('IncompleteBody', message, 400);

/** What the local S3 does not emulate: S3's own code for a feature a server lacks. */
export const notImplemented = (what: string): S3Error =>
  new S3Error(
    'NotImplemented',
    `A header you provided implies functionality that is not implemented (the local S3 does not emulate ${what})`,
    501,
  );

export const methodNotAllowed = (method: string, resourceType: 'SERVICE' | 'BUCKET' | 'OBJECT'): S3Error =>
  new S3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, [
    ['Method', method],
    ['ResourceType', resourceType],
  ]);

export const authorizationQueryParametersError = (message: string): S3Error =>
  new S3Error('AuthorizationQueryParametersError', message, 400);

/**
 * S3's answer to Signature Version 2, which buckets created after June 24, 2020 do not take
 * (docs/aws-facts.md, S3): every local bucket is such a bucket.
 */
export const sigV2NotSupported = (): S3Error =>
  new S3Error(
    'InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    400,
  );
