import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The pieces of Signature Version 4 that S3's query-string authentication needs, written out as
 * AWS's "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)" describes them
 * (docs/aws-facts.md, S3): the canonical request, the string to sign and the signing key.
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** A presigned URL says nothing of the body it will carry: its payload hash is this constant. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** RFC 3986 percent-encoding: every byte but `A-Z a-z 0-9 - . _ ~` as `%XX` (upper-case hex). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An object key in a path: each segment encoded, the slashes kept (S3 does not encode them twice). */
export function uriEncodePath(path: string): string {
  return path.split('/').map(uriEncode).join('/');
}

/** `k1=v1&k2=v2`: names and values encoded, sorted by name then value. */
export function canonicalQueryString(parameters: Iterable<readonly [string, string]>): string {
  return [...parameters]
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([nameA, valueA], [nameB, valueB]) =>
      nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
    )
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** A header's canonical value: repeated values joined by commas, trimmed, inner runs of spaces made one. */
export function canonicalHeaderValue(value: string | readonly string[] | undefined): string {
  const joined = typeof value === 'string' ? value : (value ?? []).join(',');
  return joined.trim().replace(/\s+/g, ' ');
}

/** `name:value\n` for each signed header, in the order of the signed-header list. */
export function canonicalHeaders(headers: IncomingHttpHeaders, signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers[name])}\n`).join('');
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** The key of one day, region and service, derived from the secret by HMAC-SHA256 four times. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
}

export interface SignatureInput {
  readonly method: string;
  /** The path exactly as it was sent, already percent-encoded (S3 neither normalizes nor re-encodes it). */
  readonly canonicalUri: string;
  readonly canonicalQuery: string;
  readonly headers: IncomingHttpHeaders;
  /** Lower-case names, sorted, as X-Amz-SignedHeaders lists them. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** `yyyyMMdd'T'HHmmss'Z'`. */
  readonly amzDate: string;
  readonly region: string;
  readonly service: string;
  readonly secretAccessKey: string;
}

export interface SignatureOutput {
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** Signs a request as SigV4 does, returning the intermediate strings too (S3 echoes them on a mismatch). */
export function signatureV4(input: SignatureInput): SignatureOutput {
  const date = input.amzDate.slice(0, 8);
  const canonicalRequest = [
    input.method,
    input.canonicalUri,
    input.canonicalQuery,
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
  const stringToSign = [
    SIGV4_ALGORITHM,
    input.amzDate,
    `${date}/${input.region}/${input.service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signature = createHmac('sha256', signingKey(input.secretAccessKey, date, input.region, input.service))
    .update(stringToSign)
    .digest('hex');
  return { canonicalRequest, stringToSign, signature };
}

/** `yyyyMMdd'T'HHmmss'Z'` of an instant. */
export function amzDateOf(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** The instant of an `yyyyMMdd'T'HHmmss'Z'` date, or undefined when it is not one. */
export function parseAmzDate(amzDate: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 20260231 over into March: a date that does not round-trip is not a date.
  return amzDateOf(epochMs) === amzDate ? epochMs : undefined;
}
