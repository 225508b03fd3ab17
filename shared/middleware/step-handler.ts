import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { classifyAwsError } from '../errors';
import { logger } from '../observability/logger';
import type { StepEntry } from '../status/records';
import type { StatusStore } from '../status/status-store';

/** The event a step Lambda got did not have the shape the state machine promises: a bug, never retried. */
export class StepInputError extends Error {
  constructor(step: string, problems: string) {
    super(`${step}: unexpected input: ${problems}`);
    this.name = 'StepInputError';
  }
}

/** What every step's input carries, from the execution input. */
export interface StepContext {
  readonly requestId: string;
  readonly apiKey: string;
  readonly action: string;
}

export interface StepHandlerOptions<S extends z.ZodType<StepContext>, R> {
  readonly step: string;
  readonly input: S;
  readonly store: StatusStore;
  readonly run: (input: z.output<S>, context: Context) => Promise<R>;
  /** Whether a result means the step is done or is a poll that will run again. */
  readonly outcome?: (result: R) => StepEntry['outcome'];
  readonly now?: () => Date;
}

const errorSummary = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

/**
 * Wraps a step's core in the doorway every step Lambda shares: parse the input (StepInputError),
 * log with requestId/apiKey/step keys, record the step on the status record as it starts and
 * ends (no-ops once the request is final), and turn foreign AWS errors into the named errors the
 * state machine retries on (AwsThrottlingError, AwsConflictError, AwsTransientError).
 */
export function createStepHandler<S extends z.ZodType<StepContext>, R>(options: StepHandlerOptions<S, R>) {
  const now = options.now ?? (() => new Date());
  const core = async (event: unknown, context: Context): Promise<R> => {
    const parsed = options.input.safeParse(event);
    if (!parsed.success) {
      throw new StepInputError(
        options.step,
        parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    }
    const input = parsed.data;
    logger.appendKeys({ requestId: input.requestId, apiKey: input.apiKey, step: options.step });
    const startedAt = now().toISOString();
    try {
      await options.store.startStep(input.requestId, options.step, startedAt);
      const result = await options.run(input, context);
      const outcome = options.outcome?.(result) ?? 'done';
      await options.store.finishStep(input.requestId, {
        step: options.step,
        startedAt,
        finishedAt: now().toISOString(),
        outcome,
      });
      logger.info('step finished', { outcome });
      return result;
    } catch (error: unknown) {
      const classified = classifyAwsError(error);
      logger.error('step failed', { error: errorSummary(classified) });
      await options.store
        .finishStep(input.requestId, {
          step: options.step,
          startedAt,
          finishedAt: now().toISOString(),
          outcome: 'failed',
          error: errorSummary(classified),
        })
        .catch((recordError: unknown) => logger.warn('could not record the failed step', { recordError }));
      throw classified;
    }
  };
  return middy(core).use(injectLambdaContext(logger, { resetKeys: true }));
}
