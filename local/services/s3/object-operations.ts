import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { CloudResponse } from '../../core/types';
import { decodeAwsChunked } from './aws-chunked';
import { checkUploadIntegrity } from './checksums';
import { S3Error } from './errors';
import { bucketOf, keyOf, type S3Operation, type S3OperationContext } from './operation-context';
import { type ObjectRecord, STORED_HEADERS } from './records';

/** S3's limits on one object (docs/aws-facts.md, S3). */
export const MAX_KEY_BYTES = 1024;
export const MAX_USER_METADATA_BYTES = 2048;
/** What S3 answers as Content-Type for an object uploaded without one. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';
const USER_METADATA_PREFIX = 'x-amz-meta-';
/** GetObject's query parameters that override a response header, and the header each sets. */
const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

const headerOf = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.join(',');
};

/** Content-Encoding without the transfer framing `aws-chunked`, which S3 does not store. */
function storedContentEncoding(headers: IncomingHttpHeaders): string | undefined {
  const codings = (headerOf(headers, 'content-encoding') ?? '')
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding.toLowerCase() !== 'aws-chunked');
  return codings.length === 0 ? undefined : codings.join(',');
}

/** The upload's bytes: aws-chunked framing removed; 411 when the length is not known up front. */
function uploadedBody(context: S3OperationContext): { body: Buffer; trailers?: ReadonlyMap<string, string> } {
  const { headers, body } = context.req;
  const chunked = (headerOf(headers, 'content-encoding') ?? '')
    .split(',')
    .some((coding) => coding.trim().toLowerCase() === 'aws-chunked');
  const decodedLength = headerOf(headers, 'x-amz-decoded-content-length');
  if (chunked) {
    const decoded = decodeAwsChunked(body, decodedLength === undefined ? undefined : Number(decodedLength));
    return { body: decoded.payload, trailers: decoded.trailers };
  }
  if (headers['content-length'] === undefined) {
    throw new S3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
  }
  return { body };
}

function userMetadataOf(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(USER_METADATA_PREFIX) || value === undefined) continue;
    const metadataName = name.slice(USER_METADATA_PREFIX.length);
    const metadataValue = typeof value === 'string' ? value : value.join(',');
    metadata[metadataName] = metadataValue;
    size += Buffer.byteLength(metadataName) + Buffer.byteLength(metadataValue);
  }
  if (size > MAX_USER_METADATA_BYTES) {
    throw new S3Error(
      'MetadataTooLarge',
      'Your metadata headers exceed the maximum allowed metadata size',
      400,
      [
        ['Size', String(size)],
        ['MaxSizeAllowed', String(MAX_USER_METADATA_BYTES)],
      ],
    );
  }
  return metadata;
}

/**
 * PutObject (docs/aws-facts.md, S3): the bytes (an aws-chunked body decoded), checked against
 * Content-MD5 and any checksum sent, stored with Content-Type (binary/octet-stream when absent),
 * the other representation headers and the `x-amz-meta-*` metadata; the ETag is the quoted MD5.
 * A presigned PUT takes a body with or without Content-Type: the URL signs neither; the
 * `x-amz-checksum-*` the SDK v3 puts in a presigned URL's query is ignored, as S3 ignores it.
 */
export const putObject: S3Operation = (context) => {
  const bucket = bucketOf(context);
  const key = keyOf(context);
  const { store, req } = context;
  store.requireBucket(bucket);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 'Your key is too long', 400, [
      ['MaxSizeAllowed', String(MAX_KEY_BYTES)],
      ['Size', String(Buffer.byteLength(key))],
    ]);
  }
  const { body, trailers } = uploadedBody(context);
  const checksum = checkUploadIntegrity(body, req.headers, trailers);
  const headers: Record<string, string> = { 'content-type': DEFAULT_CONTENT_TYPE };
  for (const name of STORED_HEADERS) {
    const value =
      name === 'content-encoding' ? storedContentEncoding(req.headers) : headerOf(req.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const object: ObjectRecord = {
    bucket,
    key,
    body,
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    // S3 keeps Last-Modified to the second (the header has no finer unit).
    lastModifiedMs: Math.floor(context.nowMs / 1000) * 1000,
    headers,
    metadata: userMetadataOf(req.headers),
    checksum,
  };
  store.putObject(object);
  context.objectCreated(bucket, key);
  return {
    status: 200,
    headers: {
      etag: object.etag,
      'x-amz-server-side-encryption': 'AES256',
      ...checksumHeaders(object),
    },
  };
};

function checksumHeaders(object: ObjectRecord): Record<string, string> {
  if (!object.checksum) return {};
  return {
    [`x-amz-checksum-${object.checksum.algorithm.toLowerCase()}`]: object.checksum.value,
    'x-amz-checksum-type': 'FULL_OBJECT',
  };
}

/** The headers GetObject and HeadObject answer with; the checksum only when asked for (x-amz-checksum-mode). */
function objectHeaders(context: S3OperationContext, object: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    ...object.headers,
    'content-length': String(object.body.length),
    etag: object.etag,
    'last-modified': new Date(object.lastModifiedMs).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of Object.entries(object.metadata))
    headers[`${USER_METADATA_PREFIX}${name}`] = value;
  if (headerOf(context.req.headers, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    Object.assign(headers, checksumHeaders(object));
  }
  for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = context.req.query.get(parameter);
    if (value !== null) headers[header] = value;
  }
  return headers;
}

/**
 * GetObject: the whole object (a Range header is ignored, as HTTP lets a server do, and answered
 * 200 with every byte), with its stored headers and metadata; 404 NoSuchKey.
 */
export const getObject: S3Operation = (context): CloudResponse => {
  const object = context.store.requireObject(bucketOf(context), keyOf(context));
  return { status: 200, headers: objectHeaders(context, object), body: object.body };
};

/** HeadObject: GetObject's headers without the body; a bare 404 for a missing key. */
export const headObject: S3Operation = (context): CloudResponse => {
  const object = context.store.requireObject(bucketOf(context), keyOf(context));
  return { status: 200, headers: objectHeaders(context, object) };
};

/** DeleteObject: 204 whether or not the key existed (S3 deletes idempotently); NoSuchBucket still fails. */
export const deleteObject: S3Operation = (context): CloudResponse => {
  context.store.removeObject(bucketOf(context), keyOf(context));
  return { status: 204 };
};
