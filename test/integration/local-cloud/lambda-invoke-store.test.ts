import {
  InvokeCommand,
  type InvokeCommandInput,
  type InvokeCommandOutput,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import type { BuildMiddleware } from '@smithy/types';
import type { LambdaContext } from '../../../local/services/lambda';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/**
 * Many invocations of the control plane's functions run at once in this one process. These tests
 * run real handlers (the shared logger and the step middleware every step Lambda uses) through
 * the local Lambda's Invoke API, and read the JSON lines Powertools writes to stdout: every line
 * must carry its own invocation's keys, request id and trace id, never another's.
 */

/** What deploy.ts gives the control plane's functions (they share this process's environment). */
const FUNCTION_ENVIRONMENT = { AWS_LAMBDA_MAX_CONCURRENCY: '64', POWERTOOLS_LOG_LEVEL: 'INFO' };
const PROBE_STEP = 'concurrency-probe';
const CONCURRENT_INVOCATIONS = 4;
/** An X-Ray trace id: version 1, the epoch second and 96 random bits, in hex. */
const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
/** How long the Event test waits, in real ms, for Lambda's queue to run its invocations. */
const EVENT_DEADLINE_MS = 10_000;

type StepHandlerModule = typeof import('../../../shared/middleware/step-handler');
type StepInputModule = typeof import('../../../shared/steps/step-input');
type LoggerModule = typeof import('../../../shared/observability/logger');
type StatusStoreFakeModule = typeof import('../../unit/shared/steps/fakes/in-memory-status-store');

/** The fields of a Powertools JSON line these tests look at. */
interface LogLine {
  readonly message: string;
  /** Passed with the log call itself: which invocation wrote the line, whatever the logger's keys say. */
  readonly invocation?: string;
  readonly requestId?: string;
  readonly apiKey?: string;
  readonly step?: string;
  readonly function_request_id?: string;
  readonly xray_trace_id?: string;
}

const encode = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

/** The request id in the START line of an invocation's log tail (`LogType: Tail`). */
function lambdaRequestIdOf(logResult: string | undefined): string | undefined {
  return /^START RequestId: (\S+)/.exec(Buffer.from(logResult ?? '', 'base64').toString('utf8'))?.[1];
}

/** Resolves for everyone once `parties` invocations have arrived: all of them are in flight together. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

/** Sends this caller trace header with one command, as an instrumented caller would. */
function withTraceHeader(traceHeader: string): BuildMiddleware<InvokeCommandInput, InvokeCommandOutput> {
  return (next) => async (args) => {
    if (hasHeaders(args.request)) args.request.headers['x-amzn-trace-id'] = traceHeader;
    return next(args);
  };
}

function hasHeaders(request: unknown): request is { headers: Record<string, string> } {
  return (
    typeof request === 'object' &&
    request !== null &&
    'headers' in request &&
    typeof request.headers === 'object' &&
    request.headers !== null
  );
}

function isLogLine(value: unknown): value is LogLine {
  return (
    typeof value === 'object' && value !== null && 'message' in value && typeof value.message === 'string'
  );
}

/** Collects what is written to stdout (where Powertools' Logger writes) until `stop`. */
function captureStdout(): { readonly lines: () => LogLine[]; readonly stop: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    chunks.push(chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
    return true;
  });
  return {
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .flatMap((text) => {
          try {
            const parsed: unknown = JSON.parse(text);
            return isLogLine(parsed) && parsed.message.startsWith('probe ') ? [parsed] : [];
          } catch {
            return [];
          }
        }),
    stop: () => spy.mockRestore(),
  };
}

describe('local Lambda: concurrent invocations in one process', () => {
  let cloud: TestCloud;
  let lambda: LambdaClient;
  let createStepHandler: StepHandlerModule['createStepHandler'];
  let stepContextSchema: StepInputModule['stepContextSchema'];
  let logger: LoggerModule['logger'];
  let InMemoryStatusStore: StatusStoreFakeModule['InMemoryStatusStore'];
  const previousEnvironment: Partial<Record<string, string>> = {};

  beforeAll(async () => {
    cloud = await startTestCloud();
    lambda = new LambdaClient(cloud.clientConfig);
    // As deploy.ts does: the functions' environment is this process's environment. Set before
    // the logger is built, since Powertools reads its level once, then.
    for (const [name, value] of Object.entries(FUNCTION_ENVIRONMENT)) {
      previousEnvironment[name] = process.env[name];
      process.env[name] = value;
    }
    ({ createStepHandler } = await import('../../../shared/middleware/step-handler'));
    ({ stepContextSchema } = await import('../../../shared/steps/step-input'));
    ({ logger } = await import('../../../shared/observability/logger'));
    ({ InMemoryStatusStore } = await import('../../unit/shared/steps/fakes/in-memory-status-store'));
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(previousEnvironment)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    lambda.destroy();
    await cloud.stop();
  });

  /**
   * Registers a step Lambda built as the real ones are (createStepHandler: logger keys requestId,
   * apiKey and step, Powertools' injectLambdaContext with resetKeys) whose core logs, waits until
   * `parties` invocations have appended their keys, and logs again.
   */
  function registerProbe(functionName: string, parties: number): void {
    const arrive = barrier(parties);
    const stepHandler = createStepHandler({
      step: PROBE_STEP,
      input: stepContextSchema,
      store: new InMemoryStatusStore(),
      run: async (input) => {
        logger.info('probe arrived', { invocation: input.requestId });
        await arrive();
        logger.info('probe resumed', { invocation: input.requestId });
        return { requestId: input.requestId };
      },
    });
    cloud.services.lambda.register({
      functionName,
      timeoutSeconds: 10,
      environment: FUNCTION_ENVIRONMENT,
      handler: (event: unknown, context: LambdaContext) => stepHandler(event, context),
    });
  }

  const stepEvent = (index: number) => ({
    requestId: `probe-${index}`,
    apiKey: `team-${index}`,
    action: 'create',
  });

  it('logs every line of concurrent RequestResponse invocations with its own keys, request id and trace id', async () => {
    // Prepare
    registerProbe('probe-sync', CONCURRENT_INVOCATIONS);
    const indexes = [...Array(CONCURRENT_INVOCATIONS).keys()];
    const rootOf = (index: number) => `1-6650a1b2-${index.toString(16).padStart(24, '0')}`;
    const stdout = captureStdout();

    // Act
    const responses = await Promise.all(
      indexes.map((index) => {
        const command = new InvokeCommand({
          FunctionName: 'probe-sync',
          LogType: 'Tail',
          Payload: encode(stepEvent(index)),
        });
        command.middlewareStack.add(
          withTraceHeader(`Root=${rootOf(index)};Parent=53995c3f42cd8ad8;Sampled=1`),
          {
            step: 'build',
          },
        );
        return lambda.send(command);
      }),
    ).finally(() => stdout.stop());

    // Assess
    expect(responses.map((response) => response.FunctionError)).toEqual(indexes.map(() => undefined));
    const expected = indexes.flatMap((index) =>
      ['probe arrived', 'probe resumed'].map((message) => ({
        message,
        invocation: `probe-${index}`,
        requestId: `probe-${index}`,
        apiKey: `team-${index}`,
        step: PROBE_STEP,
        function_request_id: lambdaRequestIdOf(responses[index]?.LogResult),
        xray_trace_id: rootOf(index),
      })),
    );
    const logged = stdout.lines().map((line) => ({
      message: line.message,
      invocation: line.invocation,
      requestId: line.requestId,
      apiKey: line.apiKey,
      step: line.step,
      function_request_id: line.function_request_id,
      xray_trace_id: line.xray_trace_id,
    }));
    const order = (line: { invocation?: string; message: string }) => `${line.invocation} ${line.message}`;
    expect(logged.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(expected);
  });

  it('logs every line of concurrent Event invocations, run later by the queue, with its own keys', async () => {
    // Prepare
    registerProbe('probe-async', CONCURRENT_INVOCATIONS);
    const indexes = [...Array(CONCURRENT_INVOCATIONS).keys()];
    const stdout = captureStdout();

    // Act
    try {
      await Promise.all(
        indexes.map((index) =>
          lambda.send(
            new InvokeCommand({
              FunctionName: 'probe-async',
              InvocationType: 'Event',
              Payload: encode(stepEvent(index)),
            }),
          ),
        ),
      );
      const deadline = Date.now() + EVENT_DEADLINE_MS;
      const finished = () =>
        cloud.services.lambda.invocations('probe-async').filter((entry) => entry.outcome !== 'running');
      while (finished().length < CONCURRENT_INVOCATIONS && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stdout.stop();
    }

    // Assess
    const attempts = cloud.services.lambda.invocations('probe-async');
    expect(attempts.map((entry) => entry.outcome)).toEqual(indexes.map(() => 'succeeded'));
    const lines = stdout.lines();
    expect(lines).toHaveLength(2 * CONCURRENT_INVOCATIONS);
    for (const line of lines) {
      const index = Number(line.invocation?.replace('probe-', ''));
      expect({ requestId: line.requestId, apiKey: line.apiKey, step: line.step }).toEqual({
        requestId: `probe-${index}`,
        apiKey: `team-${index}`,
        step: PROBE_STEP,
      });
      expect(line.xray_trace_id).toMatch(XRAY_TRACE_ID);
    }
    // One Lambda request id and one trace per invocation: both lines of an invocation carry them,
    // and no two invocations share either.
    const idsOf = (index: number) => {
      const own = lines.filter((line) => line.invocation === `probe-${index}`);
      return {
        requestIds: new Set(own.map((line) => line.function_request_id)),
        traceIds: new Set(own.map((line) => line.xray_trace_id)),
      };
    };
    const ids = indexes.map(idsOf);
    expect(ids.map(({ requestIds, traceIds }) => [requestIds.size, traceIds.size])).toEqual(
      indexes.map(() => [1, 1]),
    );
    expect(new Set(ids.flatMap(({ requestIds }) => [...requestIds]))).toEqual(
      new Set(attempts.map((entry) => entry.requestId)),
    );
    expect(new Set(ids.flatMap(({ traceIds }) => [...traceIds])).size).toBe(CONCURRENT_INVOCATIONS);
  });
});
