import { isValidBucketName } from '../../../../local/services/s3/bucket-name';

describe('isValidBucketName', () => {
  it.each(['abc', 'papi-local-responses', 'my.bucket.name', '1bucket', 'a'.repeat(63)])(
    'accepts %s',
    (name) => {
      // Act / Assess
      expect(isValidBucketName(name)).toBe(true);
    },
  );

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(64)],
    ['upper case', 'MyBucket'],
    ['an underscore', 'my_bucket'],
    ['a hyphen at the end', 'bucket-'],
    ['two dots side by side', 'my..bucket'],
    ['an IPv4 address', '192.168.5.4'],
    ['the xn-- prefix', 'xn--bucket'],
    ['the -s3alias suffix', 'bucket-s3alias'],
  ])('refuses a name with %s', (_case, name) => {
    // Act / Assess
    expect(isValidBucketName(name)).toBe(false);
  });
});
