/**
 * An error a Task state reports to Retry and Catch. The library matches `ErrorEquals` against an
 * error's `name` and gives Catch `{Error: name, Cause: message}`, so the name is the ASL error
 * name (a Lambda's `errorType`, `Lambda.ResourceNotFoundException`, ...) and the message is the
 * Cause exactly as AWS writes it (for a function error, the Lambda error payload as JSON text).
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    // The ASL error name varies by failure: it is the point of this class.
    this.name = error;
  }
}

/**
 * A failure no Retry or Catch may handle, as on AWS: `States.Runtime` and
 * `States.DataLimitExceeded` fail the execution. The library reads these two flags.
 */
export class TerminalTaskFailure extends TaskFailure {
  readonly isRetryable = false;
  readonly isCatchable = false;
}
