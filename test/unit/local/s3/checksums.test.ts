import { createHash } from 'node:crypto';
import { checkUploadIntegrity } from '../../../../local/services/s3/checksums';

const BODY = Buffer.from('hello');
/** CRC32 of "hello", as the SDK v3 sends it. */
const HELLO_CRC32 = 'NhCmhg==';

describe('checkUploadIntegrity', () => {
  it('returns the checksum a header declares when the body matches it', () => {
    // Act / Assess
    expect(checkUploadIntegrity(BODY, { 'x-amz-checksum-crc32': HELLO_CRC32 })).toEqual({
      algorithm: 'CRC32',
      value: HELLO_CRC32,
    });
    expect(
      checkUploadIntegrity(
        BODY,
        {},
        new Map([['x-amz-checksum-sha256', createHash('sha256').update(BODY).digest('base64')]]),
      ),
    ).toMatchObject({ algorithm: 'SHA256' });
    expect(checkUploadIntegrity(BODY, {})).toBeUndefined();
  });

  it.each([
    ['a CRC32 of other bytes', { 'x-amz-checksum-crc32': 'AAAAAA==' }, 'BadDigest'],
    [
      'a Content-MD5 of other bytes',
      { 'content-md5': createHash('md5').update('other').digest('base64') },
      'BadDigest',
    ],
    ['a Content-MD5 that is no MD5', { 'content-md5': 'abc' }, 'InvalidDigest'],
    [
      'an x-amz-content-sha256 of other bytes',
      { 'x-amz-content-sha256': 'e'.repeat(64) },
      'XAmzContentSHA256Mismatch',
    ],
    [
      'two checksums',
      { 'x-amz-checksum-crc32': HELLO_CRC32, 'x-amz-checksum-sha1': 'qvTGHdzF6KLavt4PO0gs2a6pQ00=' },
      'InvalidRequest',
    ],
    ['a CRC32 of the wrong length', { 'x-amz-checksum-crc32': 'AAAA' }, 'InvalidRequest'],
  ])('refuses %s with %s', (_case, headers, code) => {
    // Act / Assess
    expect(() => checkUploadIntegrity(BODY, headers)).toThrow(expect.objectContaining({ code, status: 400 }));
  });

  it('keeps a CRC32C as sent, which it cannot compute, and takes UNSIGNED-PAYLOAD as no hash', () => {
    // Act
    const checksum = checkUploadIntegrity(BODY, {
      'x-amz-checksum-crc32c': 'AAAAAA==',
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    });

    // Assess
    expect(checksum).toEqual({ algorithm: 'CRC32C', value: 'AAAAAA==' });
  });
});
