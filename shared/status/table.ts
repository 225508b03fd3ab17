/**
 * The one status table: request records, managed-API records, and (with the lifecycle) endpoint
 * registry and lease records, and the OpenAPI definitions requests carried, told apart by their
 * key prefix. The same definition is created on
 * the local cloud and declared in infra/status-table.yml.
 */
export const STATUS_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  byStatusIndex: 'byStatus',
  /** GSI partition key: `REQUEST#{status}` or `API#{state}`. */
  statusKey: 'statusKey',
  /** GSI sort key: ISO time of the last change. */
  updatedAt: 'updatedAt',
} as const;

export const requestKey = (requestId: string) => ({ pk: `REQUEST#${requestId}`, sk: 'REQUEST' });
export const managedApiKey = (apiKey: string) => ({ pk: `API#${apiKey}`, sk: 'API' });
export const endpointKey = (vpcEndpointId: string) => ({ pk: `ENDPOINT#${vpcEndpointId}`, sk: 'ENDPOINT' });
export const leaseKey = (apiKey: string) => ({ pk: `LEASE#${apiKey}`, sk: 'LEASE' });
export const endpointSlotKey = (vpcId: string, kind: 'PRIVATE_DNS' | 'NO_PRIVATE_DNS') => ({
  pk: `VPC#${vpcId}`,
  sk: `MANAGED_ENDPOINT#${kind}`,
});
export const callbackKey = (requestId: string) => ({ pk: `CALLBACK#${requestId}`, sk: 'CALLBACK' });
export const definitionKey = (sha256: string) => ({ pk: `DEFINITION#${sha256}`, sk: 'DEFINITION' });

/** CreateTable input for the status table (on-demand; the CloudFormation twin adds PITR and SSE). */
export function statusTableDefinition(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: STATUS_TABLE.partitionKey, AttributeType: 'S' as const },
      { AttributeName: STATUS_TABLE.sortKey, AttributeType: 'S' as const },
      { AttributeName: STATUS_TABLE.statusKey, AttributeType: 'S' as const },
      { AttributeName: STATUS_TABLE.updatedAt, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: STATUS_TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: STATUS_TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: STATUS_TABLE.byStatusIndex,
        KeySchema: [
          { AttributeName: STATUS_TABLE.statusKey, KeyType: 'HASH' as const },
          { AttributeName: STATUS_TABLE.updatedAt, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'ALL' as const },
      },
    ],
  };
}
