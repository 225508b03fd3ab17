import { randomUUID } from 'node:crypto';
import { isAwsError } from '../../core/aws-error';
import type { LambdaService } from '../lambda';
import { type ExecutionHistory, NOT_TRUNCATED, type PendingEvent, toJson } from './execution-history';
import { TaskFailure, TerminalTaskFailure } from './task-errors';

/** A state of an ASL definition, as far as finding Task states needs. */
interface AslState {
  readonly Type?: unknown;
  readonly Resource?: unknown;
  readonly TimeoutSeconds?: unknown;
  readonly Branches?: unknown;
  readonly Iterator?: unknown;
  readonly ItemProcessor?: unknown;
}

/** The handler the library calls instead of a Task's Resource (keyed by state name). */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface TaskHandlerDeps {
  readonly lambda: Pick<LambdaService, 'invoke'>;
  readonly history: ExecutionHistory;
  /** The execution's region: the Lambda optimised integration reports it. */
  readonly region: string;
  /** False once the execution was stopped: no new Lambda call may start. */
  readonly isRunning: () => boolean;
}

/** Step Functions' payload quota: state input and output up to 256 KiB (AWS-FACTS). */
export const MAX_PAYLOAD_BYTES = 262_144;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9_$-]+)?$/;
/** The optimised integration; `.waitForTaskToken` and `.sync` variants are not emulated. */
const LAMBDA_INVOKE_INTEGRATION = 'arn:aws:states:::lambda:invoke';

/**
 * Builds `overrides.taskResourceLocalHandlers` for a definition: one handler per Task state name,
 * including states nested in Parallel branches and Map iterators, that calls the local Lambda.
 *
 * - `Resource: arn:aws:lambda:...:function:NAME` invokes the function with the state's input and
 *   returns its payload; history events `LambdaFunctionScheduled/Started/Succeeded/Failed`.
 * - `Resource: arn:aws:states:::lambda:invoke` takes `{FunctionName, Payload}` and returns
 *   `{ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata, StatusCode}`; history events
 *   `TaskScheduled/Started/Succeeded/Failed`.
 *
 * A function error fails the Task with the function's `errorType` as the error name and the
 * error payload (JSON text) as the cause, exactly what Retry/Catch see on AWS. Any other Resource
 * fails with States.Runtime: the local cloud never calls AWS.
 */
export function buildTaskHandlers(definition: unknown, deps: TaskHandlerDeps): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [stateName, state] of taskStates(definition)) {
    const resource = typeof state.Resource === 'string' ? state.Resource : '';
    const timeoutInSeconds = typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
    handlers[stateName] = LAMBDA_ARN.test(resource)
      ? directLambdaHandler(stateName, resource, timeoutInSeconds, deps)
      : resource === LAMBDA_INVOKE_INTEGRATION
        ? lambdaInvokeHandler(stateName, timeoutInSeconds, deps)
        : unsupportedResourceHandler(resource);
  }
  return handlers;
}

/** Every Task state of a definition with its name, nested ones included. */
export function taskStates(definition: unknown): Array<[string, AslState]> {
  const found: Array<[string, AslState]> = [];
  const visit = (machine: unknown): void => {
    const states = isObject(machine) ? machine.States : undefined;
    if (!isObject(states)) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isObject(state)) continue;
      const asl = state as AslState;
      if (asl.Type === 'Task') found.push([name, asl]);
      if (asl.Type === 'Parallel' && Array.isArray(asl.Branches)) asl.Branches.forEach(visit);
      if (asl.Type === 'Map') visit(asl.ItemProcessor ?? asl.Iterator);
    }
  };
  visit(definition);
  return found;
}

/** The history events of one kind of Task, as AWS names them. */
interface TaskEvents {
  scheduled(input: unknown): PendingEvent;
  readonly started: PendingEvent;
  succeeded(output: unknown): PendingEvent;
  failed(error: TaskFailure): PendingEvent;
  timedOut(cause: string): PendingEvent;
}

/** A Lambda ARN as Resource: `LambdaFunction*` events. */
function lambdaFunctionEvents(resource: string, timeoutInSeconds: number | undefined): TaskEvents {
  return {
    scheduled: (input) => ({
      type: 'LambdaFunctionScheduled',
      detailsKey: 'lambdaFunctionScheduledEventDetails',
      details: {
        resource,
        input: toJson(input),
        inputDetails: NOT_TRUNCATED,
        ...(timeoutInSeconds === undefined ? {} : { timeoutInSeconds }),
      },
    }),
    started: { type: 'LambdaFunctionStarted' },
    succeeded: (output) => ({
      type: 'LambdaFunctionSucceeded',
      detailsKey: 'lambdaFunctionSucceededEventDetails',
      details: { output: toJson(output), outputDetails: NOT_TRUNCATED },
    }),
    failed: (error) => ({
      type: 'LambdaFunctionFailed',
      detailsKey: 'lambdaFunctionFailedEventDetails',
      details: { error: error.name, cause: error.message },
    }),
    timedOut: (cause) => ({
      type: 'LambdaFunctionTimedOut',
      detailsKey: 'lambdaFunctionTimedOutEventDetails',
      details: { error: 'States.Timeout', cause },
    }),
  };
}

/** The optimised `lambda:invoke` integration: `Task*` events with resource type and name. */
function lambdaInvokeEvents(region: string, timeoutInSeconds: number | undefined): TaskEvents {
  const resource = { resourceType: 'lambda', resource: 'invoke' } as const;
  return {
    scheduled: (input) => ({
      type: 'TaskScheduled',
      detailsKey: 'taskScheduledEventDetails',
      details: {
        ...resource,
        region,
        parameters: toJson(input),
        ...(timeoutInSeconds === undefined ? {} : { timeoutInSeconds }),
      },
    }),
    started: { type: 'TaskStarted', detailsKey: 'taskStartedEventDetails', details: resource },
    succeeded: (output) => ({
      type: 'TaskSucceeded',
      detailsKey: 'taskSucceededEventDetails',
      details: { ...resource, output: toJson(output), outputDetails: NOT_TRUNCATED },
    }),
    failed: (error) => ({
      type: 'TaskFailed',
      detailsKey: 'taskFailedEventDetails',
      details: { ...resource, error: error.name, cause: error.message },
    }),
    timedOut: (cause) => ({
      type: 'TaskTimedOut',
      detailsKey: 'taskTimedOutEventDetails',
      details: { ...resource, error: 'States.Timeout', cause },
    }),
  };
}

/** Runs a Task's work between its scheduled/started events and its outcome event. */
function recordedTask(
  stateName: string,
  events: TaskEvents,
  deps: TaskHandlerDeps,
  work: (input: unknown, fail: (error: TaskFailure) => never) => Promise<unknown>,
): TaskHandler {
  return async (input) => {
    if (!deps.isRunning()) {
      throw new TerminalTaskFailure('States.Runtime', 'The execution is no longer running');
    }
    const attempt = deps.history.beginTask(
      stateName,
      events.scheduled(input),
      events.started,
      events.timedOut,
    );
    const fail = (error: TaskFailure): never => {
      attempt.failed(events.failed(error));
      throw error;
    };
    const output = await work(input, fail);
    attempt.succeeded(events.succeeded(output));
    return output;
  };
}

/** `Resource: arn:aws:lambda:...`: the state's input in, the function's payload out. */
function directLambdaHandler(
  stateName: string,
  resource: string,
  timeoutInSeconds: number | undefined,
  deps: TaskHandlerDeps,
): TaskHandler {
  return recordedTask(
    stateName,
    lambdaFunctionEvents(resource, timeoutInSeconds),
    deps,
    async (input, fail) => {
      const { payload } = await invokeFunction(deps, resource, input, 'RequestResponse', undefined, fail);
      return checkedOutput(payload, fail);
    },
  );
}

/** `Resource: arn:aws:states:::lambda:invoke`: `{FunctionName, Payload}` in, the Invoke response out. */
function lambdaInvokeHandler(
  stateName: string,
  timeoutInSeconds: number | undefined,
  deps: TaskHandlerDeps,
): TaskHandler {
  const events = lambdaInvokeEvents(deps.region, timeoutInSeconds);
  return recordedTask(stateName, events, deps, async (input, fail) => {
    const parameters = isObject(input) ? input : {};
    const functionName = parameters.FunctionName;
    if (typeof functionName !== 'string') {
      return fail(
        new TaskFailure(
          'States.Runtime',
          'The field "FunctionName" is required by the lambda:invoke integration and must be a string',
        ),
      );
    }
    const invocationType = parameters.InvocationType === 'Event' ? 'Event' : 'RequestResponse';
    const qualifier = typeof parameters.Qualifier === 'string' ? parameters.Qualifier : undefined;
    const result = await invokeFunction(
      deps,
      functionName,
      parameters.Payload,
      invocationType,
      qualifier,
      fail,
    );
    const executedVersion = result.executedVersion ?? '$LATEST';
    return {
      ExecutedVersion: executedVersion,
      Payload: result.payload === undefined ? '' : checkedOutput(result.payload, fail),
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'Content-Type': ['application/json'],
          'X-Amz-Executed-Version': [executedVersion],
          'x-amzn-RequestId': [result.requestId],
        },
        HttpHeaders: {
          'Content-Type': 'application/json',
          'X-Amz-Executed-Version': executedVersion,
          'x-amzn-RequestId': result.requestId,
        },
        HttpStatusCode: result.statusCode,
      },
      SdkResponseMetadata: { RequestId: result.requestId },
      StatusCode: result.statusCode,
    };
  });
}

function unsupportedResourceHandler(resource: string): TaskHandler {
  return async () => {
    throw new TerminalTaskFailure(
      'States.Runtime',
      `The local cloud does not emulate the Task resource '${resource}': use a Lambda function ARN or arn:aws:states:::lambda:invoke`,
    );
  };
}

/**
 * Calls the local Lambda and turns what fails into the Task error AWS reports: Lambda service
 * errors as `Lambda.{Code}` with the SDK's cause text, function errors as their `errorType` with the
 * error payload as cause (`Lambda.Unknown` when the payload names no type).
 */
async function invokeFunction(
  deps: TaskHandlerDeps,
  functionName: string,
  payload: unknown,
  invocationType: 'RequestResponse' | 'Event',
  qualifier: string | undefined,
  fail: (error: TaskFailure) => never,
) {
  let result: Awaited<ReturnType<TaskHandlerDeps['lambda']['invoke']>>;
  try {
    result = await deps.lambda.invoke(functionName, payload ?? {}, {
      invocationType,
      region: deps.region,
      qualifier,
    });
  } catch (error: unknown) {
    if (!isAwsError(error)) throw error;
    return fail(
      new TaskFailure(
        `Lambda.${error.code}`,
        `${error.message} (Service: Lambda, Status Code: ${error.status}, Request ID: ${randomUUID()})`,
      ),
    );
  }
  if (result.functionError !== undefined) {
    const errorPayload = result.payload ?? '{}';
    return fail(new TaskFailure(errorTypeOf(errorPayload), errorPayload));
  }
  return result;
}

function errorTypeOf(errorPayload: string): string {
  try {
    const parsed: unknown = JSON.parse(errorPayload);
    if (isObject(parsed) && typeof parsed.errorType === 'string') return parsed.errorType;
  } catch {
    // falls through
  }
  return 'Lambda.Unknown';
}

/** Parses a function's result; over 256 KiB fails the execution with States.DataLimitExceeded, as on AWS. */
function checkedOutput(payload: string | undefined, fail: (error: TaskFailure) => never): unknown {
  const text = payload ?? 'null';
  if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
    return fail(
      new TerminalTaskFailure(
        'States.DataLimitExceeded',
        `The state/task returned a result with a size exceeding the maximum number of bytes service limit.`,
      ),
    );
  }
  return JSON.parse(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
