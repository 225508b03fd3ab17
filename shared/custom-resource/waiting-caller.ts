import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { logger } from '../observability/logger';
import { createCallbackStore } from '../status/callback-store';
import type { StatusStore } from '../status/status-store';
import { type AnswerWaitingCaller, answerWaitingCaller, bestEffort } from './answer-callback';
import { type PutResponseOptions, putResponse } from './custom-resource-response';

/** How hard the PUT to ResponseURL is tried: a few attempts within a Lambda's few seconds. */
export const RESPONSE_PUT_OPTIONS: PutResponseOptions = {
  attempts: 4,
  baseDelayMs: 250,
  timeoutMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  fetch: (...args) => fetch(...args),
};

/** The real answerer of a function that ends requests: the callback store, the PUT, best effort. */
export function waitingCallerAnswerer(
  table: DynamoDBDocumentClient,
  tableName: string,
  store: Pick<StatusStore, 'getRequest'>,
): AnswerWaitingCaller {
  return bestEffort(
    answerWaitingCaller({
      callbacks: createCallbackStore(table, tableName),
      store,
      put: (identity, answer) => putResponse(identity, answer, RESPONSE_PUT_OPTIONS),
      now: () => new Date(),
    }),
    (requestId, error) => logger.warn('the waiting stack could not be answered', { requestId, error }),
  );
}
