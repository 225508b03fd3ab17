import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../../../local/services/s3/errors';
import {
  type PresignedRequest,
  presignS3Url,
  verifyPresignedRequest,
} from '../../../../local/services/s3/presigned-url';

/**
 * The worked example of AWS's "Authenticating Requests: Using Query Parameters (AWS Signature
 * Version 4)": a GET of examplebucket/test.txt signed on 2013-05-24 for 86,400 seconds.
 */
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const EXAMPLE_SIGNED_AT = Date.UTC(2013, 4, 24);
const EXAMPLE_QUERY =
  'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host';
const EXAMPLE_SIGNATURE = 'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

function example(overrides: Partial<PresignedRequest> = {}, signature = EXAMPLE_SIGNATURE): PresignedRequest {
  return {
    method: 'GET',
    path: '/test.txt',
    query: new URLSearchParams(`${EXAMPLE_QUERY}&X-Amz-Signature=${signature}`),
    headers: { host: 'examplebucket.s3.amazonaws.com' },
    ...overrides,
  };
}

/** The S3Error a verification throws (fails the test if it throws nothing, or something else). */
function rejectionOf(verify: () => void): S3Error {
  try {
    verify();
  } catch (error: unknown) {
    if (error instanceof S3Error) return error;
    throw error;
  }
  throw new Error('the request was accepted');
}

const detail = (error: S3Error, name: string) => error.details.find(([key]) => key === name)?.[1];

function requestOf(url: string, method: string, headers: IncomingHttpHeaders = {}): PresignedRequest {
  const parsed = new URL(url);
  return {
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: { host: parsed.host, ...headers },
  };
}

describe('verifyPresignedRequest', () => {
  it("accepts AWS's worked example within its expiry", () => {
    // Act / Assess
    expect(() =>
      verifyPresignedRequest(example(), EXAMPLE_SIGNED_AT + 3_600_000, EXAMPLE_SECRET),
    ).not.toThrow();
  });

  it('answers SignatureDoesNotMatch, echoing the canonical request, when one hex digit of the signature changes', () => {
    // Prepare
    const tampered = `${EXAMPLE_SIGNATURE.slice(0, -1)}5`;

    // Act
    const error = rejectionOf(() =>
      verifyPresignedRequest(example({}, tampered), EXAMPLE_SIGNED_AT + 1000, EXAMPLE_SECRET),
    );

    // Assess
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(detail(error, 'SignatureProvided')).toBe(tampered);
    expect(detail(error, 'CanonicalRequest')).toBe(
      `GET\n/test.txt\n${EXAMPLE_QUERY}\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD`,
    );
  });

  it('answers SignatureDoesNotMatch for another secret, another method or another key than signed', () => {
    // Act
    const errors = [
      rejectionOf(() => verifyPresignedRequest(example(), EXAMPLE_SIGNED_AT, 'test')),
      rejectionOf(() =>
        verifyPresignedRequest(example({ method: 'PUT' }), EXAMPLE_SIGNED_AT, EXAMPLE_SECRET),
      ),
      rejectionOf(() =>
        verifyPresignedRequest(example({ path: '/other.txt' }), EXAMPLE_SIGNED_AT, EXAMPLE_SECRET),
      ),
    ];

    // Assess
    expect(errors.map((error) => error.code)).toEqual([
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
      'SignatureDoesNotMatch',
    ]);
  });

  it('answers 403 AccessDenied "Request has expired" one second after X-Amz-Date plus X-Amz-Expires', () => {
    // Prepare
    const expiresAt = EXAMPLE_SIGNED_AT + 86_400_000;

    // Act
    const atTheLimit = () => verifyPresignedRequest(example(), expiresAt, EXAMPLE_SECRET);
    const error = rejectionOf(() => verifyPresignedRequest(example(), expiresAt + 1000, EXAMPLE_SECRET));

    // Assess
    expect(atTheLimit).not.toThrow();
    expect(error).toMatchObject({ code: 'AccessDenied', message: 'Request has expired', status: 403 });
    expect(error.details).toEqual([
      ['X-Amz-Expires', '86400'],
      ['Expires', '2013-05-25T00:00:00Z'],
      ['ServerTime', '2013-05-25T00:00:01Z'],
    ]);
  });

  it('refuses an x-amz-* header the URL did not sign, naming it', () => {
    // Act
    const error = rejectionOf(() =>
      verifyPresignedRequest(
        example({ headers: { host: 'examplebucket.s3.amazonaws.com', 'x-amz-meta-owner': 'me' } }),
        EXAMPLE_SIGNED_AT,
        EXAMPLE_SECRET,
      ),
    );

    // Assess
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(detail(error, 'HeadersNotSigned')).toBe('x-amz-meta-owner');
  });

  it.each([
    [
      'a missing X-Amz-Expires',
      (query: URLSearchParams) => query.delete('X-Amz-Expires'),
      /requires the X-Amz-Algorithm/,
    ],
    [
      'an expiry over a week',
      (query: URLSearchParams) => query.set('X-Amz-Expires', '604801'),
      /less than a week/,
    ],
    [
      'another algorithm',
      (query: URLSearchParams) => query.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA1'),
      /only supports/,
    ],
    [
      'a malformed credential',
      (query: URLSearchParams) => query.set('X-Amz-Credential', 'AKID/20130524/us-east-1'),
      /mal-formed/,
    ],
    [
      'a credential of another day',
      (query: URLSearchParams) =>
        query.set('X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE/20130525/us-east-1/s3/aws4_request'),
      /not the same as X-Amz-Date/,
    ],
    [
      'a date that is not one',
      (query: URLSearchParams) => query.set('X-Amz-Date', '20130532T000000Z'),
      /ISO8601/,
    ],
  ])('answers 400 AuthorizationQueryParametersError for %s', (_case, change, message) => {
    // Prepare
    const request = example();
    change(request.query);

    // Act
    const error = rejectionOf(() => verifyPresignedRequest(request, EXAMPLE_SIGNED_AT, EXAMPLE_SECRET));

    // Assess
    expect(error).toMatchObject({ code: 'AuthorizationQueryParametersError', status: 400 });
    expect(error.message).toMatch(message);
  });
});

describe('presignS3Url', () => {
  const options = {
    endpoint: 'http://127.0.0.1:4566',
    method: 'PUT' as const,
    bucket: 'responses',
    key: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1|Resource|request 1',
    region: 'us-east-1',
    nowMs: Date.UTC(2026, 0, 2, 3, 4, 5),
    expiresInSeconds: 7200,
  };

  it('signs a path-style URL that verifies for its method until it expires', () => {
    // Act
    const url = presignS3Url(options);
    const signedAt = options.nowMs;

    // Assess
    expect(url).toMatch(
      /^http:\/\/127\.0\.0\.1:4566\/responses\/arn%3Aaws%3Acloudformation%3A.*%7CResource%7Crequest%201\?/,
    );
    expect(new URL(url).searchParams.get('X-Amz-Date')).toBe('20260102T030405Z');
    expect(() => verifyPresignedRequest(requestOf(url, 'PUT'), signedAt + 7_200_000)).not.toThrow();
    expect(rejectionOf(() => verifyPresignedRequest(requestOf(url, 'GET'), signedAt)).code).toBe(
      'SignatureDoesNotMatch',
    );
    expect(rejectionOf(() => verifyPresignedRequest(requestOf(url, 'PUT'), signedAt + 7_201_000)).code).toBe(
      'AccessDenied',
    );
  });

  it('lets the plain HTTP PUT of a custom resource add Content-Type: the URL signs the host alone', () => {
    // Prepare
    const url = presignS3Url(options);

    // Act / Assess
    expect(() =>
      verifyPresignedRequest(requestOf(url, 'PUT', { 'content-type': 'application/json' }), options.nowMs),
    ).not.toThrow();
  });
});
