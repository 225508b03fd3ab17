import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { STATUS_TABLE } from './table';

/**
 * The items of one byStatus partition (`REQUEST#ACCEPTED`, `CALLBACK#PENDING`, …) last changed
 * before `before` (ISO time), oldest first, following LastEvaluatedKey to the last page.
 */
export async function itemsChangedBefore(
  client: DynamoDBDocumentClient,
  tableName: string,
  statusKey: string,
  before: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: STATUS_TABLE.byStatusIndex,
        KeyConditionExpression: 'statusKey = :statusKey AND updatedAt < :before',
        ExpressionAttributeValues: { ':statusKey': statusKey, ':before': before },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
