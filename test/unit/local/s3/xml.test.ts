import { S3Error } from '../../../../local/services/s3/errors';
import {
  errorDocument,
  listBucketsDocument,
  listObjectsV2Document,
  locationConstraintOf,
} from '../../../../local/services/s3/xml';

describe('S3 XML documents', () => {
  it('renders an error with its members between the message and the ids, escaped', () => {
    // Act
    const xml = errorDocument(
      'NoSuchKey',
      'The specified key does not exist.',
      [['Key', 'a<b>&"c"']],
      'req-1',
      'host-1',
    );

    // Assess
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>' +
        '<Key>a&lt;b&gt;&amp;&quot;c&quot;</Key><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>',
    );
  });

  it('renders ListAllMyBucketsResult in the S3 namespace with ISO timestamps', () => {
    // Act
    const xml = listBucketsDocument({ id: 'f'.repeat(64) }, [
      { name: 'papi-responses', region: 'us-east-1', createdAtMs: Date.UTC(2026, 0, 2, 3, 4, 5) },
    ]);

    // Assess
    expect(xml).toContain('<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
    expect(xml).toContain(
      '<Buckets><Bucket><Name>papi-responses</Name><CreationDate>2026-01-02T03:04:05.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket></Buckets>',
    );
  });

  it('URL-encodes keys and prefixes of a listing asked with encoding-type=url, keeping slashes', () => {
    // Act
    const xml = listObjectsV2Document({
      bucket: 'b',
      prefix: 'dir one/',
      delimiter: '/',
      maxKeys: 1000,
      isTruncated: false,
      objects: [{ key: 'dir one/a+b.txt', lastModifiedMs: 0, etag: '"abc"', size: 3 }],
      commonPrefixes: ['dir one/sub dir/'],
      encodingType: 'url',
    });

    // Assess
    expect(xml).toContain('<Prefix>dir%20one/</Prefix>');
    expect(xml).toContain('<Key>dir%20one/a%2Bb.txt</Key>');
    expect(xml).toContain('<ETag>&quot;abc&quot;</ETag>');
    expect(xml).toContain('<CommonPrefixes><Prefix>dir%20one/sub%20dir/</Prefix></CommonPrefixes>');
    expect(xml).toContain('<KeyCount>2</KeyCount>');
  });

  it('reads the LocationConstraint of a CreateBucket body, and refuses a body that is not one', () => {
    // Act / Assess
    expect(locationConstraintOf('')).toBeUndefined();
    expect(
      locationConstraintOf(
        '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
      ),
    ).toBe('eu-west-1');
    expect(() => locationConstraintOf('{"LocationConstraint":"eu-west-1"}')).toThrow(S3Error);
  });
});
