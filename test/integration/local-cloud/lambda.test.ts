import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import type { LambdaContext } from '../../../local/services/lambda';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** One simulated minute takes 60 real ms: Lambda's async retry delays (1 and 2 minutes) pass quickly. */
const TIME_SCALE = 1000;

class VpcEndpointNotReadyError extends Error {
  constructor(vpcEndpointId: string) {
    super(`${vpcEndpointId} is pending`);
    this.name = 'VpcEndpointNotReadyError';
  }
}

const decode = (payload: Uint8Array | undefined): unknown =>
  JSON.parse(Buffer.from(payload ?? []).toString('utf8'));
const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

describe('local Lambda', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  let cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: TIME_SCALE });
    lambda = new LambdaClient(cloud.clientConfig);
    cli = createAwsCli(cloud.endpoint, { prefix: 'lambda-cli-' });
  });

  afterAll(async () => {
    lambda.destroy();
    await cloud.stop();
    cli.dispose();
  });

  it('returns the handler result as the payload of a RequestResponse invocation', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'echo',
      handler: async (event: { name: string }) => ({ greeting: `hello ${event.name}` }),
    });

    // Act
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: encode({ name: 'api' }) }),
    );

    // Assess
    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBeUndefined();
    expect(response.ExecutedVersion).toBe('$LATEST');
    expect(decode(response.Payload)).toEqual({ greeting: 'hello api' });
  });

  it('hands the handler a copy of the event, never the caller object', async () => {
    // Prepare
    const original = { list: [1] };
    cloud.services.lambda.register({
      functionName: 'mutator',
      handler: async (event: { list: number[] }) => {
        event.list.push(2);
        return event;
      },
    });

    // Act
    const result = await cloud.services.lambda.invoke('mutator', original);

    // Assess
    expect(JSON.parse(result.payload ?? 'null')).toEqual({ list: [1, 2] });
    expect(original).toEqual({ list: [1] });
  });

  it('reports a thrown error as a 200 with FunctionError Unhandled and the runtime error payload', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'check-endpoint',
      handler: async () => {
        throw new VpcEndpointNotReadyError('vpce-0abc');
      },
    });

    // Act
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'check-endpoint', Payload: encode({}) }),
    );

    // Assess
    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBe('Unhandled');
    const payload = decode(response.Payload) as { errorType: string; errorMessage: string; trace: string[] };
    expect(payload.errorType).toBe('VpcEndpointNotReadyError');
    expect(payload.errorMessage).toBe('vpce-0abc is pending');
    expect(payload.trace[0]).toBe('VpcEndpointNotReadyError: vpce-0abc is pending');
    expect(Object.keys(payload)).toEqual(['errorType', 'errorMessage', 'trace']);
  });

  it('ends an invocation at the function timeout, in real time, with Sandbox.Timedout', async () => {
    // Prepare: compute runs at real speed, so the timeout is real seconds whatever the time scale
    cloud.services.lambda.register({
      functionName: 'hangs',
      timeoutSeconds: 1,
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return 'too late';
      },
    });
    const startedReal = Date.now();

    // Act
    const response = await lambda.send(new InvokeCommand({ FunctionName: 'hangs', Payload: encode({}) }));

    // Assess
    expect(response.FunctionError).toBe('Unhandled');
    const payload = decode(response.Payload) as { errorType: string; errorMessage: string };
    expect(payload.errorType).toBe('Sandbox.Timedout');
    expect(payload.errorMessage).toMatch(
      /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/,
    );
    const elapsed = Date.now() - startedReal;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1500);
  });

  it('gives the handler a Lambda context whose remaining time counts down in real time', async () => {
    // Prepare
    let seen: Record<string, unknown> = {};
    cloud.services.lambda.register({
      functionName: 'context-probe',
      timeoutSeconds: 30,
      memorySizeMb: 256,
      handler: async (_event: unknown, context: LambdaContext) => {
        const before = context.getRemainingTimeInMillis();
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = {
          functionName: context.functionName,
          functionVersion: context.functionVersion,
          invokedFunctionArn: context.invokedFunctionArn,
          memoryLimitInMB: context.memoryLimitInMB,
          awsRequestId: context.awsRequestId,
          logGroupName: context.logGroupName,
          logStreamName: context.logStreamName,
          callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
          before,
          after: context.getRemainingTimeInMillis(),
        };
        return null;
      },
    });

    // Act
    const result = await cloud.services.lambda.invoke('context-probe', {});

    // Assess
    expect(seen).toMatchObject({
      functionName: 'context-probe',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:context-probe',
      memoryLimitInMB: '256',
      awsRequestId: result.requestId,
      logGroupName: '/aws/lambda/context-probe',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(seen.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const before = Number(seen.before);
    const after = Number(seen.after);
    expect(before).toBeLessThanOrEqual(30_000);
    expect(before).toBeGreaterThan(29_000);
    expect(before - after).toBeGreaterThanOrEqual(90);
    expect(before - after).toBeLessThan(5_000);
  });

  it('answers 202 to an Event invocation without waiting for the handler', async () => {
    // Prepare
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    cloud.services.lambda.register({
      functionName: 'slow-async',
      handler: async () => {
        await gate;
        finished = true;
      },
    });

    // Act
    const response = await lambda.send(
      new InvokeCommand({ FunctionName: 'slow-async', InvocationType: 'Event', Payload: encode({}) }),
    );
    const finishedAtResponse = finished;
    release();

    // Assess
    expect(response.StatusCode).toBe(202);
    expect(Buffer.from(response.Payload ?? []).length).toBe(0);
    expect(finishedAtResponse).toBe(false);
  });

  it('retries a failing Event invocation twice, 1 and then 2 minutes later, with the same request id', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'flaky-async',
      handler: async () => {
        throw new Error('still failing');
      },
    });

    // Act
    await lambda.send(
      new InvokeCommand({ FunctionName: 'flaky-async', InvocationType: 'Event', Payload: encode({}) }),
    );
    await cloud.clock.sleep(5 * 60_000);

    // Assess
    const attempts = cloud.services.lambda.invocations('flaky-async');
    expect(attempts.map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
    ]);
    expect(new Set(attempts.map((attempt) => attempt.requestId)).size).toBe(1);
    const started = attempts.map((attempt) => Date.parse(attempt.startedAt));
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect((started[2] ?? 0) - (started[1] ?? 0)).toBeGreaterThanOrEqual(120_000);
  });

  it('throws ResourceNotFoundException for a function that does not exist', async () => {
    // Act
    const attempt = lambda.send(new InvokeCommand({ FunctionName: 'missing', Payload: encode({}) }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(attempt).rejects.toMatchObject({
      message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('finds a function by full ARN only in its own region', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'regional',
      region: 'eu-west-1',
      handler: async () => 'eu',
    });
    const euLambda = new LambdaClient({ ...cloud.clientConfig, region: 'eu-west-1' });

    // Act
    const byArn = await lambda.send(
      new InvokeCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:regional' }),
    );
    const byNameInEu = await euLambda.send(new InvokeCommand({ FunctionName: 'regional' }));
    const byNameInUs = lambda.send(new InvokeCommand({ FunctionName: 'regional' }));

    // Assess
    expect(decode(byArn.Payload)).toBe('eu');
    expect(decode(byNameInEu.Payload)).toBe('eu');
    await expect(byNameInUs).rejects.toBeInstanceOf(ResourceNotFoundException);
    euLambda.destroy();
  });

  it('refuses a qualifier other than $LATEST: the local Lambda has no versions', async () => {
    // Prepare
    cloud.services.lambda.register({ functionName: 'versioned', handler: async () => 1 });

    // Act
    const latest = await lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: '$LATEST' }));
    const alias = lambda.send(new InvokeCommand({ FunctionName: 'versioned', Qualifier: 'live' }));

    // Assess
    expect(latest.StatusCode).toBe(200);
    await expect(alias).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('reports the registered configuration through GetFunction and GetFunctionConfiguration', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'configured',
      timeoutSeconds: 60,
      memorySizeMb: 512,
      environment: { TABLE_NAME: 'requests' },
      description: 'records results',
      handler: async () => null,
    });

    // Act
    const configuration = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'configured' }),
    );
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'configured' }));

    // Assess
    expect(configuration).toMatchObject({
      FunctionName: 'configured',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:configured',
      Runtime: 'nodejs22.x',
      Timeout: 60,
      MemorySize: 512,
      Description: 'records results',
      Version: '$LATEST',
      State: 'Active',
      Environment: { Variables: { TABLE_NAME: 'requests' } },
    });
    expect(configuration.LastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(fn.Configuration?.FunctionName).toBe('configured');
    expect(fn.Code?.RepositoryType).toBe('S3');
  });

  it('lists the functions of the region in pages', async () => {
    // Prepare
    for (const name of ['page-a', 'page-b', 'page-c']) {
      cloud.services.lambda.register({ functionName: name, handler: async () => null });
    }

    // Act
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: marker }));
      names.push(...(page.Functions ?? []).map((fn) => fn.FunctionName ?? ''));
      marker = page.NextMarker;
      pages += 1;
    } while (marker);

    // Assess
    expect(names).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(names).not.toContain('regional');
    expect(pages).toBeGreaterThan(1);
  });

  itWithAwsCli('serves the AWS CLI: aws lambda invoke writes the payload and prints the status', async () => {
    // Prepare
    cloud.services.lambda.register({
      functionName: 'cli-echo',
      handler: async (event: unknown) => ({ event }),
    });
    const outfile = join(cli.dir, 'out.json');

    // Act
    const invoked = await cli.run(
      'lambda',
      'invoke',
      '--function-name',
      'cli-echo',
      '--payload',
      '{"from":"cli"}',
      outfile,
    );

    // Assess
    expect(invoked.json()).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(JSON.parse(await readFile(outfile, 'utf8'))).toEqual({ event: { from: 'cli' } });
  });

  it('keeps function configurations across a restart, and asks for the code again', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'lambda-state-'));
    const stateFile = join(dir, 'state.json');
    const first = await startTestCloud({ stateFile });
    first.services.lambda.register({ functionName: 'kept', timeoutSeconds: 42, handler: async () => 'v1' });
    await first.stop();

    // Act
    const second = await startTestCloud({ stateFile });
    const client = new LambdaClient(second.clientConfig);
    const configuration = await client.send(new GetFunctionConfigurationCommand({ FunctionName: 'kept' }));
    const withoutCode = await client.send(new InvokeCommand({ FunctionName: 'kept' }));
    second.services.lambda.register({ functionName: 'kept', timeoutSeconds: 42, handler: async () => 'v2' });
    const withCode = await client.send(new InvokeCommand({ FunctionName: 'kept' }));
    client.destroy();
    await second.stop();
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect(configuration.Timeout).toBe(42);
    expect(withoutCode.FunctionError).toBe('Unhandled');
    expect(decode(withoutCode.Payload)).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
    expect(decode(withCode.Payload)).toBe('v2');
  });
});
