import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { documentClient, eventBridgeClient } from '../../shared/aws/clients';
import { eventPublisher } from '../../shared/aws/events';
import { readConfig } from '../../shared/config/config';
import { waitingCallerAnswerer } from '../../shared/custom-resource/waiting-caller';
import { classifyAwsError } from '../../shared/errors';
import { STATUS_SOURCE } from '../../shared/events';
import { StepInputError } from '../../shared/middleware/step-handler';
import { logger } from '../../shared/observability/logger';
import { createStatusStore } from '../../shared/status/status-store';
import { recordDeleted, recordFailure, recordSuccess } from '../../shared/steps/record-result';
import { requestSchema, stepContextSchema } from '../../shared/steps/step-input';

const config = readConfig(['TABLE_NAME', 'EVENT_BUS_NAME', 'AWS_REGION']);
const table = documentClient();
const store = createStatusStore(table, config.TABLE_NAME);
const deps = {
  store,
  answerWaitingCaller: waitingCallerAnswerer(table, config.TABLE_NAME, store),
  publish: eventPublisher(eventBridgeClient(), config.EVENT_BUS_NAME, STATUS_SOURCE),
  region: config.AWS_REGION,
  now: () => new Date(),
};

const caughtSchema = z.object({ Error: z.string(), Cause: z.string().optional() });

const inputSchema = z.discriminatedUnion('outcome', [
  stepContextSchema.extend({
    outcome: z.literal('SUCCEEDED'),
    request: requestSchema,
    restApiId: z.string(),
    vpcEndpointId: z.string(),
    endpointCreated: z.boolean(),
    endpointDnsNames: z.array(z.string()),
    associatedEndpointIds: z.array(z.string()),
  }),
  stepContextSchema.extend({
    outcome: z.literal('FAILED'),
    failure: caughtSchema,
    // What UndoFailedRequest returned, or its own failure when it failed.
    undo: z.union([z.object({ undone: z.array(z.string()) }), caughtSchema]),
  }),
  stepContextSchema.extend({
    outcome: z.literal('DELETED'),
    removed: z.object({ restApiId: z.string().optional(), actions: z.array(z.string()) }),
    released: z.object({ released: z.array(z.string()), deleted: z.array(z.string()) }),
  }),
]);

/** Records how a request ended: the last step of every execution, success or failure. */
export const handler = middy(async (event: unknown) => {
  const parsed = inputSchema.safeParse(event);
  if (!parsed.success) throw new StepInputError('record-result', parsed.error.message);
  const input = parsed.data;
  logger.appendKeys({ requestId: input.requestId, apiKey: input.apiKey, step: 'record-result' });
  try {
    if (input.outcome === 'SUCCEEDED') {
      const outputs = await recordSuccess(input, deps);
      logger.info('request succeeded', { apiId: outputs.apiId, vpcEndpointId: outputs.vpcEndpointId });
      return outputs;
    }
    if (input.outcome === 'DELETED') {
      const outputs = await recordDeleted(input, deps);
      logger.info('API deleted', { apiId: outputs.apiId });
      return outputs;
    }
    const { undo, ...failed } = input;
    const error = await recordFailure(
      'Error' in undo ? { ...failed, undoFailure: undo } : { ...failed, undo },
      deps,
    );
    logger.info('request failed', { failedStep: error.step, errorName: error.name });
    return error;
  } catch (error: unknown) {
    throw classifyAwsError(error);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
