import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { documentClient, eventBridgeClient, sfnClient } from '../../shared/aws/clients';
import { eventPublisher } from '../../shared/aws/events';
import { stepFunctionsOperations } from '../../shared/aws/step-functions';
import { readConfig } from '../../shared/config/config';
import { waitingCallerAnswerer } from '../../shared/custom-resource/waiting-caller';
import { classifyAwsError } from '../../shared/errors';
import { STATUS_SOURCE } from '../../shared/events';
import { takeRequest } from '../../shared/intake/intake';
import { executionName } from '../../shared/naming';
import { logger } from '../../shared/observability/logger';
import { createCallbackStore } from '../../shared/status/callback-store';
import { createDefinitionStore } from '../../shared/status/definition-store';
import { createStatusStore } from '../../shared/status/status-store';

const config = readConfig([
  'TABLE_NAME',
  'EVENT_BUS_NAME',
  'STATE_MACHINE_ARN',
  'ALLOWED_VPC_IDS',
  'ALLOWED_ACCOUNT_IDS',
]);
const table = documentClient();
const stepFunctions = stepFunctionsOperations(sfnClient(), config.STATE_MACHINE_ARN);

const store = createStatusStore(table, config.TABLE_NAME);
const deps = {
  store,
  answerWaitingCaller: waitingCallerAnswerer(table, config.TABLE_NAME, store),
  callbacks: createCallbackStore(table, config.TABLE_NAME),
  definitions: createDefinitionStore(table, config.TABLE_NAME),
  publish: eventPublisher(eventBridgeClient(), config.EVENT_BUS_NAME, STATUS_SOURCE),
  startExecution: stepFunctions.startExecution,
  executionName,
  allowedVpcIds: config.ALLOWED_VPC_IDS,
  allowedAccountIds: config.ALLOWED_ACCOUNT_IDS,
  now: () => new Date(),
};

/** EventBridge rule target for `PrivateApiRequest` events. Never throws for bad input: it files a rejection. */
export const handler = middy(async (event: EventBridgeEvent<string, unknown>) => {
  logger.appendKeys({ eventId: event.id });
  try {
    const result = await takeRequest(event, deps);
    logger.info('request taken', { ...result });
    return result;
  } catch (error: unknown) {
    // Infrastructure errors only: EventBridge's async invoke retries them.
    throw classifyAwsError(error);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
