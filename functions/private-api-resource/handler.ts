import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import { documentClient, eventBridgeClient, s3Client } from '../../shared/aws/clients';
import { readConfig } from '../../shared/config/config';
import { putResponse } from '../../shared/custom-resource/custom-resource-response';
import { handleCustomResource } from '../../shared/custom-resource/provider';
import { RESPONSE_PUT_OPTIONS } from '../../shared/custom-resource/waiting-caller';
import { CATALOG_REQUEST_SOURCE, REQUEST_DETAIL_TYPE } from '../../shared/events';
import { logger } from '../../shared/observability/logger';
import { createCallbackStore } from '../../shared/status/callback-store';
import { createStatusStore } from '../../shared/status/status-store';

const config = readConfig(['TABLE_NAME', 'EVENT_BUS_NAME']);
const table = documentClient();
const events = eventBridgeClient();
const s3 = s3Client();

const deps = {
  callbacks: createCallbackStore(table, config.TABLE_NAME),
  store: createStatusStore(table, config.TABLE_NAME),
  async submit(detail: Record<string, unknown>) {
    const { Entries = [] } = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: config.EVENT_BUS_NAME,
            Source: CATALOG_REQUEST_SOURCE,
            DetailType: REQUEST_DETAIL_TYPE,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    const entry = Entries[0];
    if (!entry?.EventId)
      throw new Error(`PutEvents refused the request: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
  },
  answer: (identity: Parameters<typeof putResponse>[0], answer: Parameters<typeof putResponse>[1]) =>
    putResponse(identity, answer, RESPONSE_PUT_OPTIONS),
  async readDocument(uri: string): Promise<unknown> {
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return JSON.parse((await object.Body?.transformToString('utf-8')) ?? '');
  },
  now: () => new Date(),
};

/**
 * The Service Catalog product's backend: the ServiceToken of every `Custom::PrivateApi`
 * resource. CloudFormation invokes it asynchronously; it answers at once or hands the request to
 * the workflow, which answers when it ends.
 */
export const handler = middy(async (event: unknown) => {
  const outcome = await handleCustomResource(event, deps);
  logger.info('custom resource request taken', { ...outcome });
  return outcome;
}).use(injectLambdaContext(logger, { resetKeys: true }));
