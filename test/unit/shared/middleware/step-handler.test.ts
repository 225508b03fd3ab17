import './silent-logs';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { AwsThrottlingError, VpcNotFoundError } from '../../../../shared/errors';
import { createStepHandler, StepInputError } from '../../../../shared/middleware/step-handler';
import { stepContextSchema } from '../../../../shared/steps/step-input';
import { InMemoryStatusStore } from '../steps/fakes/in-memory-status-store';

const REQUEST_ID = 'req-0001';
const STARTED_AT = new Date('2025-03-01T12:00:00.000Z');
const FINISHED_AT = new Date('2025-03-01T12:00:02.500Z');

/** The Lambda context the runtime passes (what the logger middleware reads). */
const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'papi-local-checkEndpoint',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:papi-local-checkEndpoint',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/papi-local-checkEndpoint',
  logStreamName: '2025/03/01/[$LATEST]abcdef',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const inputSchema = stepContextSchema.extend({ vpcEndpointId: z.string() });
type StepInput = z.output<typeof inputSchema>;

const event = {
  requestId: REQUEST_ID,
  apiKey: 'orders-prod',
  action: 'create',
  vpcEndpointId: 'vpce-0aaaaaaaaaaaaaaa1',
};

/** A throttled API Gateway call as SDK v3 throws it. */
function tooManyRequests(): Error {
  return Object.assign(new Error('Too Many Requests'), {
    name: 'TooManyRequestsException',
    $fault: 'client',
    $metadata: { httpStatusCode: 429 },
  });
}

describe('createStepHandler', () => {
  let store: InMemoryStatusStore;
  let ranWith: StepInput[];

  beforeEach(async () => {
    store = new InMemoryStatusStore();
    ranWith = [];
    await store.acceptRequest({
      requestId: REQUEST_ID,
      apiKey: 'orders-prod',
      action: 'create',
      requestHash: 'hash',
      now: STARTED_AT.toISOString(),
    });
    store.calls.length = 0;
  });

  /** A check-endpoint-like step whose core returns `result` or throws `failure`. */
  function handlerFor(behaviour: { result?: { ready: boolean }; failure?: unknown }) {
    const clock = [STARTED_AT, FINISHED_AT];
    return createStepHandler({
      step: 'check-endpoint',
      input: inputSchema,
      store,
      run: async (input) => {
        ranWith.push(input);
        if (behaviour.failure !== undefined) throw behaviour.failure;
        return behaviour.result ?? { ready: true };
      },
      outcome: (result) => (result.ready ? 'done' : 'waiting'),
      now: () => clock.shift() ?? FINISHED_AT,
    });
  }

  it('throws StepInputError naming each bad field, and runs and records nothing', async () => {
    // Prepare
    const handler = handlerFor({});
    const bad = { apiKey: 'orders-prod', action: 'create', vpcEndpointId: 42 };

    // Act
    const outcome = handler(bad, lambdaContext);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(StepInputError);
    await expect(outcome).rejects.toMatchObject({
      name: 'StepInputError',
      message: expect.stringMatching(/^check-endpoint: unexpected input: .*requestId: .*vpcEndpointId: /),
    });
    expect(ranWith).toEqual([]);
    expect(store.calls).toEqual([]);
  });

  it('records the step as under way, runs the core with the parsed input, and records it done', async () => {
    // Prepare
    const handler = handlerFor({ result: { ready: true } });

    // Act
    const result = await handler(event, lambdaContext);

    // Assess
    expect(result).toEqual({ ready: true });
    expect(ranWith).toEqual([event]);
    expect(store.operations()).toEqual(['startStep', 'finishStep']);
    expect(store.requests.get(REQUEST_ID)).toMatchObject({
      status: 'IN_PROGRESS',
      currentStep: 'check-endpoint',
      steps: [
        {
          step: 'check-endpoint',
          startedAt: STARTED_AT.toISOString(),
          finishedAt: FINISHED_AT.toISOString(),
          outcome: 'done',
        },
      ],
    });
  });

  it('records a poll that will run again as waiting', async () => {
    // Prepare
    const handler = handlerFor({ result: { ready: false } });

    // Act
    await handler(event, lambdaContext);

    // Assess
    expect(store.requests.get(REQUEST_ID)?.steps.map((entry) => entry.outcome)).toEqual(['waiting']);
  });

  it('turns a foreign throttling error into AwsThrottlingError, keeping the original as cause, and records it failed', async () => {
    // Prepare
    const throttled = tooManyRequests();
    const handler = handlerFor({ failure: throttled });

    // Act
    const error: unknown = await handler(event, lambdaContext).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(AwsThrottlingError);
    expect(error).toMatchObject({ name: 'AwsThrottlingError', awsErrorName: 'TooManyRequestsException' });
    expect((error as Error).cause).toBe(throttled);
    expect(store.requests.get(REQUEST_ID)?.steps).toEqual([
      {
        step: 'check-endpoint',
        startedAt: STARTED_AT.toISOString(),
        finishedAt: FINISHED_AT.toISOString(),
        outcome: 'failed',
        error: { name: 'AwsThrottlingError', message: 'TooManyRequestsException: Too Many Requests' },
      },
    ]);
  });

  it("rethrows the control plane's own error unchanged and records its name and message", async () => {
    // Prepare
    const notFound = new VpcNotFoundError('VPC vpc-0f1e2d3c4b5a69781 does not exist: check network.vpcId');
    const handler = handlerFor({ failure: notFound });

    // Act
    const error: unknown = await handler(event, lambdaContext).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBe(notFound);
    expect(store.requests.get(REQUEST_ID)?.steps[0]?.error).toEqual({
      name: 'VpcNotFoundError',
      message: notFound.message,
    });
  });

  it('throws the step error, not the status write error, when recording the failure fails too', async () => {
    // Prepare
    const notFound = new VpcNotFoundError('VPC vpc-0f1e2d3c4b5a69781 does not exist: check network.vpcId');
    store.failNext(
      'finishStep',
      Object.assign(new Error('Throughput exceeds the limit'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    const handler = handlerFor({ failure: notFound });

    // Act
    const error: unknown = await handler(event, lambdaContext).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBe(notFound);
    expect(store.operations()).toEqual(['startStep', 'finishStep']);
  });

  it('fails as AwsThrottlingError, so that the state machine retries, when the status write before the step is throttled', async () => {
    // Prepare
    store.failNext(
      'startStep',
      Object.assign(new Error('Throughput exceeds the limit'), {
        name: 'ProvisionedThroughputExceededException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const handler = handlerFor({ result: { ready: true } });

    // Act
    const error: unknown = await handler(event, lambdaContext).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(AwsThrottlingError);
    expect(ranWith).toEqual([]);
  });

  it('does not move a finished request back when a late attempt of a step runs', async () => {
    // Prepare
    await store.completeRequest({
      requestId: REQUEST_ID,
      status: 'SUCCEEDED',
      outputs: {},
      now: STARTED_AT.toISOString(),
    });
    const handler = handlerFor({ result: { ready: true } });

    // Act
    await handler(event, lambdaContext);

    // Assess
    expect(store.requests.get(REQUEST_ID)).toMatchObject({ status: 'SUCCEEDED', steps: [] });
  });
});
