import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidDefinition,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** One simulated minute takes 60 real ms. */
const TIME_SCALE = 1000;
const ROLE_ARN = 'arn:aws:iam::000000000000:role/state-machine';
/** Real-time budget for workflows that wait minutes of simulated time. */
const REAL_TIME_BUDGET_MS = 5000;
/** Simulated slack for timing assertions: at TIME_SCALE one real millisecond is a simulated second. */
const SIMULATED_SLACK_MS = 5000;

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

class VpcEndpointNotReadyError extends Error {
  constructor() {
    super('endpoint still pending');
    this.name = 'VpcEndpointNotReadyError';
  }
}

class VpcEndpointFailedError extends Error {
  constructor() {
    super('endpoint failed');
    this.name = 'VpcEndpointFailedError';
  }
}

describe('local Step Functions', () => {
  let cloud: TestCloud;
  let sfn: SFNClient;
  let cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: TIME_SCALE });
    sfn = new SFNClient(cloud.clientConfig);
    cloud.services.lambda.register({ functionName: 'echo', handler: async (event: unknown) => event });
    cli = createAwsCli(cloud.endpoint, { prefix: 'sfn-cli-' });
  });

  afterAll(async () => {
    sfn.destroy();
    await cloud.stop();
    cli.dispose();
  });

  const createMachine = async (name: string, definition: unknown): Promise<string> => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE_ARN }),
    );
    return created.stateMachineArn ?? '';
  };

  const runToEnd = async (stateMachineArn: string, input: unknown = {}, name?: string) => {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
    );
    const executionArn = started.executionArn ?? '';
    await cloud.services.stepFunctions.waitForExecution(executionArn);
    return sfn.send(new DescribeExecutionCommand({ executionArn }));
  };

  const historyOf = async (executionArn: string): Promise<HistoryEvent[]> => {
    const events: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return events;
  };

  const times = (events: HistoryEvent[], type: string) =>
    events.filter((event) => event.type === type).map((event) => event.timestamp?.getTime() ?? 0);

  describe('state machines', () => {
    it('creates a state machine idempotently and refuses the name for another definition', async () => {
      // Prepare
      const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
      const first = await sfn.send(
        new CreateStateMachineCommand({
          name: 'idempotent',
          definition: JSON.stringify(definition),
          roleArn: ROLE_ARN,
        }),
      );

      // Act
      const again = await sfn.send(
        new CreateStateMachineCommand({
          name: 'idempotent',
          definition: JSON.stringify(definition),
          roleArn: ROLE_ARN,
        }),
      );
      const other = sfn.send(
        new CreateStateMachineCommand({
          name: 'idempotent',
          definition: JSON.stringify({ StartAt: 'Other', States: { Other: { Type: 'Succeed' } } }),
          roleArn: ROLE_ARN,
        }),
      );

      // Assess
      expect(first.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:idempotent');
      expect(again.stateMachineArn).toBe(first.stateMachineArn);
      expect(again.creationDate).toEqual(first.creationDate);
      await expect(other).rejects.toBeInstanceOf(StateMachineAlreadyExists);
    });

    it('refuses an invalid definition with InvalidDefinition and the validator message', async () => {
      // Act
      const attempt = createMachine('broken', {
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'Nowhere' } },
      });

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(InvalidDefinition);
      await expect(attempt).rejects.toThrow(
        /^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/,
      );
    });

    it('refuses JSONata and an unresolved Fn::GetAtt, which the local executor cannot run', async () => {
      // Act
      const jsonata = createMachine('jsonata', {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: { A: { Type: 'Pass', Output: '{% 1 %}', End: true } },
      });
      const getAtt = createMachine('get-att', {
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: { 'Fn::GetAtt': ['fn', 'Arn'] }, End: true } },
      });

      // Assess
      await expect(jsonata).rejects.toThrow(/JSONata .*not emulated/);
      await expect(getAtt).rejects.toBeInstanceOf(InvalidDefinition);
    });

    it('describes, lists, updates and deletes state machines', async () => {
      // Prepare
      const arn = await createMachine('lifecycle', { StartAt: 'A', States: { A: { Type: 'Succeed' } } });
      const newDefinition = JSON.stringify({ StartAt: 'B', States: { B: { Type: 'Succeed' } } });

      // Act
      const listed = await sfn.send(new ListStateMachinesCommand({}));
      const updated = await sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: arn, definition: newDefinition }),
      );
      const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
      const afterDelete = sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));

      // Assess
      expect(listed.stateMachines?.map((machine) => machine.name)).toContain('lifecycle');
      expect(updated.revisionId).toEqual(expect.any(String));
      expect(described).toMatchObject({
        name: 'lifecycle',
        status: 'ACTIVE',
        type: 'STANDARD',
        definition: newDefinition,
        roleArn: ROLE_ARN,
        revisionId: updated.revisionId,
      });
      await expect(afterDelete).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    });
  });

  describe('executions', () => {
    it('runs a Lambda task and records the history AWS records', async () => {
      // Prepare
      const arn = await createMachine('single-task', {
        StartAt: 'Echo',
        States: { Echo: { Type: 'Task', Resource: fnArn('echo'), End: true } },
      });

      // Act
      const execution = await runToEnd(arn, { requestId: 'r-1' }, 'single-run');
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      expect(execution).toMatchObject({
        status: 'SUCCEEDED',
        name: 'single-run',
        input: '{"requestId":"r-1"}',
        output: '{"requestId":"r-1"}',
      });
      expect((execution.stopDate?.getTime() ?? 0) >= (execution.startDate?.getTime() ?? 0)).toBe(true);
      expect(history.map((event) => event.type)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      expect(history.map((event) => [event.id, event.previousEventId])).toEqual(
        history.map((_event, index) => [index + 1, index]),
      );
      expect(history[1]?.stateEnteredEventDetails).toEqual({
        name: 'Echo',
        input: '{"requestId":"r-1"}',
        inputDetails: { truncated: false },
      });
      expect(history[2]?.lambdaFunctionScheduledEventDetails?.resource).toBe(fnArn('echo'));
      expect(history[6]?.executionSucceededEventDetails?.output).toBe('{"requestId":"r-1"}');
    });

    it('retries with exponential backoff on the cloud clock: minutes of retries in well under a second', async () => {
      // Prepare
      let calls = 0;
      cloud.services.lambda.register({
        functionName: 'not-ready-twice',
        handler: async () => {
          calls += 1;
          if (calls <= 2) throw new VpcEndpointNotReadyError();
          return { ready: true };
        },
      });
      const arn = await createMachine('retry-backoff', {
        StartAt: 'Check',
        States: {
          Check: {
            Type: 'Task',
            Resource: fnArn('not-ready-twice'),
            Retry: [
              {
                ErrorEquals: ['VpcEndpointNotReadyError'],
                IntervalSeconds: 60,
                BackoffRate: 2,
                MaxAttempts: 3,
              },
            ],
            End: true,
          },
        },
      });
      const startedReal = Date.now();

      // Act
      const execution = await runToEnd(arn);
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const scheduled = times(history, 'LambdaFunctionScheduled');
      expect(scheduled).toHaveLength(3);
      expect((scheduled[1] ?? 0) - (scheduled[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
      expect((scheduled[2] ?? 0) - (scheduled[1] ?? 0)).toBeGreaterThanOrEqual(120_000);
      expect(Date.now() - startedReal).toBeLessThan(REAL_TIME_BUDGET_MS);
    });

    it('caps retry intervals at MaxDelaySeconds with full jitter', async () => {
      // Prepare
      let calls = 0;
      cloud.services.lambda.register({
        functionName: 'not-ready-thrice',
        handler: async () => {
          calls += 1;
          if (calls <= 3) throw new VpcEndpointNotReadyError();
          return 'ready';
        },
      });
      const arn = await createMachine('retry-jitter', {
        StartAt: 'Check',
        States: {
          Check: {
            Type: 'Task',
            Resource: fnArn('not-ready-thrice'),
            Retry: [
              {
                ErrorEquals: ['VpcEndpointNotReadyError'],
                IntervalSeconds: 100,
                BackoffRate: 10,
                MaxDelaySeconds: 30,
                JitterStrategy: 'FULL',
                MaxAttempts: 5,
              },
            ],
            End: true,
          },
        },
      });

      // Act
      const execution = await runToEnd(arn);
      const scheduled = times(await historyOf(execution.executionArn ?? ''), 'LambdaFunctionScheduled');

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const gaps = scheduled.slice(1).map((time, index) => time - (scheduled[index] ?? 0));
      expect(gaps).toHaveLength(3);
      for (const gap of gaps) expect(gap).toBeLessThanOrEqual(30_000 + SIMULATED_SLACK_MS);
    });

    it('catches a Lambda error by its name with the Lambda error payload as Cause', async () => {
      // Prepare
      cloud.services.lambda.register({
        functionName: 'endpoint-failed',
        handler: async () => {
          throw new VpcEndpointFailedError();
        },
      });
      const arn = await createMachine('catch-by-name', {
        StartAt: 'Check',
        States: {
          Check: {
            Type: 'Task',
            Resource: fnArn('endpoint-failed'),
            Catch: [
              { ErrorEquals: ['VpcEndpointNotReadyError'], Next: 'Wrong' },
              { ErrorEquals: ['VpcEndpointFailedError'], ResultPath: '$.failure', Next: 'Recorded' },
            ],
            End: true,
          },
          Wrong: { Type: 'Fail', Error: 'WrongCatcher' },
          Recorded: { Type: 'Pass', End: true },
        },
      });

      // Act
      const execution = await runToEnd(arn, { apiKey: 'orders' });
      const types = (await historyOf(execution.executionArn ?? '')).map((event) => event.type);

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      expect(types.slice(types.indexOf('LambdaFunctionFailed'), -1)).toEqual([
        'LambdaFunctionFailed',
        'PassStateEntered',
        'PassStateExited',
      ]);
      const output = JSON.parse(execution.output ?? '{}') as {
        apiKey: string;
        failure: { Error: string; Cause: string };
      };
      expect(output.apiKey).toBe('orders');
      expect(output.failure.Error).toBe('VpcEndpointFailedError');
      const cause = JSON.parse(output.failure.Cause) as {
        errorType: string;
        errorMessage: string;
        trace: string[];
      };
      expect(cause).toEqual({
        errorType: 'VpcEndpointFailedError',
        errorMessage: 'endpoint failed',
        trace: expect.arrayContaining(['VpcEndpointFailedError: endpoint failed']),
      });
    });

    it('matches handler errors with States.TaskFailed and States.ALL', async () => {
      // Prepare
      const arn = await createMachine('catch-wildcards', {
        StartAt: 'First',
        States: {
          First: {
            Type: 'Task',
            Resource: fnArn('endpoint-failed'),
            Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.first', Next: 'Second' }],
            End: true,
          },
          Second: {
            Type: 'Task',
            Resource: fnArn('endpoint-failed'),
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.second', Next: 'Done' }],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      });

      // Act
      const execution = await runToEnd(arn);

      // Assess
      const output = JSON.parse(execution.output ?? '{}') as Record<string, { Error: string }>;
      expect(output.first?.Error).toBe('VpcEndpointFailedError');
      expect(output.second?.Error).toBe('VpcEndpointFailedError');
    });

    it('fails the execution with the Lambda error name and payload when nothing catches it', async () => {
      // Prepare
      const arn = await createMachine('uncaught', {
        StartAt: 'Check',
        States: { Check: { Type: 'Task', Resource: fnArn('endpoint-failed'), End: true } },
      });

      // Act
      const execution = await runToEnd(arn);
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('VpcEndpointFailedError');
      expect(JSON.parse(execution.cause ?? '{}')).toMatchObject({ errorType: 'VpcEndpointFailedError' });
      expect(history.map((event) => event.type).slice(-2)).toEqual([
        'LambdaFunctionFailed',
        'ExecutionFailed',
      ]);
      expect(history.at(-1)?.executionFailedEventDetails).toEqual({
        error: 'VpcEndpointFailedError',
        cause: execution.cause,
      });
    });

    it('reports a Lambda timeout as Sandbox.Timedout and the Task TimeoutSeconds as States.Timeout, both in real time', async () => {
      // Prepare
      // Both limits bound compute, which runs at real speed: they are real seconds.
      const computeFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      cloud.services.lambda.register({
        functionName: 'sleeps-a-minute',
        timeoutSeconds: 1,
        handler: async () => {
          await computeFor(1500);
          return 'late';
        },
      });
      cloud.services.lambda.register({
        functionName: 'sleeps-long',
        timeoutSeconds: 900,
        handler: async () => {
          await computeFor(1500);
          return 'late';
        },
      });
      const arn = await createMachine('timeouts', {
        StartAt: 'LambdaTimeout',
        States: {
          LambdaTimeout: {
            Type: 'Task',
            Resource: fnArn('sleeps-a-minute'),
            Catch: [{ ErrorEquals: ['Sandbox.Timedout'], ResultPath: '$.lambda', Next: 'TaskTimeout' }],
            End: true,
          },
          TaskTimeout: {
            Type: 'Task',
            Resource: fnArn('sleeps-long'),
            TimeoutSeconds: 1,
            Catch: [
              { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.wrong', Next: 'Done' },
              { ErrorEquals: ['States.Timeout'], ResultPath: '$.task', Next: 'Done' },
            ],
            End: true,
          },
          Done: { Type: 'Succeed' },
        },
      });

      // Act
      const execution = await runToEnd(arn);
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      const output = JSON.parse(execution.output ?? '{}') as Record<string, { Error: string; Cause: string }>;
      expect(output.lambda?.Error).toBe('Sandbox.Timedout');
      expect(JSON.parse(output.lambda?.Cause ?? '{}').errorMessage).toMatch(
        /Task timed out after 1\.00 seconds/,
      );
      expect(output.task?.Error).toBe('States.Timeout');
      expect(output.wrong).toBeUndefined();
      expect(history.map((event) => event.type)).toContain('LambdaFunctionTimedOut');
    });

    it('waits SecondsPath and TimestampPath on the cloud clock', async () => {
      // Prepare
      const arn = await createMachine('waits', {
        StartAt: 'WaitSeconds',
        States: {
          WaitSeconds: { Type: 'Wait', SecondsPath: '$.seconds', Next: 'WaitUntil' },
          WaitUntil: { Type: 'Wait', TimestampPath: '$.until', End: true },
        },
      });
      const until = new Date(cloud.clock.now() + 1200_000).toISOString();
      const startedReal = Date.now();

      // Act
      const execution = await runToEnd(arn, { seconds: 600, until });
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const [enteredSeconds, enteredUntil] = times(history, 'WaitStateEntered');
      const [exitedSeconds, exitedUntil] = times(history, 'WaitStateExited');
      expect((exitedSeconds ?? 0) - (enteredSeconds ?? 0)).toBeGreaterThanOrEqual(600_000);
      expect(exitedUntil ?? 0).toBeGreaterThanOrEqual(Date.parse(until));
      expect((exitedUntil ?? 0) - (enteredUntil ?? 0)).toBeLessThan(1200_000);
      expect(Date.now() - startedReal).toBeLessThan(REAL_TIME_BUDGET_MS);
    });

    it('runs Parallel branches with Lambda tasks and collects their outputs in order', async () => {
      // Prepare
      cloud.services.lambda.register({
        functionName: 'double',
        handler: async (event: { n: number }) => event.n * 2,
      });
      const arn = await createMachine('parallel', {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Double',
                States: { Double: { Type: 'Task', Resource: fnArn('double'), End: true } },
              },
              { StartAt: 'Echo', States: { Echo: { Type: 'Task', Resource: fnArn('echo'), End: true } } },
            ],
            ResultSelector: { 'doubled.$': '$[0]', 'echoed.$': '$[1]' },
            End: true,
          },
        },
      });

      // Act
      const execution = await runToEnd(arn, { n: 21 });
      const types = (await historyOf(execution.executionArn ?? '')).map((event) => event.type);

      // Assess
      expect(JSON.parse(execution.output ?? '{}')).toEqual({ doubled: 42, echoed: { n: 21 } });
      expect(types).toEqual(
        expect.arrayContaining(['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded']),
      );
      expect(types.filter((type) => type === 'LambdaFunctionSucceeded')).toHaveLength(2);
    });

    it('runs Map iterations through a Lambda task', async () => {
      // Prepare
      const arn = await createMachine('map', {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              ProcessorConfig: { Mode: 'INLINE' },
              StartAt: 'Double',
              States: { Double: { Type: 'Task', Resource: fnArn('double'), End: true } },
            },
            End: true,
          },
        },
      });

      // Act
      const execution = await runToEnd(arn, { items: [{ n: 1 }, { n: 2 }, { n: 3 }] });

      // Assess
      expect(JSON.parse(execution.output ?? 'null')).toEqual([2, 4, 6]);
    });

    it('returns the Invoke response from the lambda:invoke integration', async () => {
      // Prepare
      const arn = await createMachine('optimised-invoke', {
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: fnArn('double'), 'Payload.$': '$' },
            ResultSelector: { 'value.$': '$.Payload', 'status.$': '$.StatusCode' },
            End: true,
          },
        },
      });

      // Act
      const execution = await runToEnd(arn, { n: 5 });
      const types = (await historyOf(execution.executionArn ?? '')).map((event) => event.type);

      // Assess
      expect(JSON.parse(execution.output ?? '{}')).toEqual({ value: 10, status: 200 });
      expect(types).toEqual(expect.arrayContaining(['TaskScheduled', 'TaskStarted', 'TaskSucceeded']));
    });

    it('fills the Context object: execution, state and state machine', async () => {
      // Prepare
      let calls = 0;
      cloud.services.lambda.register({
        functionName: 'context-echo',
        handler: async (event: unknown) => {
          calls += 1;
          if (calls === 1) throw new VpcEndpointNotReadyError();
          return event;
        },
      });
      const arn = await createMachine('context', {
        StartAt: 'Probe',
        States: {
          Probe: {
            Type: 'Task',
            Resource: fnArn('context-echo'),
            Parameters: {
              'executionId.$': '$$.Execution.Id',
              'executionName.$': '$$.Execution.Name',
              'startTime.$': '$$.Execution.StartTime',
              'input.$': '$$.Execution.Input',
              'stateName.$': '$$.State.Name',
              'enteredTime.$': '$$.State.EnteredTime',
              'retryCount.$': '$$.State.RetryCount',
              'stateMachineId.$': '$$.StateMachine.Id',
            },
            Retry: [{ ErrorEquals: ['VpcEndpointNotReadyError'], IntervalSeconds: 1 }],
            End: true,
          },
        },
      });

      // Act
      const execution = await runToEnd(arn, { apiKey: 'orders' }, 'ctx-1');

      // Assess
      const output = JSON.parse(execution.output ?? '{}') as Record<string, unknown>;
      expect(output).toMatchObject({
        executionId: execution.executionArn,
        executionName: 'ctx-1',
        startTime: execution.startDate?.toISOString(),
        input: { apiKey: 'orders' },
        stateName: 'Probe',
        retryCount: 1,
        stateMachineId: arn,
      });
      expect(Date.parse(String(output.enteredTime))).toBeGreaterThanOrEqual(
        execution.startDate?.getTime() ?? 0,
      );
    });

    it('returns the running execution for the same name and input, and ExecutionAlreadyExists otherwise', async () => {
      // Prepare
      const arn = await createMachine('long-wait', {
        StartAt: 'Wait',
        States: { Wait: { Type: 'Wait', Seconds: 86_400, End: true } },
      });
      const first = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'req-42', input: '{"a":1}' }),
      );

      // Act
      const same = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'req-42', input: '{"a":1}' }),
      );
      const otherInput = sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'req-42', input: '{"a":2}' }),
      );
      await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
      const afterClose = sfn.send(
        new StartExecutionCommand({ stateMachineArn: arn, name: 'req-42', input: '{"a":1}' }),
      );

      // Assess
      expect(same.executionArn).toBe(first.executionArn);
      expect(same.startDate).toEqual(first.startDate);
      await expect(otherInput).rejects.toBeInstanceOf(ExecutionAlreadyExists);
      await expect(afterClose).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    });

    it('names an execution with a UUID when no name is given and refuses invalid names', async () => {
      // Prepare
      const arn = await createMachine('names', { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });

      // Act
      const unnamed = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
      const tooLong = sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a'.repeat(81) }));
      const withSpace = sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'has space' }));

      // Assess
      expect(unnamed.executionArn).toMatch(
        /:execution:names:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      await expect(tooLong).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(withSpace).rejects.toBeInstanceOf(InvalidName);
    });

    it('stops an execution as ABORTED with the given error and cause', async () => {
      // Prepare
      const arn = await createMachine('to-stop', {
        StartAt: 'Wait',
        States: { Wait: { Type: 'Wait', Seconds: 86_400, End: true } },
      });
      const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));

      // Act
      await sfn.send(
        new StopExecutionCommand({
          executionArn: started.executionArn,
          error: 'Cancelled',
          cause: 'operator request',
        }),
      );
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      const history = await historyOf(started.executionArn ?? '');

      // Assess
      expect(described).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'operator request' });
      expect(history.at(-1)).toMatchObject({
        type: 'ExecutionAborted',
        executionAbortedEventDetails: { error: 'Cancelled', cause: 'operator request' },
      });
    });

    it('times an execution out after the state machine TimeoutSeconds', async () => {
      // Prepare
      const arn = await createMachine('times-out', {
        TimeoutSeconds: 60,
        StartAt: 'Wait',
        States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } },
      });

      // Act
      const execution = await runToEnd(arn);
      const history = await historyOf(execution.executionArn ?? '');

      // Assess
      expect(execution.status).toBe('TIMED_OUT');
      expect(execution.error).toBeUndefined();
      expect(history.at(-1)?.type).toBe('ExecutionTimedOut');
      const elapsed = (execution.stopDate?.getTime() ?? 0) - (execution.startDate?.getTime() ?? 0);
      expect(elapsed).toBeGreaterThanOrEqual(60_000);
      expect(elapsed).toBeLessThan(3600_000);
    });

    it('fails with States.Runtime, past any Catch, on a Task resource the local cloud does not emulate', async () => {
      // Prepare
      const arn = await createMachine('unsupported-resource', {
        StartAt: 'Put',
        States: {
          Put: {
            Type: 'Task',
            Resource: 'arn:aws:states:::dynamodb:putItem',
            Parameters: { TableName: 'requests', Item: {} },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Succeed' },
        },
      });

      // Act
      const execution = await runToEnd(arn);

      // Assess
      expect(execution.status).toBe('FAILED');
      expect(execution.error).toBe('States.Runtime');
      expect(execution.cause).toMatch(/does not emulate the Task resource/);
    });
  });

  describe('listing and history', () => {
    it('pages the history in both orders', async () => {
      // Prepare
      const arn = await createMachine('three-passes', {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Next: 'B' },
          B: { Type: 'Pass', Next: 'C' },
          C: { Type: 'Pass', End: true },
        },
      });
      const execution = await runToEnd(arn);
      const executionArn = execution.executionArn ?? '';
      const all = await historyOf(executionArn);

      // Act
      const reversed: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken }),
        );
        expect((page.events ?? []).length).toBeLessThanOrEqual(2);
        reversed.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);

      // Assess
      expect(all).toHaveLength(8);
      expect(reversed.map((event) => event.id)).toEqual(all.map((event) => event.id).reverse());
      expect(all[0]?.type).toBe('ExecutionStarted');
      expect(all[0]?.timestamp?.getTime()).toBe(execution.startDate?.getTime());
    });

    it('lists executions newest first, filtered by status', async () => {
      // Prepare
      const arn = await createMachine('listed', {
        StartAt: 'Choose',
        States: {
          Choose: {
            Type: 'Choice',
            Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Fail' }],
            Default: 'Ok',
          },
          Fail: { Type: 'Fail', Error: 'Asked', Cause: 'input said so' },
          Ok: { Type: 'Succeed' },
        },
      });
      await runToEnd(arn, { fail: false }, 'ok-1');
      const failed = await runToEnd(arn, { fail: true }, 'failed-1');
      await runToEnd(arn, { fail: false }, 'ok-2');

      // Act
      const everything = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
      const onlyFailed = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'FAILED' }),
      );

      // Assess
      expect(everything.executions?.map((execution) => execution.name)).toEqual(['ok-2', 'failed-1', 'ok-1']);
      expect(onlyFailed.executions?.map((execution) => execution.name)).toEqual(['failed-1']);
      expect(failed).toMatchObject({ status: 'FAILED', error: 'Asked', cause: 'input said so' });
    });
  });

  itWithAwsCli('serves the AWS CLI: start-execution then describe-execution', async () => {
    // Prepare
    const arn = await createMachine('cli', {
      StartAt: 'Echo',
      States: { Echo: { Type: 'Task', Resource: fnArn('echo'), End: true } },
    });

    // Act
    const started = (
      await cli.run(
        'stepfunctions',
        'start-execution',
        '--state-machine-arn',
        arn,
        '--input',
        '{"via":"cli"}',
      )
    ).json<{ executionArn: string }>();
    await cloud.services.stepFunctions.waitForExecution(started.executionArn);
    const described = (
      await cli.run('stepfunctions', 'describe-execution', '--execution-arn', started.executionArn)
    ).json();

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"via":"cli"}' });
  });

  it('keeps state machines across a restart and runs them again', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'sfn-state-'));
    const stateFile = join(dir, 'state.json');
    const definition = {
      StartAt: 'Echo',
      States: { Echo: { Type: 'Task', Resource: fnArn('echo'), End: true } },
    };
    const first = await startTestCloud({ stateFile });
    const firstClient = new SFNClient(first.clientConfig);
    const created = await firstClient.send(
      new CreateStateMachineCommand({
        name: 'kept',
        definition: JSON.stringify(definition),
        roleArn: ROLE_ARN,
      }),
    );
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startTestCloud({ stateFile });
    second.services.lambda.register({ functionName: 'echo', handler: async (event: unknown) => event });
    const client = new SFNClient(second.clientConfig);
    const described = await client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    const started = await client.send(
      new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, input: '{"again":true}' }),
    );
    const finished = await second.services.stepFunctions.waitForExecution(started.executionArn ?? '');
    client.destroy();
    await second.stop();
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect(described.definition).toBe(JSON.stringify(definition));
    expect(described.creationDate).toEqual(created.creationDate);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', output: '{"again":true}' });
  });
});
