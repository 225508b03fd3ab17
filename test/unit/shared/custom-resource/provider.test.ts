import { answerOf, answerWaitingCaller } from '../../../../shared/custom-resource/answer-callback';
import type { CustomResourceAnswer } from '../../../../shared/custom-resource/custom-resource-response';
import { handleCustomResource, type ProviderDeps } from '../../../../shared/custom-resource/provider';
import type { RequestCallback } from '../../../../shared/status/callback-store';
import { InMemoryStatusStore } from '../steps/fakes/in-memory-status-store';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:000000000000:stack/orders-stack/0d3c5b60-1111-4222-8333-444455556666';
const NOW = new Date('2026-01-01T00:00:00.000Z');

const properties = (overrides: Record<string, unknown> = {}) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:papi-local-privateApiResource',
  ApiName: 'orders',
  StageName: 'v1',
  VpcId: 'vpc-0123456789abcdef0',
  SubnetIds: 'subnet-0123456789abcdef0',
  SecurityGroupIds: 'sg-0123456789abcdef0',
  ...overrides,
});

function event(requestType: 'Create' | 'Update' | 'Delete', overrides: Record<string, unknown> = {}) {
  return {
    RequestType: requestType,
    ResponseURL: 'http://127.0.0.1:1/response?X-Amz-Signature=abc',
    StackId: STACK_ID,
    RequestId: `${requestType.toLowerCase()}-1`,
    ResourceType: 'Custom::PrivateApi',
    LogicalResourceId: 'PrivateApi',
    ResourceProperties: properties(),
    ...overrides,
  };
}

describe('the Custom::PrivateApi provider', () => {
  let store: InMemoryStatusStore;
  let callbacks: Map<string, RequestCallback>;
  let submitted: Record<string, unknown>[];
  let answers: CustomResourceAnswer[];
  let deps: ProviderDeps;

  beforeEach(() => {
    store = new InMemoryStatusStore();
    callbacks = new Map();
    submitted = [];
    answers = [];
    deps = {
      callbacks: { put: async (callback) => void callbacks.set(callback.requestId, callback) },
      store,
      submit: async (detail) => void submitted.push(detail),
      answer: async (_identity, answer) => void answers.push(answer),
      readDocument: async () => ({
        openapi: '3.0.1',
        paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } },
      }),
      now: () => NOW,
    };
  });

  it('hands a valid Create to the workflow as a create request, after recording who waits', async () => {
    // Act
    const outcome = await handleCustomResource(event('Create'), deps);

    // Assess
    expect(outcome).toMatchObject({ answered: 'by-the-workflow', requestId: 'cfn-create-1' });
    expect(answers).toEqual([]);
    expect(submitted).toEqual([
      expect.objectContaining({
        requestId: 'cfn-create-1',
        action: 'create',
        apiKey: expect.stringMatching(/^orders-stack-privateapi-[0-9a-f]{12}$/),
        network: expect.objectContaining({ subnetIds: ['subnet-0123456789abcdef0'], privateDns: true }),
      }),
    ]);
    expect(callbacks.get('cfn-create-1')).toMatchObject({
      cloudFormationRequestId: 'create-1',
      logicalResourceId: 'PrivateApi',
      physicalResourceIdOnFailure: submitted[0]?.apiKey,
    });
  });

  it('answers FAILED at once, with every reason and nothing submitted, for invalid properties', async () => {
    // Act
    const outcome = await handleCustomResource(
      event('Create', { ResourceProperties: properties({ VpcId: 'vpc-1', PrivateDns: 'perhaps' }) }),
      deps,
    );

    // Assess
    expect(outcome).toMatchObject({ answered: 'now', status: 'FAILED' });
    expect(answers[0]).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/^Invalid properties: VpcId: .*; PrivateDns: /),
    });
    expect(submitted).toEqual([]);
    expect(callbacks.size).toBe(0);
  });

  it('reads an OpenApi document named by an s3:// URI', async () => {
    // Act
    await handleCustomResource(
      event('Create', { ResourceProperties: properties({ OpenApi: 's3://bucket/orders.json' }) }),
      deps,
    );

    // Assess
    expect(submitted[0]).toMatchObject({ api: { openApi: { openapi: '3.0.1' } } });
  });

  it('answers SUCCESS at once to a Delete that names no managed API (a rolled-back create)', async () => {
    // Act
    const outcome = await handleCustomResource(
      event('Delete', { PhysicalResourceId: 'orders-stack-privateapi-000000000000' }),
      deps,
    );

    // Assess
    expect(outcome).toMatchObject({ answered: 'now', status: 'SUCCESS' });
    expect(answers).toEqual([
      expect.objectContaining({
        status: 'SUCCESS',
        physicalResourceId: 'orders-stack-privateapi-000000000000',
      }),
    ]);
    expect(submitted).toEqual([]);
  });

  it('hands a Delete of a managed API to the workflow', async () => {
    // Prepare
    await store.claimManagedApi({
      apiKey: 'orders-abc',
      requestId: 'cfn-c',
      desired: {},
      state: 'ACTIVE',
      now: NOW.toISOString(),
    });

    // Act
    await handleCustomResource(event('Delete', { PhysicalResourceId: 'orders-abc' }), deps);

    // Assess
    expect(submitted).toEqual([{ requestId: 'cfn-delete-1', action: 'delete', apiKey: 'orders-abc' }]);
  });

  it('updates in place under the same apiKey, and replaces with a new one when the VPC changes', async () => {
    // Prepare
    const old = properties();

    // Act
    await handleCustomResource(
      event('Update', {
        PhysicalResourceId: 'orders-abc',
        OldResourceProperties: old,
        ResourceProperties: properties({ ApiName: 'renamed' }),
      }),
      deps,
    );
    await handleCustomResource(
      event('Update', {
        RequestId: 'update-2',
        PhysicalResourceId: 'orders-abc',
        OldResourceProperties: old,
        ResourceProperties: properties({ VpcId: 'vpc-0fedcba9876543210' }),
      }),
      deps,
    );

    // Assess
    expect(submitted.map((detail) => [detail.action, detail.apiKey])).toEqual([
      ['update', 'orders-abc'],
      ['create', expect.stringMatching(/^orders-stack-privateapi-[0-9a-f]{12}$/)],
    ]);
    expect(callbacks.get('cfn-update-2')?.physicalResourceIdOnFailure).toBe('orders-abc');
  });

  it('answers FAILED at once when the request cannot be handed over, rather than leaving the stack waiting', async () => {
    // Prepare
    deps = { ...deps, submit: async () => Promise.reject(new Error('PutEvents refused')) };

    // Act
    const outcome = await handleCustomResource(event('Create'), deps);

    // Assess
    expect(outcome).toMatchObject({
      answered: 'now',
      status: 'FAILED',
      reason: expect.stringContaining('PutEvents refused'),
    });
  });
});

describe('answering the waiting stack from the request record', () => {
  it('tells a succeeded create its attributes, a failed one the step and the fix, a rejected one the reasons', () => {
    // Prepare
    const base = {
      requestId: 'cfn-1',
      apiKey: 'orders-abc',
      action: 'create',
      steps: [],
      createdAt: '',
      updatedAt: '',
      version: 1,
    };

    // Act
    const succeeded = answerOf(
      {
        ...base,
        status: 'SUCCEEDED',
        outputs: {
          apiId: 'a1',
          vpcEndpointId: 'vpce-1',
          stageName: 'v1',
          invokeUrls: { privateDns: 'https://p', alias: 'https://a', endpoint: { url: 'https://e' } },
        },
      },
      'orders-abc',
    );
    const failed = answerOf(
      {
        ...base,
        status: 'FAILED',
        error: { step: 'preflight', name: 'VpcNotFoundError', message: 'check network.vpcId', undone: [] },
      },
      'orders-abc',
    );
    const rejected = answerOf(
      { ...base, status: 'REJECTED', reasons: [{ field: 'apiKey', message: 'taken' }] },
      'orders-abc',
    );

    // Assess
    expect(succeeded).toEqual({
      status: 'SUCCESS',
      physicalResourceId: 'orders-abc',
      data: {
        ApiKey: 'orders-abc',
        ApiId: 'a1',
        VpcEndpointId: 'vpce-1',
        StageName: 'v1',
        PrivateDnsUrl: 'https://p',
        AliasUrl: 'https://a',
        EndpointUrl: 'https://e',
      },
    });
    expect(failed).toMatchObject({
      status: 'FAILED',
      reason: expect.stringContaining('Failed at step preflight: VpcNotFoundError: check network.vpcId'),
    });
    expect(rejected).toMatchObject({
      status: 'FAILED',
      reason: expect.stringContaining('Refused: apiKey: taken'),
    });
    expect(answerOf({ ...base, status: 'IN_PROGRESS' }, 'orders-abc')).toBeUndefined();
  });

  it('answers once, and only when the request has ended and someone waits', async () => {
    // Prepare
    const store = new InMemoryStatusStore();
    const puts: string[] = [];
    let answeredAt: string | undefined;
    const answer = answerWaitingCaller({
      callbacks: {
        get: async (requestId) =>
          requestId === 'cfn-1'
            ? {
                requestId,
                responseUrl: 'http://127.0.0.1:1/r',
                stackId: STACK_ID,
                cloudFormationRequestId: 'r-1',
                logicalResourceId: 'PrivateApi',
                physicalResourceIdOnFailure: 'orders-abc',
                createdAt: '',
                ...(answeredAt ? { answeredAt } : {}),
              }
            : undefined,
        markAnswered: async (_requestId, now) => {
          answeredAt = now;
          return true;
        },
      },
      store,
      put: async (identity, reply) => void puts.push(`${identity.RequestId}:${reply.status}`),
      now: () => NOW,
    });
    await store.acceptRequest({
      requestId: 'cfn-1',
      apiKey: 'orders-abc',
      action: 'create',
      requestHash: 'h',
      now: '',
    });

    // Act
    await answer('cfn-1');
    await store.completeRequest({
      requestId: 'cfn-1',
      status: 'FAILED',
      error: { step: 's', name: 'E', message: 'm' },
      now: '',
    });
    await answer('cfn-1');
    await answer('cfn-1');
    await answer('cfn-nobody-waits');

    // Assess
    expect(puts).toEqual(['r-1:FAILED']);
  });
});
