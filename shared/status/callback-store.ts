import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemsChangedBefore } from './changed-before';
import { callbackKey } from './table';

/**
 * Who waits for a request's outcome besides the status record: a CloudFormation stack whose
 * custom resource started it (the Service Catalog product). Key `CALLBACK#{requestId}`, written
 * by the provider before it sends the request, read by whatever ends the request (intake's
 * rejection, the workflow's record-result, close-stalled-requests), answered once.
 */
export interface RequestCallback {
  readonly requestId: string;
  /** The pre-signed URL the answer is PUT to. */
  readonly responseUrl: string;
  readonly stackId: string;
  /** CloudFormation's RequestId (echoed in the answer). */
  readonly cloudFormationRequestId: string;
  readonly logicalResourceId: string;
  /** The PhysicalResourceId to answer with when the request fails (a success answers with the apiKey). */
  readonly physicalResourceIdOnFailure: string;
  readonly answeredAt?: string;
  readonly createdAt: string;
}

/** The byStatus index partition of the callbacks not answered yet. */
const CALLBACK_PENDING = 'CALLBACK#PENDING';

export interface CallbackStore {
  /** The requestIds of callbacks not answered yet, recorded before `before` (ISO time), every page. */
  pendingBefore(before: string): Promise<string[]>;
  /** Records the callback (a no-op when a redelivered request recorded it already). */
  put(callback: Omit<RequestCallback, 'answeredAt'>): Promise<void>;
  get(requestId: string): Promise<RequestCallback | undefined>;
  /** Marks it answered; false when it was already (another ending of the request answered first). */
  markAnswered(requestId: string, now: string): Promise<boolean>;
}

export function createCallbackStore(client: DynamoDBDocumentClient, tableName: string): CallbackStore {
  return {
    async pendingBefore(before) {
      const items = await itemsChangedBefore(client, tableName, CALLBACK_PENDING, before);
      return items.flatMap((item) => (typeof item.requestId === 'string' ? [item.requestId] : []));
    },

    async put(callback) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            // Pending callbacks are found by the sweep through the byStatus index.
            Item: {
              ...callbackKey(callback.requestId),
              ...callback,
              statusKey: CALLBACK_PENDING,
              updatedAt: callback.createdAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error: unknown) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async get(requestId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: callbackKey(requestId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, statusKey: _statusKey, updatedAt: _updatedAt, ...callback } = Item;
      return callback as RequestCallback;
    },

    async markAnswered(requestId, now) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: callbackKey(requestId),
            UpdateExpression: 'SET answeredAt = :now, statusKey = :answered, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt)',
            ExpressionAttributeValues: { ':now': now, ':answered': 'CALLBACK#ANSWERED' },
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
