import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { authorizationQueryParametersError, S3Error } from './errors';
import {
  amzDateOf,
  canonicalQueryString,
  parseAmzDate,
  SIGV4_ALGORITHM,
  signatureV4,
  UNSIGNED_PAYLOAD,
  uriEncodePath,
} from './sigv4';

/**
 * The local cloud's one secret: every client reaches it with the dummy credentials of the README
 * (`AWS_SECRET_ACCESS_KEY=test`), whatever the access key id. Presigned URLs are checked against it.
 */
export const LOCAL_SECRET_ACCESS_KEY = 'test';
export const LOCAL_ACCESS_KEY_ID = 'test';
/** The longest a SigV4 presigned URL may live: seven days (docs/aws-facts.md, S3). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const REQUIRED_PARAMETERS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
] as const;

/** Whether a request authenticates by query string (a presigned URL) rather than by header. */
export function isPresigned(query: URLSearchParams): boolean {
  return REQUIRED_PARAMETERS.some((name) => query.has(name));
}

export interface PresignedRequest {
  readonly method: string;
  /** The request path as sent (percent-encoded). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

const iso = (epochMs: number) => new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hexBytes = (text: string) => (Buffer.from(text, 'utf8').toString('hex').match(/.{2}/g) ?? []).join(' ');

function required(query: URLSearchParams, name: (typeof REQUIRED_PARAMETERS)[number]): string {
  const value = query.get(name);
  if (value === null) {
    throw authorizationQueryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  return value;
}

/**
 * Checks a presigned request as S3 does (docs/aws-facts.md, S3), throwing the error S3 answers:
 * the six query parameters and their forms (400 AuthorizationQueryParametersError); every
 * `x-amz-*` header of the request among the signed ones (403 AccessDenied, HeadersNotSigned);
 * the signature, recomputed from the method, path, query, signed headers and the local secret
 * (403 SignatureDoesNotMatch, with the strings S3 echoes); then the expiry, X-Amz-Date plus
 * X-Amz-Expires seconds against `nowMs`, the cloud's simulated clock (403 AccessDenied "Request
 * has expired"). Signing the method and path is what ties a URL to one operation on one object.
 */
export function verifyPresignedRequest(
  request: PresignedRequest,
  nowMs: number,
  secretAccessKey = LOCAL_SECRET_ACCESS_KEY,
): void {
  const { query } = request;
  const algorithm = required(query, 'X-Amz-Algorithm');
  const credential = required(query, 'X-Amz-Credential');
  const signatureProvided = required(query, 'X-Amz-Signature');
  const amzDate = required(query, 'X-Amz-Date');
  const signedHeaderList = required(query, 'X-Amz-SignedHeaders');
  const expiresParameter = required(query, 'X-Amz-Expires');

  if (algorithm !== SIGV4_ALGORITHM) {
    throw authorizationQueryParametersError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  }
  const [accessKeyId, credentialDate, region, service, terminator, ...extra] = credential.split('/');
  if (
    !accessKeyId ||
    !credentialDate ||
    !region ||
    !service ||
    terminator !== 'aws4_request' ||
    extra.length > 0
  ) {
    throw authorizationQueryParametersError(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  if (service !== 's3') {
    throw authorizationQueryParametersError(
      `Error parsing the X-Amz-Credential parameter; incorrect service "${service}". This endpoint belongs to "s3".`,
    );
  }
  const signedAtMs = parseAmzDate(amzDate);
  if (signedAtMs === undefined) {
    throw authorizationQueryParametersError(
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
  }
  if (credentialDate !== amzDate.slice(0, 8)) {
    throw authorizationQueryParametersError(
      `Invalid credential date "${credentialDate}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  if (!/^\d+$/.test(expiresParameter)) {
    throw authorizationQueryParametersError('X-Amz-Expires should be a number');
  }
  const expiresSeconds = Number(expiresParameter);
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw authorizationQueryParametersError(
      `X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than ${MAX_PRESIGNED_EXPIRES_SECONDS} seconds`,
    );
  }

  const signedHeaders = signedHeaderList.split(';');
  // x-amz-content-sha256 is left out, as LocalStack leaves it out (clients send it unsigned).
  const notSigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-amz-') && name !== 'x-amz-content-sha256' && !signedHeaders.includes(name),
  );
  if (notSigned.length > 0) {
    throw new S3Error(
      'AccessDenied',
      'There were headers present in the request which were not signed',
      403,
      [['HeadersNotSigned', notSigned.join(', ')]],
    );
  }

  const { canonicalRequest, stringToSign, signature } = signatureV4({
    method: request.method,
    canonicalUri: request.path,
    canonicalQuery: canonicalQueryString([...query].filter(([name]) => name !== 'X-Amz-Signature')),
    headers: request.headers,
    signedHeaders,
    payloadHash: query.get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD,
    amzDate,
    region,
    service,
    secretAccessKey,
  });
  const provided = Buffer.from(signatureProvided, 'utf8');
  const expected = Buffer.from(signature, 'utf8');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    throw new S3Error(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      403,
      [
        ['AWSAccessKeyId', accessKeyId],
        ['StringToSign', stringToSign],
        ['SignatureProvided', signatureProvided],
        ['StringToSignBytes', hexBytes(stringToSign)],
        ['CanonicalRequest', canonicalRequest],
        ['CanonicalRequestBytes', hexBytes(canonicalRequest)],
      ],
    );
  }

  const expiresAtMs = signedAtMs + expiresSeconds * 1000;
  if (nowMs > expiresAtMs) {
    throw new S3Error('AccessDenied', 'Request has expired', 403, [
      ['X-Amz-Expires', expiresParameter],
      ['Expires', iso(expiresAtMs)],
      ['ServerTime', iso(nowMs)],
    ]);
  }
}

export interface PresignOptions {
  /** `http://127.0.0.1:PORT`: the cloud's endpoint. */
  readonly endpoint: string;
  readonly method: 'GET' | 'PUT' | 'HEAD' | 'DELETE';
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  /** When the URL is signed: the cloud's simulated clock, so that its expiry runs on that clock. */
  readonly nowMs: number;
  readonly expiresInSeconds: number;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
}

/**
 * A path-style presigned URL for one object, signed as the SDKs sign them (host the only signed
 * header, UNSIGNED-PAYLOAD): what the local CloudFormation hands a custom resource as ResponseURL.
 */
export function presignS3Url(options: PresignOptions): string {
  const url = new URL(options.endpoint);
  const accessKeyId = options.accessKeyId ?? LOCAL_ACCESS_KEY_ID;
  const amzDate = amzDateOf(options.nowMs);
  const path = `/${options.bucket}/${uriEncodePath(options.key)}`;
  const parameters: Array<readonly [string, string]> = [
    ['X-Amz-Algorithm', SIGV4_ALGORITHM],
    ['X-Amz-Credential', `${accessKeyId}/${amzDate.slice(0, 8)}/${options.region}/s3/aws4_request`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(options.expiresInSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  const { signature } = signatureV4({
    method: options.method,
    canonicalUri: path,
    canonicalQuery: canonicalQueryString(parameters),
    headers: { host: url.host },
    signedHeaders: ['host'],
    payloadHash: UNSIGNED_PAYLOAD,
    amzDate,
    region: options.region,
    service: 's3',
    secretAccessKey: options.secretAccessKey ?? LOCAL_SECRET_ACCESS_KEY,
  });
  return `${url.origin}${path}?${canonicalQueryString([...parameters, ['X-Amz-Signature', signature]])}`;
}
