import { randomUUID } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetRestApiCommand, NotFoundException } from '@aws-sdk/client-api-gateway';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListExecutionsCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { controlPlaneNames } from '../../../shared/naming';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { SEED } from './fixtures';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:000000000000:stack/orders-stack/0d3c5b60-1111-4222-8333-444455556666';

interface Answer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string>;
}

/** Stands for CloudFormation's pre-signed ResponseURL: records every PUT, and can refuse the first ones. */
class ResponseListener {
  readonly answers = new Map<string, Answer[]>();
  refuseNext = 0;
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        if (this.refuseNext > 0) {
          this.refuseNext -= 1;
          response.writeHead(503).end();
          return;
        }
        const key = (request.url ?? '').split('?')[0] ?? '';
        this.answers.set(key, [...(this.answers.get(key) ?? []), JSON.parse(body) as Answer]);
        response.writeHead(200).end();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  /** A fresh ResponseURL, shaped as CloudFormation's (a pre-signed S3 URL). */
  url(): string {
    return `http://127.0.0.1:${this.port}/cloudformation-custom-resource-response/${randomUUID()}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0`;
  }

  async answerTo(url: string, timeoutMs = 60_000): Promise<Answer> {
    const key = new URL(url).pathname;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const answer = this.answers.get(key)?.[0];
      if (answer) return answer;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no answer at ${key}`);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/**
 * The Service Catalog product's backend on the local cloud: the provider invoked as
 * CloudFormation invokes it (asynchronously, the real request shape), answering through a
 * ResponseURL (issue 9: the provider, the answers, the safety net).
 */
describe('the Custom::PrivateApi provider, answered by the workflow', () => {
  let plane: ControlPlaneHarness;
  let lambda: LambdaClient;
  let listener: ResponseListener;
  let resolver: Resolver;

  beforeAll(async () => {
    plane = await startControlPlane({
      timeScale: 500,
      settings: { ABANDONED_REQUEST_AFTER_SECONDS: '1' },
    });
    lambda = new LambdaClient(plane.cloud.clientConfig);
    listener = new ResponseListener();
    await listener.start();
    resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${plane.cloud.dnsPort}`]);
  });
  afterAll(async () => {
    lambda.destroy();
    await listener.stop();
    await plane.stop();
  });
  afterEach(() => plane.cloud.faults.clear());

  const properties = (overrides: Record<string, unknown> = {}) => ({
    ServiceToken: `arn:aws:lambda:us-east-1:000000000000:function:${controlPlaneNames('local').functionName('privateApiResource')}`,
    ApiName: 'orders',
    StageName: 'v1',
    VpcId: SEED.vpcId,
    SubnetIds: `${SEED.subnetA},${SEED.subnetB}`,
    SecurityGroupIds: SEED.httpsGroup,
    PrivateDns: 'true',
    ...overrides,
  });

  /** Invokes the provider as CloudFormation does (InvocationType Event); returns the ResponseURL. */
  async function send(request: Record<string, unknown>): Promise<string> {
    const responseUrl = listener.url();
    const { StatusCode } = await lambda.send(
      new InvokeCommand({
        FunctionName: controlPlaneNames('local').functionName('privateApiResource'),
        InvocationType: 'Event',
        Payload: JSON.stringify({
          ResponseURL: responseUrl,
          StackId: STACK_ID,
          RequestId: randomUUID(),
          ResourceType: 'Custom::PrivateApi',
          LogicalResourceId: 'PrivateApi',
          ResourceProperties: properties(),
          ...request,
        }),
      }),
    );
    expect(StatusCode).toBe(202);
    return responseUrl;
  }

  async function apiExists(restApiId: string): Promise<boolean> {
    try {
      await plane.apiGateway.send(new GetRestApiCommand({ restApiId }));
      return true;
    } catch (error: unknown) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }

  it('creates, updates in place, replaces and deletes, each answered with what CloudFormation needs', async () => {
    // Act: create
    const created = await listener.answerTo(await send({ RequestType: 'Create' }));

    // Assess: the three URL forms, and the alias resolves
    expect(created).toMatchObject({ Status: 'SUCCESS', StackId: STACK_ID, LogicalResourceId: 'PrivateApi' });
    const apiKey = created.PhysicalResourceId;
    expect(apiKey).toMatch(/^orders-stack-privateapi-[0-9a-f]{12}$/);
    expect(created.Data).toEqual({
      ApiKey: apiKey,
      ApiId: expect.any(String),
      VpcEndpointId: expect.stringMatching(/^vpce-/),
      StageName: 'v1',
      PrivateDnsUrl: expect.stringMatching(/^https:\/\/\w+\.execute-api\.us-east-1\.amazonaws\.com\/v1$/),
      AliasUrl: expect.stringMatching(/^https:\/\/\w+-vpce-\w+\.execute-api\.us-east-1\.amazonaws\.com\/v1$/),
      EndpointUrl: expect.stringMatching(/^https:\/\/vpce-.+\.vpce\.amazonaws\.com\/v1$/),
    });
    const aliasHost = new URL(created.Data?.AliasUrl ?? '').hostname;
    expect(await resolver.resolve4(aliasHost)).not.toHaveLength(0);

    // Act: an update in place (a new name)
    const updated = await listener.answerTo(
      await send({
        RequestType: 'Update',
        PhysicalResourceId: apiKey,
        OldResourceProperties: properties(),
        ResourceProperties: properties({ ApiName: 'orders-renamed' }),
      }),
    );

    // Assess: the same resource, renamed
    expect(updated).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: apiKey,
      Data: { ApiId: created.Data?.ApiId },
    });
    const renamed = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: created.Data?.ApiId }));
    expect(renamed.name).toBe('orders-renamed');

    // Act: a replacement (private DNS turned off), then CloudFormation's Delete of the old one
    const replaced = await listener.answerTo(
      await send({
        RequestType: 'Update',
        PhysicalResourceId: apiKey,
        OldResourceProperties: properties({ ApiName: 'orders-renamed' }),
        ResourceProperties: properties({ ApiName: 'orders-renamed', PrivateDns: 'false' }),
      }),
    );
    expect(replaced.Status).toBe('SUCCESS');
    expect(replaced.PhysicalResourceId).not.toBe(apiKey);
    expect(await apiExists(String(created.Data?.ApiId))).toBe(true);
    const oldDeleted = await listener.answerTo(
      await send({ RequestType: 'Delete', PhysicalResourceId: apiKey }),
    );

    // Assess: the old API goes after the new one exists; the new one stays
    expect(oldDeleted).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: apiKey });
    expect(await apiExists(String(created.Data?.ApiId))).toBe(false);
    expect(await apiExists(String(replaced.Data?.ApiId))).toBe(true);

    // Act: terminate
    const deleted = await listener.answerTo(
      await send({ RequestType: 'Delete', PhysicalResourceId: replaced.PhysicalResourceId }),
    );

    // Assess
    expect(deleted.Status).toBe('SUCCESS');
    expect(await apiExists(String(replaced.Data?.ApiId))).toBe(false);
    expect(await plane.store.getManagedApi(replaced.PhysicalResourceId)).toMatchObject({ state: 'DELETED' });
  });

  it('answers FAILED within seconds, naming every property, for invalid properties; its rollback Delete succeeds at once', async () => {
    // Act
    const failed = await listener.answerTo(
      await send({
        RequestType: 'Create',
        ResourceProperties: properties({ SubnetIds: 'subnet-nope', PrivateDns: 'maybe' }),
      }),
    );
    const rolledBack = await listener.answerTo(
      await send({ RequestType: 'Delete', PhysicalResourceId: failed.PhysicalResourceId }),
    );

    // Assess
    expect(failed).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringMatching(/^Invalid properties: .*SubnetIds\[0\]: .*PrivateDns: /),
    });
    expect(await plane.store.getManagedApi(failed.PhysicalResourceId)).toBeUndefined();
    expect(rolledBack).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: failed.PhysicalResourceId });
  });

  it('answers FAILED naming the step when the workflow fails, after undoing what it made', async () => {
    // Prepare
    plane.cloud.faults.add({
      service: 'apigateway',
      operation: 'CreateDeployment',
      kind: 'error',
      status: 400,
      errorCode: 'BadRequestException',
      message: 'injected deployment failure',
      count: 1,
    });

    // Act
    const failed = await listener.answerTo(
      await send({ RequestType: 'Create', ResourceProperties: properties({ ApiName: 'doomed' }) }),
    );

    // Assess
    expect(failed).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringContaining(
        'Failed at step deploy-stage: BadRequestException: injected deployment failure',
      ),
    });
    expect(failed.Reason).toContain('Undone:');
    expect(await plane.store.getManagedApi(failed.PhysicalResourceId)).toMatchObject({ state: 'FAILED' });
  });

  it('creates once when CloudFormation redelivers the same request, and answers it once', async () => {
    // Prepare
    const requestId = randomUUID();
    const responseUrl = listener.url();
    const event = {
      RequestType: 'Create',
      ResponseURL: responseUrl,
      StackId: STACK_ID,
      RequestId: requestId,
      ResourceType: 'Custom::PrivateApi',
      LogicalResourceId: 'Redelivered',
      ResourceProperties: properties({ ApiName: 'redelivered' }),
    };
    const invoke = () =>
      lambda.send(
        new InvokeCommand({
          FunctionName: controlPlaneNames('local').functionName('privateApiResource'),
          InvocationType: 'Event',
          Payload: JSON.stringify(event),
        }),
      );

    // Act
    await invoke();
    await invoke();
    const answer = await listener.answerTo(responseUrl);
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Assess
    expect(answer.Status).toBe('SUCCESS');
    expect(listener.answers.get(new URL(responseUrl).pathname)).toHaveLength(1);
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    expect(executions.filter((execution) => execution.name === `papi-cfn-${requestId}`)).toHaveLength(1);
    await listener.answerTo(
      await send({ RequestType: 'Delete', PhysicalResourceId: answer.PhysicalResourceId }),
    );
  });

  it('still answers when the first PUTs to the ResponseURL fail', async () => {
    // Prepare
    listener.refuseNext = 2;

    // Act
    const answer = await listener.answerTo(
      await send({ RequestType: 'Create', ResourceProperties: properties({ VpcId: 'vpc-123' }) }),
    );

    // Assess
    expect(answer.Status).toBe('FAILED');
    expect(listener.refuseNext).toBe(0);
  });

  it('answers FAILED with the reason when the execution is aborted, long before ServiceTimeout', async () => {
    // Prepare: hold the workflow in its DNS wait (the alias never resolves), then stop it by hand
    await plane.cloud.control('dns', 'never-propagate', { enabled: true });
    const responseUrl = await send({
      RequestType: 'Create',
      LogicalResourceId: 'Aborted',
      ResourceProperties: properties({ ApiName: 'aborted' }),
    });
    let executionArn: string | undefined;
    for (let round = 0; round < 400 && !executionArn; round += 1) {
      const { executions = [] } = await plane.sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: plane.deployed.stateMachineArn,
          statusFilter: 'RUNNING',
        }),
      );
      executionArn = executions[0]?.executionArn;
      if (!executionArn) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!executionArn) throw new Error('no running execution');

    // Act
    await plane.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'stopped by hand' }),
    );
    const answer = await listener.answerTo(responseUrl, 30_000);

    // Assess
    await plane.cloud.control('dns', 'never-propagate', { enabled: false });
    expect(answer).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('ended ABORTED') });
  });
});
