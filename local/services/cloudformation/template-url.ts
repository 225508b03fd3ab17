import { validationError } from './cloudformation-errors';

/** What reading a TemplateURL needs of the local S3. */
export type ReadObject = (bucket: string, key: string) => { readonly body: Buffer } | undefined;

/**
 * The bucket and key a TemplateURL names: virtual-hosted (`https://bucket.s3[.region].amazonaws.com/key`)
 * or path style (`https://s3[.region].amazonaws.com/bucket/key`, and the local cloud's own
 * `http://127.0.0.1:PORT/bucket/key`).
 */
export function s3Location(url: string): { bucket: string; key: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(parsed.pathname.slice(1));
  const virtualHost = /^(.+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.exec(parsed.hostname);
  if (virtualHost?.[1] !== undefined) return path === '' ? undefined : { bucket: virtualHost[1], key: path };
  const pathStyle =
    /^s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(parsed.hostname) ||
    parsed.hostname === '127.0.0.1' ||
    parsed.hostname === 'localhost';
  if (!pathStyle) return undefined;
  const slash = path.indexOf('/');
  return slash <= 0 ? undefined : { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

/** Reads a template from the local S3, with CloudFormation's messages when it cannot. */
export function readTemplateUrl(readObject: ReadObject | undefined, url: string): string {
  const location = s3Location(url);
  if (!location || !readObject) throw validationError('TemplateURL must be a supported URL.');
  const object = readObject(location.bucket, location.key);
  if (!object) {
    throw validationError(
      'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
    );
  }
  return object.body.toString('utf8');
}
