import { EMPTY_XML, fragments, leaf, node, type Xml } from '../../core/xml';
import { malformedXml } from './errors';

/**
 * S3's XML documents (REST-XML), over the shared writer in local/core/xml.ts: the error document,
 * ListAllMyBucketsResult and ListObjectsV2's ListBucketResult, in the shapes of the S3 API
 * reference (docs/aws-facts.md, S3).
 */

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `<?xml …?><Root xmlns="…">children</Root>`: an answer document. */
function s3Document(root: string, ...children: readonly Xml[]): string {
  return `${DECLARATION}<${root} xmlns="${S3_XMLNS}">${fragments(...children).xml}</${root}>`;
}

/**
 * `<Error><Code/><Message/>{details}<RequestId/><HostId/></Error>`: every S3 error (no namespace),
 * the error-specific members (`Key`, `BucketName`, `X-Amz-Expires`, …) between message and ids.
 */
export function errorDocument(
  code: string,
  message: string,
  details: ReadonlyArray<readonly [string, string]>,
  requestId: string,
  hostId: string,
): string {
  const error = node(
    'Error',
    leaf('Code', code),
    leaf('Message', message),
    ...details.map(([name, value]) => leaf(name, value)),
    leaf('RequestId', requestId),
    leaf('HostId', hostId),
  );
  return `${DECLARATION}${error.xml}`;
}

/** S3's timestamps in XML: ISO 8601 with milliseconds (`2026-01-02T03:04:05.000Z`). */
export const xmlTimestamp = (epochMs: number): string => new Date(epochMs).toISOString();

export interface Owner {
  /** The canonical user id: 64 hex digits. */
  readonly id: string;
}

export interface BucketListing {
  readonly name: string;
  readonly region: string;
  readonly createdAtMs: number;
}

/** ListBuckets' answer. */
export function listBucketsDocument(owner: Owner, buckets: readonly BucketListing[]): string {
  return s3Document(
    'ListAllMyBucketsResult',
    node('Owner', leaf('ID', owner.id)),
    node(
      'Buckets',
      ...buckets.map((bucket) =>
        node(
          'Bucket',
          leaf('Name', bucket.name),
          leaf('CreationDate', xmlTimestamp(bucket.createdAtMs)),
          leaf('BucketRegion', bucket.region),
        ),
      ),
    ),
  );
}

export interface ObjectListing {
  readonly key: string;
  readonly lastModifiedMs: number;
  /** Quoted, as in the ETag header. */
  readonly etag: string;
  readonly size: number;
  readonly checksumAlgorithm?: string;
}

export interface ListObjectsV2Result {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly startAfter?: string;
  readonly continuationToken?: string;
  readonly nextContinuationToken?: string;
  readonly isTruncated: boolean;
  readonly objects: readonly ObjectListing[];
  readonly commonPrefixes: readonly string[];
  /** `url`: keys, prefixes, delimiter and StartAfter come URL-encoded (botocore always asks so). */
  readonly encodingType?: 'url';
  /** Present when the caller asked `fetch-owner=true`. */
  readonly owner?: Owner;
}

/** S3's `encoding-type=url`: what a URL may not carry as it is, percent-encoded; `/` kept. */
export function urlEncodeListValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/');
}

/** ListObjectsV2's answer (`ListBucketResult`). */
export function listObjectsV2Document(result: ListObjectsV2Result): string {
  const encode = (value: string | undefined) =>
    value === undefined || result.encodingType !== 'url' ? value : urlEncodeListValue(value);
  return s3Document(
    'ListBucketResult',
    leaf('Name', result.bucket),
    leaf('Prefix', encode(result.prefix)),
    leaf('Delimiter', encode(result.delimiter)),
    leaf('MaxKeys', result.maxKeys),
    leaf('EncodingType', result.encodingType),
    leaf('KeyCount', result.objects.length + result.commonPrefixes.length),
    leaf('IsTruncated', result.isTruncated),
    leaf('ContinuationToken', result.continuationToken),
    leaf('NextContinuationToken', result.nextContinuationToken),
    leaf('StartAfter', encode(result.startAfter)),
    ...result.objects.map((object) =>
      node(
        'Contents',
        leaf('Key', encode(object.key)),
        leaf('LastModified', xmlTimestamp(object.lastModifiedMs)),
        leaf('ETag', object.etag),
        leaf('ChecksumAlgorithm', object.checksumAlgorithm),
        leaf('Size', object.size),
        result.owner ? node('Owner', leaf('ID', result.owner.id)) : EMPTY_XML,
        leaf('StorageClass', 'STANDARD'),
      ),
    ),
    ...result.commonPrefixes.map((prefix) => node('CommonPrefixes', leaf('Prefix', encode(prefix)))),
  );
}

/**
 * The LocationConstraint of a CreateBucket body: undefined for an empty body or configuration;
 * a body that is not a CreateBucketConfiguration is S3's MalformedXML.
 */
export function locationConstraintOf(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  if (!/^(<\?xml[^>]*\?>\s*)?<CreateBucketConfiguration[\s>/]/.test(trimmed)) throw malformedXml();
  const constraint = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(trimmed)?.[1];
  return constraint === '' ? undefined : constraint;
}
