import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { documentClient, eventBridgeClient, sfnClient } from '../../shared/aws/clients';
import { eventPublisher } from '../../shared/aws/events';
import { stepFunctionsOperations } from '../../shared/aws/step-functions';
import { readConfig } from '../../shared/config/config';
import { waitingCallerAnswerer } from '../../shared/custom-resource/waiting-caller';
import { classifyAwsError } from '../../shared/errors';
import { STATUS_SOURCE } from '../../shared/events';
import { closeStalledRequests } from '../../shared/intake/close-stalled';
import { executionName } from '../../shared/naming';
import { logger } from '../../shared/observability/logger';
import { createCallbackStore } from '../../shared/status/callback-store';
import { createStatusStore } from '../../shared/status/status-store';

const config = readConfig([
  'TABLE_NAME',
  'EVENT_BUS_NAME',
  'STATE_MACHINE_ARN',
  'STALLED_REQUEST_AFTER_SECONDS',
  'ABANDONED_REQUEST_AFTER_SECONDS',
]);
const stepFunctions = stepFunctionsOperations(sfnClient(), config.STATE_MACHINE_ARN);

const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const callbacks = createCallbackStore(table, config.TABLE_NAME);
const deps = {
  store,
  answerWaitingCaller: waitingCallerAnswerer(table, config.TABLE_NAME, store),
  publish: eventPublisher(eventBridgeClient(), config.EVENT_BUS_NAME, STATUS_SOURCE),
  executionName,
  findExecution: stepFunctions.findExecution,
  executionStatus: stepFunctions.executionStatus,
  pendingCallbacks: callbacks.pendingBefore,
  stalledAfterSeconds: config.STALLED_REQUEST_AFTER_SECONDS,
  settleSeconds: config.ABANDONED_REQUEST_AFTER_SECONDS,
  now: () => new Date(),
};

/** Scheduled: closes the requests intake accepted but whose workflow never started. */
export const handler = middy(async () => {
  try {
    const result = await closeStalledRequests(deps);
    logger.info('stalled requests swept', { ...result });
    return result;
  } catch (error: unknown) {
    throw classifyAwsError(error);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
