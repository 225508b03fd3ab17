import { incompleteBody } from './errors';

const CRLF = Buffer.from('\r\n');

export interface DecodedChunks {
  readonly payload: Buffer;
  /** Trailing headers after the last chunk (`x-amz-checksum-crc32`, …), names in lower case. */
  readonly trailers: ReadonlyMap<string, string>;
}

/**
 * Decodes a `Content-Encoding: aws-chunked` body (docs/aws-facts.md, S3): chunks of
 * `{hex size}[;chunk-signature=…]\r\n{bytes}\r\n`, a zero-size chunk, then trailing
 * `name:value\r\n` lines and an empty line. The SDK v3 and botocore send uploads of a stream
 * this way (`x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`, the checksum in a
 * trailer). Chunk signatures are not checked: the local cloud checks no header signature.
 * A body that breaks the framing, or whose length is not `decodedLength`, is IncompleteBody.
 */
export function decodeAwsChunked(body: Buffer, decodedLength: number | undefined): DecodedChunks {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, position);
    if (lineEnd < 0) throw incompleteBody();
    const sizeText = body.subarray(position, lineEnd).toString('latin1').split(';')[0] ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw incompleteBody();
    const size = Number.parseInt(sizeText, 16);
    position = lineEnd + CRLF.length;
    if (size === 0) break;
    const end = position + size;
    if (end + CRLF.length > body.length || !body.subarray(end, end + CRLF.length).equals(CRLF)) {
      throw incompleteBody();
    }
    chunks.push(body.subarray(position, end));
    position = end + CRLF.length;
  }

  const trailers = new Map<string, string>();
  for (const line of body.subarray(position).toString('latin1').split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw incompleteBody();
    trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }

  const payload = Buffer.concat(chunks);
  if (decodedLength !== undefined && payload.length !== decodedLength) {
    throw incompleteBody(
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
    );
  }
  return { payload, trailers };
}
