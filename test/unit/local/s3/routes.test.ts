import { s3OperationOf, targetOf } from '../../../../local/services/s3/routes';

describe('targetOf', () => {
  it('reads bucket and key from a path-style path, decoding them and keeping the slashes of the key', () => {
    // Act / Assess
    expect(targetOf('/')).toEqual({});
    expect(targetOf('/bucket')).toEqual({ bucket: 'bucket' });
    expect(targetOf('/bucket/')).toEqual({ bucket: 'bucket' });
    expect(targetOf('/bucket/dir/a%20b%2Bc.json')).toEqual({ bucket: 'bucket', key: 'dir/a b+c.json' });
  });

  it('answers InvalidURI for a path that does not decode', () => {
    // Act / Assess
    expect(() => targetOf('/bucket/%E0%A4%A')).toThrow(expect.objectContaining({ code: 'InvalidURI' }));
  });
});

describe('s3OperationOf', () => {
  const query = (text = '') => new URLSearchParams(text);
  const presigned =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20260102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260102T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=0&x-amz-checksum-crc32=AAAAAA%3D%3D&x-id=PutObject';

  it.each([
    ['GET', '/', '', 'ListBuckets'],
    ['PUT', '/b', '', 'CreateBucket'],
    ['HEAD', '/b/', '', 'HeadBucket'],
    ['DELETE', '/b', '', 'DeleteBucket'],
    ['GET', '/b', 'list-type=2&prefix=a&delimiter=%2F&encoding-type=url', 'ListObjectsV2'],
    ['PUT', '/b/k', presigned, 'PutObject'],
    ['GET', '/b/k', 'x-id=GetObject&response-content-type=text%2Fplain', 'GetObject'],
    ['HEAD', '/b/k', '', 'HeadObject'],
    ['DELETE', '/b/k', 'x-id=DeleteObject', 'DeleteObject'],
  ])('%s %s?%s is %s', (method, path, text, operation) => {
    // Act / Assess
    expect(s3OperationOf(method, targetOf(path), query(text), {})).toBe(operation);
  });

  it.each([
    ['GET', '/b', 'tagging', 'NotImplemented'],
    ['GET', '/b', 'prefix=a', 'NotImplemented'],
    ['POST', '/b/k', 'uploads', 'NotImplemented'],
    ['PUT', '/b/k', 'partNumber=1&uploadId=u', 'NotImplemented'],
    ['POST', '/', '', 'MethodNotAllowed'],
    ['PATCH', '/b/k', '', 'MethodNotAllowed'],
  ])('%s %s?%s is %s', (method, path, text, code) => {
    // Act / Assess
    expect(s3OperationOf(method, targetOf(path), query(text), {})).toMatchObject({ code });
  });

  it('refuses a copy (x-amz-copy-source) as NotImplemented', () => {
    // Act / Assess
    expect(
      s3OperationOf('PUT', targetOf('/b/k'), query(), { 'x-amz-copy-source': '/b/other' }),
    ).toMatchObject({
      code: 'NotImplemented',
      status: 501,
    });
  });
});
