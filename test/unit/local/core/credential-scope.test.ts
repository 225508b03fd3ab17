import { inferServiceFromRequest, parseCredentialScope } from '../../../../local/core/credential-scope';

describe('parseCredentialScope', () => {
  it('reads the service and region from a SigV4 Authorization header', () => {
    // Prepare
    const headers = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20261121/eu-west-1/apigateway/aws4_request, SignedHeaders=host, Signature=abc',
    };

    // Act
    const scope = parseCredentialScope(headers, new URLSearchParams());

    // Assess
    expect(scope).toEqual({ accessKeyId: 'test', region: 'eu-west-1', service: 'apigateway' });
  });

  it('reads a presigned URL credential', () => {
    // Act
    const scope = parseCredentialScope(
      {},
      new URLSearchParams({ 'X-Amz-Credential': 'k/20261121/us-east-1/ec2/aws4_request' }),
    );

    // Assess
    expect(scope?.service).toBe('ec2');
  });

  it('returns undefined for an unsigned or malformed request', () => {
    // Act / Assess
    expect(parseCredentialScope({}, new URLSearchParams())).toBeUndefined();
    expect(parseCredentialScope({ authorization: 'Bearer x' }, new URLSearchParams())).toBeUndefined();
  });
});

describe('inferServiceFromRequest', () => {
  it('tells services apart by target header, path or form body', () => {
    // Act / Assess
    expect(inferServiceFromRequest({ 'x-amz-target': 'DynamoDB_20120810.GetItem' }, '/', '')).toBe(
      'dynamodb',
    );
    expect(inferServiceFromRequest({ 'x-amz-target': 'AWSEvents.PutEvents' }, '/', '')).toBe('events');
    expect(inferServiceFromRequest({ 'x-amz-target': 'AWSStepFunctions.StartExecution' }, '/', '')).toBe(
      'states',
    );
    expect(inferServiceFromRequest({}, '/restapis/abc', '')).toBe('apigateway');
    expect(inferServiceFromRequest({}, '/', 'Action=DescribeVpcs&Version=2016-11-15')).toBe('ec2');
    expect(inferServiceFromRequest({}, '/', '', new URLSearchParams({ Action: 'DescribeVpcs' }))).toBe('ec2');
    expect(inferServiceFromRequest({}, '/unknown', '')).toBeUndefined();
  });
});
