import { s3Location } from '../../../../local/services/cloudformation/template-url';

describe('s3Location', () => {
  it.each([
    ['http://127.0.0.1:4566/templates/a/b.yaml', { bucket: 'templates', key: 'a/b.yaml' }],
    ['https://templates.s3.amazonaws.com/a/b.yaml', { bucket: 'templates', key: 'a/b.yaml' }],
    ['https://templates.s3.eu-west-1.amazonaws.com/b.yaml', { bucket: 'templates', key: 'b.yaml' }],
    ['https://s3.us-east-1.amazonaws.com/templates/b%20c.yaml', { bucket: 'templates', key: 'b c.yaml' }],
  ])('reads the bucket and key of %s', (url, location) => {
    // Prepare / Act
    const found = s3Location(url);

    // Assess
    expect(found).toEqual(location);
  });

  it.each(['not a url', 'https://example.com/templates/b.yaml', 'http://127.0.0.1:4566/templates'])(
    'finds no S3 object in %s',
    (url) => {
      // Prepare / Act / Assess
      expect(s3Location(url)).toBeUndefined();
    },
  );
});
