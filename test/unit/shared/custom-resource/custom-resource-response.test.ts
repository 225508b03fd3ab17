import {
  CustomResourceResponseError,
  MAX_RESPONSE_BYTES,
  putResponse,
  responseBody,
} from '../../../../shared/custom-resource/custom-resource-response';

const IDENTITY = {
  ResponseURL: 'http://127.0.0.1:1/answer',
  StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1',
  RequestId: 'r-1',
  LogicalResourceId: 'PrivateApi',
};

describe('the answer to CloudFormation', () => {
  it('echoes the request and carries Data for Fn::GetAtt', () => {
    // Act
    const body = JSON.parse(
      responseBody(IDENTITY, { status: 'SUCCESS', physicalResourceId: 'orders-abc', data: { ApiId: 'a1' } }),
    );

    // Assess
    expect(body).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'orders-abc',
      StackId: IDENTITY.StackId,
      RequestId: 'r-1',
      LogicalResourceId: 'PrivateApi',
      Data: { ApiId: 'a1' },
    });
  });

  it('cuts a long reason so that the whole answer fits 4,096 bytes', () => {
    // Act
    const body = responseBody(IDENTITY, {
      status: 'FAILED',
      physicalResourceId: 'orders-abc',
      reason: 'é'.repeat(10_000),
    });

    // Assess
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(JSON.parse(body).Reason).toMatch(/^é+…$/);
  });

  it('retries a PUT that failed with a 5xx or on the network, and not one refused with a 4xx', async () => {
    // Prepare
    const answers = [new Error('ECONNRESET'), { status: 503 }, { status: 200 }];
    const calls: { method?: string; headers?: unknown }[] = [];
    const fetch = (async (_url: unknown, init?: RequestInit) => {
      calls.push({ method: init?.method, headers: init?.headers });
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return { ok: next?.status === 200, status: next?.status ?? 500 } as Response;
    }) as typeof globalThis.fetch;
    const options = {
      attempts: 4,
      baseDelayMs: 1,
      timeoutMs: 1000,
      sleep: async () => {},
      random: () => 0.5,
      fetch,
    };

    // Act
    await putResponse(IDENTITY, { status: 'SUCCESS', physicalResourceId: 'p' }, options);
    answers.push({ status: 403 }, { status: 200 });
    const refused = putResponse(IDENTITY, { status: 'SUCCESS', physicalResourceId: 'p' }, options);

    // Assess
    await expect(refused).rejects.toBeInstanceOf(CustomResourceResponseError);
    expect(calls).toHaveLength(4);
    expect(calls[0]).toEqual({ method: 'PUT', headers: { 'content-type': '' } });
  });
});
