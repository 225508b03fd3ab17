import { randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error';
import {
  epochSeconds,
  type JsonObject,
  type JsonOperation,
  type JsonProtocol,
  jsonRpcEndpoints,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  validationError,
} from '../../core/aws-json-protocol';
import { Clock } from '../../core/clock';
import { ClockTimers } from '../../core/clock-timers';
import { paginate } from '../../core/paging';
import type { LocalService, ServiceContext } from '../../core/types';
import type { LambdaService } from '../lambda';
import { loadAslRuntime } from './asl-runtime';
import { DefinitionCompiler } from './definition-compiler';
import { ExecutionHistory, MAX_HISTORY_EVENTS, renderHistoryEvent } from './execution-history';
import { closeExecution, type ExecutionRecord, type ExecutionStatus, runExecution } from './execution-runner';
import {
  assertExecutionArn,
  assertStateMachineArn,
  assertValidName,
  executionArn,
  MAX_NAME_LENGTH,
  regionOfArn,
  stateMachineArn,
} from './names';
import { MAX_PAYLOAD_BYTES } from './task-handlers';

export type { ExecutionStatus } from './execution-runner';

const PROTOCOL: JsonProtocol = {
  contentType: 'application/x-amz-json-1.0',
  targetPrefix: 'AWSStepFunctions',
  // The namespace Step Functions puts in `__type` (an inheritance of SWF).
  errorNamespace: 'com.amazonaws.swf.service.v2.model',
};

/** List operations: 100 results by default (also when 0 is asked), at most 1,000. */
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** Execution names can be reused 90 days after the execution closed (AWS-FACTS). */
const NAME_REUSE_AFTER_MS = 90 * 24 * 60 * 60 * 1000;
const MAX_DEFINITION_LENGTH = 1_048_576;
const MAX_ARN_LENGTH = 256;

interface LoggingConfiguration {
  readonly level: string;
  readonly includeExecutionData: boolean;
  readonly destinations?: unknown;
}

/** A state machine as DescribeStateMachine reports it (what snapshots keep). */
export interface StateMachineRecord {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly region: string;
  definition: string;
  roleArn: string;
  readonly type: 'STANDARD';
  /** Simulated epoch ms. */
  readonly creationDate: number;
  loggingConfiguration: LoggingConfiguration;
  tracingConfiguration: { readonly enabled: boolean };
  revisionId?: string;
  updateDate?: number;
}

/** DescribeExecution's answer, in process (dates as Date). */
export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface StartExecutionRequest {
  readonly stateMachineArn: string;
  /** A UUID when absent, as on AWS. */
  readonly name?: string;
  /** JSON text; `{}` when absent. */
  readonly input?: string;
}

/** The local Step Functions (Standard workflows, JSONPath ASL) with its in-process API. */
export interface StepFunctionsService extends LocalService {
  readonly signingName: 'states';
  /** StartExecution in process (EventBridge targets use it), with the API's rules and errors. */
  startExecution(request: StartExecutionRequest): { executionArn: string; startDate: Date };
  describeExecution(executionArn: string): ExecutionDescription;
  /** Resolves with the execution's description once it has closed (for tests). */
  waitForExecution(executionArn: string): Promise<ExecutionDescription>;
  /** Executions, newest first, optionally of one state machine. */
  executions(stateMachineArn?: string): readonly ExecutionDescription[];
  snapshot(): StepFunctionsSnapshot;
  restore(state: unknown): void;
  /** Stops every running execution and every timer. */
  close(): Promise<void>;
}

export interface StepFunctionsSnapshot {
  readonly stateMachines: readonly StateMachineRecord[];
}

export interface StepFunctionsDeps {
  readonly lambda: Pick<LambdaService, 'invoke'>;
}

/** Creates the local Step Functions service (signing name `states`, awsJson1.0). */
export function createStepFunctionsService(
  ctx: ServiceContext,
  deps: StepFunctionsDeps,
): StepFunctionsService {
  const { clock, accountId } = ctx;
  const timers = new ClockTimers(clock);
  // A Task's TimeoutSeconds bounds compute, which runs at real speed: real-time timers.
  const computeTimers = new ClockTimers(new Clock(1));
  const runtime = loadAslRuntime(clock, timers, computeTimers);
  const compiler = new DefinitionCompiler(runtime);
  const machines = new Map<string, StateMachineRecord>();
  const executions = new Map<string, ExecutionRecord>();

  const machineOf = (arn: string): StateMachineRecord => {
    assertStateMachineArn(arn);
    const machine = machines.get(arn);
    if (!machine)
      throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`, 400);
    return machine;
  };

  const executionOf = (arn: string): ExecutionRecord => {
    assertExecutionArn(arn);
    const execution = executions.get(arn);
    if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`, 400);
    return execution;
  };

  const startExecution = (request: StartExecutionRequest): { executionArn: string; startDate: Date } => {
    const machine = machineOf(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    assertValidName(name);
    const input = request.input ?? '{}';
    if (input.length > MAX_PAYLOAD_BYTES) {
      throw validationError(
        `Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
      );
    }
    try {
      JSON.parse(input);
    } catch (error: unknown) {
      throw new AwsError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${error instanceof Error ? error.message : String(error)}'`,
        400,
      );
    }
    const arn = executionArn(machine.stateMachineArn, name);
    const existing = executions.get(arn);
    if (existing) {
      // Standard workflows: the same name and input while it runs returns the original execution;
      // anything else is ExecutionAlreadyExists until 90 days after it closed (AWS-FACTS).
      if (existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: arn, startDate: new Date(existing.startDate) };
      }
      const reusable =
        existing.stopDate !== undefined && clock.now() - existing.stopDate > NAME_REUSE_AFTER_MS;
      if (!reusable) throw new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`, 400);
    }
    const compiled = compiler.compile(machine.definition);
    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    const record: ExecutionRecord = {
      executionArn: arn,
      name,
      stateMachineArn: machine.stateMachineArn,
      stateMachineName: machine.name,
      region: machine.region,
      roleArn: machine.roleArn,
      input,
      startDate: clock.now(),
      status: 'RUNNING',
      history: new ExecutionHistory(clock, () => {
        const cause = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;
        if (closeExecution(record, { status: 'FAILED', error: 'States.Runtime', cause }, clock))
          record.abort();
      }),
      abort: () => undefined,
      closed,
    };
    record.history.add({
      type: 'ExecutionStarted',
      detailsKey: 'executionStartedEventDetails',
      details: { input, inputDetails: { truncated: false }, roleArn: machine.roleArn },
      timestamp: record.startDate,
    });
    executions.set(arn, record);
    runExecution(record, compiled, { runtime, lambda: deps.lambda, clock })
      .catch((error: unknown) => {
        const cause = error instanceof Error ? error.message : String(error);
        closeExecution(record, { status: 'FAILED', error: 'States.Runtime', cause }, clock);
      })
      .finally(() => markClosed());
    return { executionArn: arn, startDate: new Date(record.startDate) };
  };

  const stopExecution = (record: ExecutionRecord, error?: string, cause?: string): void => {
    if (closeExecution(record, { status: 'ABORTED', error, cause }, clock)) record.abort();
  };

  const operations: Record<string, JsonOperation> = {
    CreateStateMachine(input, req) {
      const name = requiredString(input, 'name', { min: 1, max: MAX_NAME_LENGTH });
      const definition = requiredString(input, 'definition', { min: 1, max: MAX_DEFINITION_LENGTH });
      const roleArn = requiredString(input, 'roleArn', { min: 1, max: MAX_ARN_LENGTH });
      const type = optionalString(input, 'type') ?? 'STANDARD';
      assertValidName(name);
      if (type !== 'STANDARD') {
        throw new AwsError(
          'StateMachineTypeNotSupported',
          `The local cloud emulates STANDARD state machines only, not ${type}`,
          400,
        );
      }
      compiler.compile(definition);
      const loggingConfiguration = readLogging(input.loggingConfiguration);
      const tracingConfiguration = {
        enabled: input.tracingConfiguration ? readTracing(input.tracingConfiguration) : false,
      };
      const arn = stateMachineArn(req.region, accountId, name);
      const existing = machines.get(arn);
      if (existing) {
        // CreateStateMachine is idempotent on name, definition, type, logging and tracing;
        // a different roleArn or tags are ignored (the original is kept).
        const same =
          existing.definition === definition &&
          JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration) &&
          existing.tracingConfiguration.enabled === tracingConfiguration.enabled;
        if (!same)
          throw new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`, 400);
        return { stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate) };
      }
      const machine: StateMachineRecord = {
        stateMachineArn: arn,
        name,
        region: req.region,
        definition,
        roleArn,
        type: 'STANDARD',
        creationDate: clock.now(),
        loggingConfiguration,
        tracingConfiguration,
      };
      machines.set(arn, machine);
      return { stateMachineArn: arn, creationDate: epochSeconds(machine.creationDate) };
    },

    UpdateStateMachine(input) {
      const machine = machineOf(requiredString(input, 'stateMachineArn', { min: 1, max: MAX_ARN_LENGTH }));
      const definition = optionalString(input, 'definition', { min: 1, max: MAX_DEFINITION_LENGTH });
      const roleArn = optionalString(input, 'roleArn', { min: 1, max: MAX_ARN_LENGTH });
      if (
        definition === undefined &&
        roleArn === undefined &&
        input.loggingConfiguration === undefined &&
        input.tracingConfiguration === undefined
      ) {
        throw new AwsError(
          'MissingRequiredParameter',
          'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
          400,
        );
      }
      // Running executions keep the definition they started with.
      if (definition !== undefined) {
        compiler.compile(definition);
        machine.definition = definition;
      }
      if (roleArn !== undefined) machine.roleArn = roleArn;
      if (input.loggingConfiguration !== undefined)
        machine.loggingConfiguration = readLogging(input.loggingConfiguration);
      if (input.tracingConfiguration !== undefined) {
        machine.tracingConfiguration = { enabled: readTracing(input.tracingConfiguration) };
      }
      machine.updateDate = clock.now();
      machine.revisionId = randomUUID();
      return { updateDate: epochSeconds(machine.updateDate), revisionId: machine.revisionId };
    },

    DescribeStateMachine(input) {
      return describeMachine(
        machineOf(requiredString(input, 'stateMachineArn', { min: 1, max: MAX_ARN_LENGTH })),
      );
    },

    DescribeStateMachineForExecution(input) {
      const execution = executionOf(requiredString(input, 'executionArn', { min: 1, max: MAX_ARN_LENGTH }));
      const machine = machineOf(execution.stateMachineArn);
      const { status: _status, type: _type, creationDate: _created, ...rest } = describeMachine(machine);
      return { ...rest, updateDate: epochSeconds(machine.updateDate ?? machine.creationDate) };
    },

    ListStateMachines(input, req) {
      const all = [...machines.values()]
        .filter((machine) => machine.region === req.region)
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, nextToken } = pageOf(all, input);
      return {
        stateMachines: page.map((machine) => ({
          stateMachineArn: machine.stateMachineArn,
          name: machine.name,
          type: machine.type,
          creationDate: epochSeconds(machine.creationDate),
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    DeleteStateMachine(input) {
      const arn = requiredString(input, 'stateMachineArn', { min: 1, max: MAX_ARN_LENGTH });
      assertStateMachineArn(arn);
      if (!machines.delete(arn)) return {};
      // Deleting a state machine terminates its running executions.
      for (const execution of executions.values()) {
        if (execution.stateMachineArn === arn) stopExecution(execution);
      }
      return {};
    },

    StartExecution(input) {
      const started = startExecution({
        stateMachineArn: requiredString(input, 'stateMachineArn', { min: 1, max: MAX_ARN_LENGTH }),
        name: optionalString(input, 'name', { min: 1, max: MAX_NAME_LENGTH }),
        input: optionalString(input, 'input'),
      });
      return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate.getTime()) };
    },

    DescribeExecution(input) {
      const execution = executionOf(requiredString(input, 'executionArn', { min: 1, max: MAX_ARN_LENGTH }));
      return {
        ...executionSummary(execution, epochSeconds),
        input: execution.input,
        inputDetails: { included: true },
        ...(execution.output === undefined
          ? {}
          : { output: execution.output, outputDetails: { included: true } }),
        ...errorAndCause(execution),
        redriveCount: 0,
        redriveStatus: redriveStatusOf(execution.status),
      };
    },

    ListExecutions(input) {
      const arn = requiredString(input, 'stateMachineArn', { min: 1, max: MAX_ARN_LENGTH });
      machineOf(arn);
      const statusFilter = optionalString(input, 'statusFilter');
      const all = [...executions.values()]
        .filter((execution) => execution.stateMachineArn === arn)
        .filter((execution) => statusFilter === undefined || execution.status === statusFilter)
        .sort((a, b) => b.startDate - a.startDate);
      const { page, nextToken } = pageOf(all, input);
      return {
        executions: page.map((execution) => ({
          ...executionSummary(execution, epochSeconds),
          redriveCount: 0,
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    GetExecutionHistory(input) {
      const execution = executionOf(requiredString(input, 'executionArn', { min: 1, max: MAX_ARN_LENGTH }));
      const reverseOrder = optionalBoolean(input, 'reverseOrder') ?? false;
      const includeExecutionData = optionalBoolean(input, 'includeExecutionData') ?? true;
      const events = [...execution.history.list()];
      if (reverseOrder) events.reverse();
      const { page, nextToken } = pageOf(events, input);
      return {
        events: page.map((event) => renderHistoryEvent(event, includeExecutionData)),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },

    StopExecution(input) {
      const execution = executionOf(requiredString(input, 'executionArn', { min: 1, max: MAX_ARN_LENGTH }));
      stopExecution(
        execution,
        optionalString(input, 'error', { max: 256 }),
        optionalString(input, 'cause', { max: 32_768 }),
      );
      return { stopDate: epochSeconds(execution.stopDate ?? clock.now()) };
    },
  };

  const describe = (execution: ExecutionRecord): ExecutionDescription => ({
    ...executionSummary(execution, (epochMs) => new Date(epochMs)),
    input: execution.input,
    ...(execution.output === undefined ? {} : { output: execution.output }),
    ...errorAndCause(execution),
  });

  const listExecutions = (stateMachine?: string): ExecutionDescription[] =>
    [...executions.values()]
      .filter((execution) => stateMachine === undefined || execution.stateMachineArn === stateMachine)
      .sort((a, b) => b.startDate - a.startDate)
      .map(describe);

  return {
    signingName: 'states',
    ...jsonRpcEndpoints(PROTOCOL, operations),
    startExecution,
    describeExecution: (arn) => describe(executionOf(arn)),
    async waitForExecution(arn) {
      const execution = executionOf(arn);
      await execution.closed;
      return describe(execution);
    },
    executions: listExecutions,
    control(action, input) {
      switch (action) {
        case 'list-executions': {
          const arn = input.stateMachineArn;
          if (arn !== undefined && typeof arn !== 'string') {
            throw new AwsError('InvalidParameter', 'stateMachineArn: expected a string', 400);
          }
          const status = input.status;
          return {
            executions: listExecutions(arn).filter(
              (execution) => status === undefined || execution.status === status,
            ),
          };
        }
        default:
          throw new AwsError(
            'InvalidParameter',
            `no states control action '${action}' (list-executions)`,
            400,
          );
      }
    },
    snapshot: () => ({ stateMachines: [...machines.values()] }),
    restore(state) {
      for (const machine of readSnapshot(state).stateMachines) machines.set(machine.stateMachineArn, machine);
    },
    async close() {
      for (const execution of executions.values()) stopExecution(execution);
      await Promise.all([...executions.values()].map((execution) => execution.closed));
      timers.clearAll();
      computeTimers.clearAll();
    },
  };
}

function describeMachine(machine: StateMachineRecord) {
  return {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    ...(machine.revisionId === undefined ? {} : { revisionId: machine.revisionId }),
  };
}

/** What every view of an execution shows, with its dates as `time` renders them. */
function executionSummary<Time>(execution: ExecutionRecord, time: (epochMs: number) => Time) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: time(execution.startDate),
    ...(execution.stopDate === undefined ? {} : { stopDate: time(execution.stopDate) }),
  };
}

/** An execution's error and cause, when it has them (only a FAILED or ABORTED one can: see closeExecution). */
function errorAndCause(execution: ExecutionRecord): { error?: string; cause?: string } {
  return {
    ...(execution.error === undefined ? {} : { error: execution.error }),
    ...(execution.cause === undefined ? {} : { cause: execution.cause }),
  };
}

function redriveStatusOf(status: ExecutionStatus): string {
  return status === 'RUNNING' || status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
}

/** One page of a list operation, from its `maxResults` and `nextToken`. */
function pageOf<T>(items: readonly T[], input: JsonObject): { page: T[]; nextToken?: string } {
  return paginate(items, pageSize(input), optionalString(input, 'nextToken'), invalidToken);
}

function pageSize(input: JsonObject): number {
  const requested = optionalInteger(input, 'maxResults', 0, MAX_PAGE_SIZE);
  return requested === undefined || requested === 0 ? DEFAULT_PAGE_SIZE : requested;
}

function invalidToken(): AwsError {
  return new AwsError('InvalidToken', 'Invalid Token', 400);
}

function readLogging(value: unknown): LoggingConfiguration {
  if (value === undefined || value === null) return { level: 'OFF', includeExecutionData: false };
  if (typeof value !== 'object')
    throw new AwsError('InvalidLoggingConfiguration', 'Invalid Logging Configuration', 400);
  const logging = value as { level?: unknown; includeExecutionData?: unknown; destinations?: unknown };
  const level = logging.level ?? 'OFF';
  if (typeof level !== 'string' || !['ALL', 'ERROR', 'FATAL', 'OFF'].includes(level)) {
    throw new AwsError(
      'InvalidLoggingConfiguration',
      `Invalid Logging Configuration: level ${String(level)}`,
      400,
    );
  }
  return {
    level,
    includeExecutionData: logging.includeExecutionData === true,
    ...(logging.destinations === undefined ? {} : { destinations: logging.destinations }),
  };
}

function readTracing(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { enabled?: unknown }).enabled === true;
}

function readSnapshot(state: unknown): StepFunctionsSnapshot {
  const stateMachines =
    typeof state === 'object' && state !== null ? (state as { stateMachines?: unknown }).stateMachines : [];
  if (!Array.isArray(stateMachines)) throw new Error('states snapshot: stateMachines must be an array');
  return {
    stateMachines: stateMachines.filter(
      (machine): machine is StateMachineRecord =>
        typeof machine === 'object' &&
        machine !== null &&
        typeof (machine as { stateMachineArn?: unknown }).stateMachineArn === 'string' &&
        typeof (machine as { definition?: unknown }).definition === 'string' &&
        regionOfArn((machine as { stateMachineArn: string }).stateMachineArn) !== undefined,
    ),
  };
}
