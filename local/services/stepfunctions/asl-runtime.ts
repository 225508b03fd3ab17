import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as AslLibrary from 'aws-local-stepfunctions';
import type { Clock } from '../../core/clock';
import type { ClockTimers } from '../../core/clock-timers';

/** What `aws-local-stepfunctions` exports: StateMachine and its execution errors. */
export type AslRuntime = typeof AslLibrary;

/**
 * ASL's default when a Task has no TimeoutSeconds: 99,999,999 s, i.e. no timeout in practice.
 * The library uses 60 s, which would fail slow Lambda tasks that AWS lets run.
 */
const ASL_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

interface SourcePatch {
  readonly why: string;
  readonly find: string;
  readonly replace: string;
}

/**
 * Edits to the library's CommonJS build (version 3.0.0, pinned in package.json) where it departs
 * from Step Functions. Each must match exactly once, so an upgrade that moves the code fails loudly.
 */
const PATCHES: readonly SourcePatch[] = [
  {
    why: 'a Task without TimeoutSeconds has no practical timeout on AWS',
    find: 'var DEFAULT_TIMEOUT_SECONDS = 60;',
    replace: `var DEFAULT_TIMEOUT_SECONDS = ${ASL_DEFAULT_TASK_TIMEOUT_SECONDS};`,
  },
  {
    why: '$$.Execution.StartTime and $$.Execution.Input are the execution’s, also inside Parallel branches',
    find: 'StartTime: (/* @__PURE__ */ new Date()).toISOString()\n',
    replace:
      'StartTime: (/* @__PURE__ */ new Date()).toISOString(),\n        ...options.runOptions?.context?.Execution\n',
  },
  {
    why: '$$.State.Name, $$.State.EnteredTime and $$.State.RetryCount exist on AWS',
    find: 'const stateExecutor = new StateExecutor(currStateName, currState);',
    replace:
      'context.State = { EnteredTime: (new Date()).toISOString(), Name: currStateName, RetryCount: 0 };\n        const stateExecutor = new StateExecutor(currStateName, currState);',
  },
  {
    why: "a Task's TimeoutSeconds limits compute, which runs at real speed: it is measured in real time",
    find: 'const timeoutId = setTimeout(() => rejectTimeout(new StatesTimeoutError()), timeoutMs);\n    try {\n      const result = await Promise.race([taskPromise, timeoutPromise]);\n      return this.buildExecutionResult(result);\n    } finally {\n      clearTimeout(timeoutId);',
    replace:
      'const timeoutId = computeSetTimeout(() => rejectTimeout(new StatesTimeoutError()), timeoutMs);\n    try {\n      const result = await Promise.race([taskPromise, timeoutPromise]);\n      return this.buildExecutionResult(result);\n    } finally {\n      computeClearTimeout(timeoutId);',
  },
  {
    why: '$$.State.RetryCount counts the retries of the state',
    find: 'await sleep(waitTimeBeforeRetry, options.abortSignal);',
    replace:
      'await sleep(waitTimeBeforeRetry, options.abortSignal);\n        if (context.State) context.State.RetryCount += 1;',
  },
];

/** The library's own Lambda client must never run: every Task gets a local handler, and no call may reach AWS. */
const OFFLINE_MODULES: Readonly<Record<string, unknown>> = {
  '@aws-sdk/client-lambda': {
    LambdaClient: class {
      send(): never {
        throw new Error('the local cloud does not call AWS Lambda: this Task has no local handler');
      }
    },
    InvokeCommand: class {},
  },
  '@aws-sdk/credential-providers': {},
};

let patchedSource: { readonly path: string; readonly text: string } | undefined;

function librarySource(): { readonly path: string; readonly text: string } {
  if (patchedSource) return patchedSource;
  const path = require.resolve('aws-local-stepfunctions');
  let text = readFileSync(path, 'utf8');
  for (const patch of PATCHES) {
    const count = text.split(patch.find).length - 1;
    if (count !== 1) {
      throw new Error(`aws-local-stepfunctions changed: patch "${patch.why}" matched ${count} times`);
    }
    text = text.replace(patch.find, patch.replace);
  }
  patchedSource = { path, text };
  return patchedSource;
}

/**
 * A `Date` whose clock is the cloud's: `new Date()` and `Date.now()` read simulated time, so the
 * library's Timestamp/TimestampPath waits, `$$.Execution.StartTime` and event timestamps agree
 * with the cloud. Dates built from a value are ordinary dates.
 */
function clockDate(clock: Clock): DateConstructor {
  class ClockDate extends Date {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return clock.now();
    }
  }
  return ClockDate as DateConstructor;
}

/**
 * Loads `aws-local-stepfunctions` bound to the cloud's clock, once per cloud.
 *
 * The library calls the global `setTimeout`/`clearTimeout` for Wait states, Retry intervals
 * (backoff, MaxDelaySeconds, full jitter) and the execution's TimeoutSeconds, and the global `Date` for
 * timestamps. Importing it normally would run all of these in real time; instead its CommonJS build
 * is evaluated with those globals replaced by the cloud's timers and a clock-reading Date, so a
 * simulated minute of retry backoff takes a fraction of a second at a high time scale. Its own
 * dependencies are required from its install location; its AWS SDK imports are replaced by stubs.
 * A Task's own TimeoutSeconds limits compute, which runs at real speed, so it uses `computeTimers`.
 */
export function loadAslRuntime(clock: Clock, timers: ClockTimers, computeTimers: ClockTimers): AslRuntime {
  const { path, text } = librarySource();
  const libraryRequire = createRequire(path);
  const requireForLibrary = (id: string): unknown => OFFLINE_MODULES[id] ?? libraryRequire(id);
  const module = { exports: {} as Record<string, unknown> };
  const evaluate = new Function(
    'exports',
    'require',
    'module',
    '__filename',
    '__dirname',
    'setTimeout',
    'clearTimeout',
    'Date',
    'computeSetTimeout',
    'computeClearTimeout',
    text,
  );
  evaluate(
    module.exports,
    requireForLibrary,
    module,
    path,
    dirname(path),
    timers.setTimeout,
    timers.clearTimeout,
    clockDate(clock),
    computeTimers.setTimeout,
    computeTimers.clearTimeout,
  );
  return module.exports as unknown as AslRuntime;
}
