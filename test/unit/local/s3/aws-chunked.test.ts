import { decodeAwsChunked } from '../../../../local/services/s3/aws-chunked';

describe('decodeAwsChunked', () => {
  it("decodes the SDK v3's unsigned chunks with a trailing checksum", () => {
    // Prepare
    const body = Buffer.from('5\r\nhello\r\n7\r\n, world\r\n0\r\nx-amz-checksum-crc32:Jg8oIQ==\r\n\r\n');

    // Act
    const decoded = decodeAwsChunked(body, 12);

    // Assess
    expect(decoded.payload.toString()).toBe('hello, world');
    expect([...decoded.trailers]).toEqual([['x-amz-checksum-crc32', 'Jg8oIQ==']]);
  });

  it('decodes signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) without a trailer', () => {
    // Prepare
    const signature = 'a'.repeat(64);
    const body = Buffer.from(
      `3;chunk-signature=${signature}\r\nabc\r\n0;chunk-signature=${signature}\r\n\r\n`,
    );

    // Act
    const decoded = decodeAwsChunked(body, undefined);

    // Assess
    expect(decoded.payload.toString()).toBe('abc');
    expect(decoded.trailers.size).toBe(0);
  });

  it.each([
    ['a chunk shorter than its size', '9\r\nhello\r\n0\r\n\r\n', 5],
    ['a size that is not hex', 'zz\r\nhello\r\n0\r\n\r\n', 5],
    ['no final chunk', '5\r\nhello\r\n', 5],
    ['a decoded length other than x-amz-decoded-content-length', '5\r\nhello\r\n0\r\n\r\n', 6],
  ])('answers IncompleteBody for %s', (_case, body, decodedLength) => {
    // Act / Assess
    expect(() => decodeAwsChunked(Buffer.from(body), decodedLength)).toThrow(
      expect.objectContaining({ code: 'IncompleteBody', status: 400 }),
    );
  });
});
