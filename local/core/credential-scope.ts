import type { IncomingHttpHeaders } from 'node:http';

export interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/**
 * Reads the SigV4 credential scope (access key, region, signing name) from the Authorization
 * header or, for presigned URLs, the X-Amz-Credential query parameter. The real clients sign
 * every call, so this is how the cloud knows which service a request is for.
 */
export function parseCredentialScope(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): CredentialScope | undefined {
  const authorization = headers.authorization;
  const source =
    typeof authorization === 'string'
      ? authorization
      : query.has('X-Amz-Credential')
        ? `Credential=${query.get('X-Amz-Credential')}`
        : undefined;
  const match = source === undefined ? null : SCOPE.exec(source);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { accessKeyId: match[1], region: match[2], service: match[3] };
}

const TARGET_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['DynamoDB_', 'dynamodb'],
  ['AWSEvents.', 'events'],
  ['AWSStepFunctions.', 'states'],
];

/**
 * For unsigned requests (curl, health checks), guesses the service the way the path and
 * headers make plain. Signed requests never need this.
 */
export function inferServiceFromRequest(
  headers: IncomingHttpHeaders,
  path: string,
  body: string,
  query: URLSearchParams = new URLSearchParams(),
): string | undefined {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const found = TARGET_PREFIXES.find(([prefix]) => target.startsWith(prefix));
    if (found) return found[1];
  }
  if (
    path.startsWith('/restapis') ||
    path.startsWith('/tags/arn%3Aaws%3Aapigateway') ||
    path.startsWith('/tags/arn:aws:apigateway')
  ) {
    return 'apigateway';
  }
  if (path.startsWith('/2015-03-31/functions')) return 'lambda';
  if (/(^|&)Action=/.test(body) || query.has('Action')) return 'ec2';
  // An S3 URL presigned with Signature Version 2 (botocore's default for `aws s3 presign`): S3 answers it.
  if (query.has('AWSAccessKeyId') && query.has('Signature')) return 's3';
  return undefined;
}
