import { AwsError } from '../../core/aws-error';
import { Clock } from '../../core/clock';
import { ClockTimers } from '../../core/clock-timers';
import type { LocalService, ServiceContext } from '../../core/types';
import { type FunctionConfig, FunctionRegistry, type LambdaFunctionDefinition } from './function-registry';
import { handleLambdaRequest, lambdaErrorResponse, lambdaOperationOf } from './http-api';
import { type InvocationRecord, type InvokeOptions, type LambdaInvokeResult, LambdaInvoker } from './invoker';
import { claimInvokeStore } from './runtime-invoke-store';

export { functionArn, parseFunctionReference } from './function-arn';
export type { FunctionErrorPayload } from './function-error';
export type { FunctionConfig, LambdaFunctionDefinition, LambdaHandler } from './function-registry';
export type { InvocationRecord, InvocationType, InvokeOptions, LambdaInvokeResult } from './invoker';
export type { LambdaContext } from './lambda-context';

/** The local Lambda: handlers registered in this process behind Lambda's Invoke and read APIs. */
export interface LambdaService extends LocalService {
  readonly signingName: 'lambda';
  /** Deploys a function: its code is the handler, its settings are what GetFunctionConfiguration reports. */
  register<TEvent, TResult>(definition: LambdaFunctionDefinition<TEvent, TResult>): FunctionConfig;
  unregister(functionName: string, region?: string): boolean;
  /**
   * Invokes a function in process, as the Invoke API does (Step Functions and EventBridge use it):
   * RequestResponse waits and returns the payload (function errors are results with
   * `functionError: 'Unhandled'`); Event returns 202 at once and runs later, retried twice on error.
   */
  invoke(functionNameOrArn: string, payload: unknown, options?: InvokeOptions): Promise<LambdaInvokeResult>;
  /** Invocation attempts so far, oldest first (for tests and progress displays). */
  invocations(functionName?: string): readonly InvocationRecord[];
  snapshot(): LambdaSnapshot;
  restore(state: unknown): void;
  /** Stops every timer (timeouts, queued async events and their retries). */
  close(): Promise<void>;
}

export interface LambdaSnapshot {
  readonly functions: readonly FunctionConfig[];
}

/** Creates the local Lambda service (signing name `lambda`). */
export function createLambdaService(ctx: ServiceContext): LambdaService {
  const timers = new ClockTimers(ctx.clock);
  // Compute limits run in real time: a handler takes real milliseconds whatever the time scale.
  const computeClock = new Clock(1);
  const computeTimers = new ClockTimers(computeClock);
  const registry = new FunctionRegistry(ctx.clock, ctx.accountId, ctx.defaultRegion);
  // Claimed now, as the runtime sets the store up before it loads any code (docs/aws-facts.md, Lambda).
  const invokeStore = claimInvokeStore();
  const invoker = new LambdaInvoker(
    registry,
    ctx.clock,
    timers,
    ctx.defaultRegion,
    computeClock,
    computeTimers,
    invokeStore,
  );
  const httpDeps = { registry, invoker, accountId: ctx.accountId };

  return {
    signingName: 'lambda',
    operationOf: lambdaOperationOf,
    handle: (req, operation) => handleLambdaRequest(httpDeps, req, operation),
    errorResponse: lambdaErrorResponse,
    register: (definition) => registry.register(definition),
    unregister: (functionName, region) => registry.unregister(functionName, region),
    invoke: (functionNameOrArn, payload, options) => invoker.invoke(functionNameOrArn, payload, options),
    invocations: (functionName) => invoker.invocations(functionName),
    control(action, input) {
      switch (action) {
        case 'list-invocations': {
          const functionName = input.functionName;
          if (functionName !== undefined && typeof functionName !== 'string') {
            throw new AwsError('InvalidParameter', 'functionName: expected a string', 400);
          }
          return { invocations: invoker.invocations(functionName) };
        }
        case 'crash-after-handler': {
          const { functionName, count = 1 } = input;
          if (
            typeof functionName !== 'string' ||
            !registry.all().some((f) => f.config.functionName === functionName)
          ) {
            throw new AwsError(
              'InvalidParameter',
              'functionName: expected the name of a registered function',
              400,
            );
          }
          if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
            throw new AwsError('InvalidParameter', 'count: expected a positive integer', 400);
          }
          invoker.crashAfterHandler(functionName, count);
          return { functionName, count };
        }
        default:
          throw new AwsError(
            'InvalidParameter',
            `no lambda control action '${action}' (list-invocations, crash-after-handler)`,
            400,
          );
      }
    },
    snapshot: () => ({ functions: registry.all().map((record) => record.config) }),
    restore(state) {
      registry.restore(readSnapshot(state).functions);
    },
    async close() {
      timers.clearAll();
      computeTimers.clearAll();
    },
  };
}

function readSnapshot(state: unknown): LambdaSnapshot {
  const functions =
    typeof state === 'object' && state !== null ? (state as { functions?: unknown }).functions : [];
  if (!Array.isArray(functions)) throw new Error('lambda snapshot: functions must be an array');
  return { functions: functions.filter(isFunctionConfig) };
}

function isFunctionConfig(value: unknown): value is FunctionConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Partial<Record<keyof FunctionConfig, unknown>>;
  return (
    typeof config.functionName === 'string' &&
    typeof config.region === 'string' &&
    typeof config.timeoutSeconds === 'number' &&
    typeof config.memorySizeMb === 'number'
  );
}
