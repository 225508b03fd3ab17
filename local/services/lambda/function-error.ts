import { types } from 'node:util';

/** The payload Lambda returns (with `X-Amz-Function-Error: Unhandled`) when a function fails. */
export interface FunctionErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** Lambda's own error type for an invocation that ran past the function's timeout. */
export const SANDBOX_TIMEOUT_ERROR_TYPE = 'Sandbox.Timedout';

/**
 * What the Node.js runtime reports for an error thrown by a handler: the error's `name` as
 * `errorType` (so Step Functions' Retry/Catch match it), its message, and its stack split into lines.
 * A thrown non-Error reports its `typeof`, as the runtime does.
 */
export function functionErrorPayload(error: unknown): FunctionErrorPayload {
  if (types.isNativeError(error) || error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? `${error.name}: ${error.message}`).split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** The error a timed-out invocation reports (Lambda's `Sandbox.Timedout`, no trace). */
export function timeoutErrorPayload(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  return {
    errorType: SANDBOX_TIMEOUT_ERROR_TYPE,
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}
