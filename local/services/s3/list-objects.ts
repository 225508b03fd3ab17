import { invalidArgument } from './errors';
import { bucketOf, type S3Operation, XML_CONTENT_TYPE } from './operation-context';
import type { ObjectRecord } from './records';
import { compareKeys } from './store';
import { listObjectsV2Document } from './xml';

/** ListObjectsV2 answers at most this many keys and common prefixes together (docs/aws-facts.md, S3). */
export const MAX_KEYS = 1000;

const tokenOf = (lastKey: string) => Buffer.from(lastKey, 'utf8').toString('base64url');

function afterToken(token: string): string {
  const decoded = Buffer.from(token, 'base64url');
  if (token === '' || decoded.toString('base64url') !== token) {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return decoded.toString('utf8');
}

function maxKeysOf(value: string | null): number {
  if (value === null) return MAX_KEYS;
  if (!/^\d+$/.test(value) || Number(value) > 2_147_483_647) {
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value);
  }
  return Math.min(Number(value), MAX_KEYS);
}

export interface ListPage {
  readonly objects: readonly ObjectRecord[];
  readonly commonPrefixes: readonly string[];
  /** The last key this page took (under a common prefix, the last key rolled up into it). */
  readonly lastKey?: string;
  readonly isTruncated: boolean;
}

/**
 * One page of keys in byte order after `after` under `prefix`: with a delimiter, keys that hold it
 * past the prefix roll up into one common prefix each (counted once, like one key), at most
 * `maxKeys` entries in all.
 */
export function listPage(
  sorted: readonly ObjectRecord[],
  options: { prefix: string; delimiter?: string; after?: string; maxKeys: number },
): ListPage {
  const objects: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  let lastKey: string | undefined;
  let lastPrefix: string | undefined;
  for (const object of sorted) {
    if (!object.key.startsWith(options.prefix)) continue;
    if (options.after !== undefined && compareKeys(object.key, options.after) <= 0) continue;
    const at =
      options.delimiter === undefined || options.delimiter === ''
        ? -1
        : object.key.indexOf(options.delimiter, options.prefix.length);
    const commonPrefix = at < 0 ? undefined : object.key.slice(0, at + (options.delimiter ?? '').length);
    if (commonPrefix !== undefined && commonPrefix === lastPrefix) {
      lastKey = object.key;
      continue;
    }
    if (objects.length + commonPrefixes.length >= options.maxKeys) {
      return { objects, commonPrefixes, lastKey, isTruncated: true };
    }
    if (commonPrefix === undefined) objects.push(object);
    else commonPrefixes.push(commonPrefix);
    lastPrefix = commonPrefix;
    lastKey = object.key;
  }
  return { objects, commonPrefixes, lastKey, isTruncated: false };
}

/**
 * ListObjectsV2 (`GET /{bucket}?list-type=2`): prefix, delimiter, max-keys (up to 1,000),
 * start-after, continuation-token (opaque: the last key taken, in base64url), encoding-type=url
 * and fetch-owner.
 */
export const listObjectsV2: S3Operation = (context) => {
  const bucket = bucketOf(context);
  const { query } = context.req;
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? undefined;
  const startAfter = query.get('start-after') ?? undefined;
  const continuationToken = query.get('continuation-token') ?? undefined;
  const maxKeys = maxKeysOf(query.get('max-keys'));
  const sorted = context.store.listObjects(bucket);
  const page = listPage(sorted, {
    prefix,
    delimiter,
    after: continuationToken === undefined ? startAfter : afterToken(continuationToken),
    maxKeys,
  });
  return {
    status: 200,
    headers: { 'content-type': XML_CONTENT_TYPE },
    body: listObjectsV2Document({
      bucket,
      prefix,
      delimiter,
      maxKeys,
      startAfter,
      continuationToken,
      nextContinuationToken:
        page.isTruncated && page.lastKey !== undefined ? tokenOf(page.lastKey) : undefined,
      isTruncated: page.isTruncated,
      objects: page.objects.map((object) => ({
        key: object.key,
        lastModifiedMs: object.lastModifiedMs,
        etag: object.etag,
        size: object.body.length,
        checksumAlgorithm: object.checksum?.algorithm,
      })),
      commonPrefixes: page.commonPrefixes,
      encodingType: encodingType === null ? undefined : 'url',
      owner: query.get('fetch-owner') === 'true' ? context.owner : undefined,
    }),
  };
};
