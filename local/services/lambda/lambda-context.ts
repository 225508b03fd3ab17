import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Clock } from '../../core/clock';

/** The context object a handler receives: the same shape as the Node.js runtime's (`aws-lambda`'s `Context`). */
export type LambdaContext = Context;

export interface LambdaContextInput {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
  readonly memorySizeMb: number;
  readonly awsRequestId: string;
  /** Simulated epoch ms at which Lambda ends the invocation (start + function timeout). */
  readonly deadlineMs: number;
}

/** Random hex of a log stream id (Lambda uses 32 hex characters). */
const LOG_STREAM_ID_BYTES = 16;

function callbackStyleUnsupported(method: string): never {
  throw new Error(
    `context.${method}() is not supported by the local cloud: return a value or throw from an async handler`,
  );
}

/**
 * Builds the context of one invocation as the Node.js runtime does: `$LATEST`, the log group
 * `/aws/lambda/{name}`, a log stream `YYYY/MM/DD/[$LATEST]{hex}`, the memory size as a string,
 * and `getRemainingTimeInMillis()` counted down on the cloud's clock.
 */
export function createLambdaContext(input: LambdaContextInput, clock: Clock): LambdaContext {
  const day = clock.date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: input.invokedFunctionArn,
    memoryLimitInMB: String(input.memorySizeMb),
    awsRequestId: input.awsRequestId,
    logGroupName: `/aws/lambda/${input.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(LOG_STREAM_ID_BYTES).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(input.deadlineMs - clock.now())),
    done: () => callbackStyleUnsupported('done'),
    fail: () => callbackStyleUnsupported('fail'),
    succeed: () => callbackStyleUnsupported('succeed'),
  };
}
