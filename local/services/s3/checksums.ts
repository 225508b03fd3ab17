import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { invalidRequest, S3Error } from './errors';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export interface ObjectChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** Base64, as the `x-amz-checksum-*` header carries it. */
  readonly value: string;
}

/** Bytes of each algorithm's digest: a value of another length is not one. */
const DIGEST_BYTES: Readonly<Record<ChecksumAlgorithm, number>> = {
  CRC32: 4,
  CRC32C: 4,
  CRC64NVME: 8,
  SHA1: 20,
  SHA256: 32,
};

/** The digests Node computes itself; CRC32C and CRC64NVME are kept as sent, unchecked. */
function computed(algorithm: ChecksumAlgorithm, body: Buffer): string | undefined {
  switch (algorithm) {
    case 'CRC32': {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(crc32(body));
      return digest.toString('base64');
    }
    case 'SHA1':
      return createHash('sha1').update(body).digest('base64');
    case 'SHA256':
      return createHash('sha256').update(body).digest('base64');
    default:
      return undefined;
  }
}

const headerOf = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : value?.[0];
};

const isBase64Of = (value: string, bytes: number): boolean =>
  /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === bytes;

/**
 * Checks an upload's body against what the request says of it, as S3 does (docs/aws-facts.md, S3):
 * Content-MD5 (InvalidDigest, BadDigest); a hex `x-amz-content-sha256` (XAmzContentSHA256Mismatch);
 * one `x-amz-checksum-{algorithm}`, from a header or an aws-chunked trailer (InvalidRequest for two,
 * or for a value that is not one; BadDigest when it differs). Returns the checksum to store.
 */
export function checkUploadIntegrity(
  body: Buffer,
  headers: IncomingHttpHeaders,
  trailers: ReadonlyMap<string, string> = new Map(),
): ObjectChecksum | undefined {
  const contentMd5 = headerOf(headers, 'content-md5');
  if (contentMd5 !== undefined) {
    if (!isBase64Of(contentMd5, 16)) {
      throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, [
        ['Content-MD5', contentMd5],
      ]);
    }
    if (createHash('md5').update(body).digest('base64') !== contentMd5) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, [
        ['ExpectedDigest', contentMd5],
      ]);
    }
  }

  const contentSha256 = headerOf(headers, 'x-amz-content-sha256');
  if (contentSha256 !== undefined && /^[0-9a-f]{64}$/i.test(contentSha256)) {
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== contentSha256.toLowerCase()) {
      throw new S3Error(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        [
          ['ClientComputedContentSHA256', contentSha256],
          ['S3ComputedContentSHA256', actual],
        ],
      );
    }
  }

  const declared = CHECKSUM_ALGORITHMS.flatMap((algorithm) => {
    const name = `x-amz-checksum-${algorithm.toLowerCase()}`;
    const value = headerOf(headers, name) ?? trailers.get(name);
    return value === undefined ? [] : [{ algorithm, value, name }];
  });
  if (declared.length > 1) {
    throw invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const [checksum] = declared;
  if (!checksum) return undefined;
  if (!isBase64Of(checksum.value, DIGEST_BYTES[checksum.algorithm])) {
    throw invalidRequest(`Value for ${checksum.name} header is invalid.`);
  }
  const actual = computed(checksum.algorithm, body);
  if (actual !== undefined && actual !== checksum.value) {
    throw new S3Error(
      'BadDigest',
      `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
      400,
    );
  }
  return { algorithm: checksum.algorithm, value: checksum.value };
}
