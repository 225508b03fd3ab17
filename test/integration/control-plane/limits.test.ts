import { GetResourcesCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { managedApiKey } from '../../../shared/status/table';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { createRequest } from './fixtures';

/** An OpenAPI 3.0 definition of about `bytes` bytes: one MOCK path per ~300 bytes. */
function definitionOfSize(bytes: number): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const operation = {
    get: {
      responses: { '200': { description: 'ok' } },
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        responses: { default: { statusCode: '200' } },
      },
    },
  };
  let index = 0;
  while (JSON.stringify(paths).length < bytes - 200) {
    paths[`/resource-${String(index).padStart(5, '0')}`] = operation;
    index += 1;
  }
  return { openapi: '3.0.1', info: { title: 'big', version: '1' }, paths };
}

/**
 * Size limits along the request's path (docs/aws-facts.md): the request's own limit (inside
 * EventBridge's entry and Lambda's asynchronous payload), Step Functions' 256 KiB state,
 * DynamoDB's 400 KB item. Every request ends with a final record.
 */
describe('limits: every request ends with a record, within every service limit on its path', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    // The functions read the host's clock (the cloud's runs 200 times faster): 3 real seconds
    // is longer than intake's three attempts take here (one and two simulated minutes apart).
    plane = await startControlPlane({ settings: { STALLED_REQUEST_AFTER_SECONDS: '3' } });
  });
  afterAll(() => plane.stop());
  afterEach(() => plane.cloud.faults.clear());

  async function counts() {
    const { items = [] } = await plane.apiGateway.send(new GetRestApisCommand({ limit: 500 }));
    const { VpcEndpoints = [] } = await plane.ec2.send(new DescribeVpcEndpointsCommand({}));
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    return { apis: items.length, endpoints: VpcEndpoints.length, executions: executions.length };
  }

  async function resourceCount(restApiId: string): Promise<number> {
    let resources = 0;
    let position: string | undefined;
    do {
      const page = await plane.apiGateway.send(
        new GetResourcesCommand({ restApiId, limit: 500, ...(position ? { position } : {}) }),
      );
      resources += page.items?.length ?? 0;
      position = page.position;
    } while (position);
    return resources;
  }

  it('provisions a 190 KB definition while the workflow carries only a reference to it', async () => {
    // Prepare
    const openApi = definitionOfSize(190_000);
    const request = createRequest('big-definition-1', 'big-definition', { api: { openApi } });

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('big-definition-1');

    // Assess: provisioned with every path (and the root resource)
    expect(record.status).toBe('SUCCEEDED');
    expect(await resourceCount(String(record.outputs?.apiId))).toBe(
      Object.keys(openApi.paths as object).length + 1,
    );
    // Assess: the execution's input and the managed-API record are small
    const execution = await plane.sfn.send(
      new DescribeExecutionCommand({ executionArn: String(record.executionArn) }),
    );
    expect(Buffer.byteLength(execution.input ?? '')).toBeLessThan(4_000);
    const { Item } = await plane.documentClient.send(
      new GetCommand({ TableName: plane.deployed.tableName, Key: managedApiKey('big-definition') }),
    );
    expect(Buffer.byteLength(JSON.stringify(Item))).toBeLessThan(10_000);
  });

  it('rejects a definition over its limit, naming the field and the limit, and creates nothing', async () => {
    // Prepare
    const before = await counts();
    const request = createRequest('too-big-1', 'too-big', { api: { openApi: definitionOfSize(210_000) } });

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('too-big-1');

    // Assess
    expect(record.status).toBe('REJECTED');
    expect(record.reasons).toEqual([
      { field: 'api.openApi', message: expect.stringMatching(/more than the 200000 allowed/) },
    ]);
    expect(await counts()).toEqual(before);
    expect(await plane.store.getManagedApi('too-big')).toBeUndefined();
  });

  it.each([
    ['a path whose value is not an object', { '/orders': 'nope' }, 'api.openApi.paths["/orders"]'],
    [
      'an unknown integration type',
      {
        '/orders': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': { type: 'FOO' },
          },
        },
      },
      'api.openApi.paths["/orders"].get["x-amazon-apigateway-integration"].type',
    ],
    [
      'an unclosed "{" in a path',
      { '/orders/{id': { get: { responses: { '200': { description: 'ok' } } } } },
      'api.openApi.paths["/orders/{id"]',
    ],
  ])('rejects a definition with %s at intake, before anything is created', async (_what, paths, field) => {
    // Prepare
    const before = await counts();
    const requestId = `bad-definition-${field.length}`;
    const request = createRequest(requestId, `bad-definition-${field.length}`, {
      api: { openApi: { openapi: '3.0.1', paths } },
    });

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus(requestId);

    // Assess
    expect(record.status).toBe('REJECTED');
    expect(record.reasons?.map((reason) => reason.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('files a rejection for a 700 KB request, which EventBridge takes (its entries may reach 1 MB)', async () => {
    // Prepare
    const request = createRequest('huge-request-1', 'huge-request', {
      api: { description: 'd'.repeat(700_000) },
    });

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('huge-request-1');

    // Assess
    expect(record.status).toBe('REJECTED');
    expect(record.reasons).toEqual(
      expect.arrayContaining([
        {
          field: '',
          message: expect.stringMatching(/^the request is \d+ bytes of JSON, more than the 262144 allowed/),
        },
      ]),
    );
    expect(JSON.stringify(record).length).toBeLessThan(10_000);
  });

  it('files a rejection for a huge apiKey and action, cut in the record, and publishes it', async () => {
    // Prepare: as large as fits in one EventBridge entry
    const huge = 'x'.repeat(120_000);
    const request = { requestId: 'huge-fields-1', action: huge, apiKey: huge };

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('huge-fields-1');

    // Assess
    expect(record.status).toBe('REJECTED');
    expect(record.apiKey).toBe(`${'x'.repeat(128)}…`);
    expect(record.reasons).toEqual(
      expect.arrayContaining([
        { field: 'apiKey', message: 'the value is 120000 characters long: this record keeps its first 128' },
      ]),
    );
    const events = await plane.publishedEvents<{ requestId: string }>('PrivateApiRequestRejected');
    expect(events.map((event) => event.detail.requestId)).toContain('huge-fields-1');
  });

  it('ends a request Step Functions refuses to start FAILED at intake, and frees its apiKey', async () => {
    // Prepare
    plane.cloud.faults.add({
      service: 'states',
      operation: 'StartExecution',
      kind: 'error',
      errorCode: 'InvalidExecutionInput',
      message: 'Injected: the input is not acceptable',
      status: 400,
      count: 1,
    });

    // Act
    await plane.submit(createRequest('refused-start-1', 'refused-start'));
    const record = await plane.waitForStatus('refused-start-1');

    // Assess
    expect(record).toMatchObject({
      status: 'FAILED',
      error: {
        step: 'intake',
        name: 'WorkflowNotStarted',
        message: expect.stringContaining('InvalidExecutionInput'),
      },
    });
    await plane.submit(createRequest('refused-start-2', 'refused-start'));
    expect((await plane.waitForStatus('refused-start-2')).status).toBe('SUCCEEDED');
  });

  it('closes a request whose workflow never started (intake throttled to the end) and frees its apiKey', async () => {
    // Prepare: every StartExecution is throttled, so intake's three attempts all fail
    const fault = plane.cloud.faults.add({
      service: 'states',
      operation: 'StartExecution',
      kind: 'throttle',
    });

    // Act
    await plane.submit(createRequest('never-started-1', 'never-started'));
    const record = await plane.waitForStatus('never-started-1', ['FAILED', 'SUCCEEDED'], 30_000);
    plane.cloud.faults.remove(fault.id);

    // Assess
    expect(record).toMatchObject({
      status: 'FAILED',
      error: {
        step: 'intake',
        name: 'WorkflowNotStarted',
        message: expect.stringContaining('did not start within 3 s'),
      },
    });
    expect(record.executionArn).toBeUndefined();
    expect(await plane.store.getManagedApi('never-started')).toMatchObject({ state: 'FAILED' });
    await plane.submit(createRequest('never-started-2', 'never-started'));
    expect((await plane.waitForStatus('never-started-2')).status).toBe('SUCCEEDED');
  });
});
