import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** A SigV4-shaped Authorization header: the cloud routes on its credential scope. */
const signedFor = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

describe('bad input to the local cloud', () => {
  let cloud: TestCloud;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
  });
  afterAll(() => cloud.stop());

  async function send(
    path: string,
    init: { service: string; body?: string; headers?: Record<string, string>; method?: string },
  ) {
    const response = await fetch(`${cloud.endpoint}${path}`, {
      method: init.method ?? 'POST',
      headers: { ...signedFor(init.service), ...init.headers },
      body: init.body,
      signal: AbortSignal.timeout(5000),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('answers malformed JSON to API Gateway with a 400 BadRequestException', async () => {
    // Act
    const response = await send('/restapis', {
      service: 'apigateway',
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^BadRequestException/);
  });

  it('answers a form body without an action to EC2 with a 400 in the EC2 error XML', async () => {
    // Act
    const response = await send('/', {
      service: 'ec2',
      body: '%%%&&&=garbage',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.text).toMatch(
      /<Response><Errors><Error><Code>(MissingAction|InvalidAction|MissingParameter)<\/Code>/,
    );
  });

  it.each([
    ['events', 'AWSEvents.PutEvents', 'application/x-amz-json-1.1'],
    ['states', 'AWSStepFunctions.StartExecution', 'application/x-amz-json-1.0'],
    ['dynamodb', 'DynamoDB_20120810.PutItem', 'application/x-amz-json-1.0'],
  ])(
    'answers malformed JSON to %s with a 400 in its JSON error shape',
    async (service, target, contentType) => {
      // Act
      const response = await send('/', {
        service,
        body: '{"Entries": [',
        headers: { 'x-amz-target': target, 'content-type': contentType },
      });

      // Assess
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toHaveProperty('__type');
    },
  );

  it('answers an Invoke whose payload is not JSON as Lambda does', async () => {
    // Prepare
    cloud.services.lambda.register({ functionName: 'echo', handler: async (event: unknown) => event });

    // Act
    const response = await send('/2015-03-31/functions/echo/invocations', {
      service: 'lambda',
      body: 'not json',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/InvalidRequestContentException/);
  });

  it('refuses a request it cannot route, and one signed for a service it does not serve', async () => {
    // Act
    const unsigned = await fetch(`${cloud.endpoint}/whatever`, { method: 'POST', body: 'x' });
    const sqs = await send('/', { service: 'sqs', body: 'Action=ListQueues' });

    // Assess
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toMatch(/sign it with SigV4/);
    expect(sqs.status).toBe(400);
    expect(sqs.text).toMatch(/does not serve 'sqs'/);
  });

  it('answers a CreateBucket body that is not XML with a 400 MalformedXML in the S3 error XML', async () => {
    // Act
    const response = await send('/papi-bad-input', {
      service: 's3',
      method: 'PUT',
      body: '{"LocationConstraint": ',
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>MalformedXML<\/Code>/,
    );
  });

  it('refuses a body over its size limit with 413 and keeps serving', async () => {
    // Act
    const huge = await send('/restapis', { service: 'apigateway', body: 'x'.repeat(11 * 1024 * 1024) });
    const after = await send('/restapis', { service: 'apigateway', method: 'GET' });

    // Assess
    expect(huge.status).toBe(413);
    expect(huge.text).toMatch(/exceeds/);
    expect(after.status).toBe(200);
  });
});
