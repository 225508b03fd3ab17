import type { IncomingHttpHeaders } from 'node:http';
import { methodNotAllowed, notImplemented, S3Error } from './errors';

/** What a path names: the service (no bucket), a bucket, or an object in a bucket. */
export interface S3Target {
  readonly bucket?: string;
  readonly key?: string;
}

/**
 * Reads the bucket and key of a path-style request, `/{bucket}/{key}` (docs/aws-facts.md, S3: the
 * local S3 serves path style only, which the SDK v3 with `forcePathStyle` and botocore given an IP
 * endpoint use). `/bucket` and `/bucket/` both name the bucket. A key keeps its slashes.
 */
export function targetOf(path: string): S3Target {
  const [, bucketSegment = '', ...keySegments] = path.split('/');
  if (bucketSegment === '') return {};
  try {
    const bucket = decodeURIComponent(bucketSegment);
    const key = decodeURIComponent(keySegments.join('/'));
    return key === '' ? { bucket } : { bucket, key };
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400, [['URI', path]]);
  }
}

/** Signature Version 2's query-string authentication, which the local S3 refuses (as S3 does for new buckets). */
export const SIGV2_QUERY_PARAMETERS = ['AWSAccessKeyId', 'Signature', 'Expires'];
/** Query parameters that are not sub-resources: authentication, the SDK's `x-id`, and each operation's own. */
const isAuthParameter = (name: string) =>
  name.toLowerCase().startsWith('x-amz-') || name === 'x-id' || SIGV2_QUERY_PARAMETERS.includes(name);
const LIST_OBJECTS_V2_PARAMETERS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
]);
const LIST_BUCKETS_PARAMETERS = new Set(['max-buckets', 'continuation-token', 'prefix', 'bucket-region']);
const isResponseOverride = (name: string) => name.startsWith('response-');

function unexpectedParameter(query: URLSearchParams, allowed: (name: string) => boolean): string | undefined {
  return [...query.keys()].find((name) => !isAuthParameter(name) && !allowed(name));
}

/**
 * The S3 operation a request calls, from its method, target, query and headers; an S3Error for
 * what the local S3 does not serve (a sub-resource such as `?tagging`, multipart uploads, copies,
 * ListObjects version 1): NotImplemented, or MethodNotAllowed for a method the resource has not.
 */
export function s3OperationOf(
  method: string,
  target: S3Target,
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string | S3Error {
  if (target.bucket === undefined) {
    if (method !== 'GET') return methodNotAllowed(method, 'SERVICE');
    const extra = unexpectedParameter(query, (name) => LIST_BUCKETS_PARAMETERS.has(name));
    return extra === undefined ? 'ListBuckets' : notImplemented(`GET /?${extra}`);
  }

  if (target.key === undefined) {
    const extra = unexpectedParameter(
      query,
      (name) => method === 'GET' && LIST_OBJECTS_V2_PARAMETERS.has(name),
    );
    if (extra !== undefined) return notImplemented(`the bucket sub-resource ${method} ?${extra}`);
    switch (method) {
      case 'PUT':
        return 'CreateBucket';
      case 'HEAD':
        return 'HeadBucket';
      case 'DELETE':
        return 'DeleteBucket';
      case 'GET':
        return query.get('list-type') === '2' ? 'ListObjectsV2' : notImplemented('ListObjects (version 1)');
      case 'POST':
        return notImplemented(`POST on a bucket`);
      default:
        return methodNotAllowed(method, 'BUCKET');
    }
  }

  const extra = unexpectedParameter(
    query,
    (name) => (method === 'GET' || method === 'HEAD') && isResponseOverride(name),
  );
  if (extra !== undefined) return notImplemented(`the object sub-resource ${method} ?${extra}`);
  switch (method) {
    case 'PUT':
      return headers['x-amz-copy-source'] === undefined ? 'PutObject' : notImplemented('CopyObject');
    case 'GET':
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return 'DeleteObject';
    case 'POST':
      return notImplemented('POST on an object (multipart uploads)');
    default:
      return methodNotAllowed(method, 'OBJECT');
  }
}
