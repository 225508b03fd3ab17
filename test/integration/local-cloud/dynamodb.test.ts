import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { waitForTableActive } from '../../../local/control-plane/deploy';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

describe('local DynamoDB (dynalite) through the cloud', () => {
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    dynamodb = new DynamoDBClient({ ...cloud.clientConfig, maxAttempts: 1 });
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'items',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await waitForTableActive(dynamodb, 'items');
  });
  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
  });
  afterEach(() => cloud.faults.clear());

  it('writes the item but loses the answer with an error-after fault', async () => {
    // Prepare
    cloud.faults.add({
      service: 'dynamodb',
      operation: 'PutItem',
      kind: 'error-after',
      status: 500,
      count: 1,
    });

    // Act
    const put = dynamodb.send(new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'lost' } } }));

    // Assess: the caller saw a failure, yet the write happened
    await expect(put).rejects.toMatchObject({ name: 'InternalFailure' });
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'lost' } } }),
    );
    expect(Item).toEqual({ pk: { S: 'lost' } });
  });

  it('answers a throttle fault in the DynamoDB error shape, and writes nothing', async () => {
    // Prepare
    cloud.faults.add({
      service: 'dynamodb',
      operation: 'PutItem',
      kind: 'error',
      status: 400,
      errorCode: 'ProvisionedThroughputExceededException',
      count: 1,
    });

    // Act
    const put = dynamodb.send(new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'refused' } } }));

    // Assess
    await expect(put).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    const { Item } = await dynamodb.send(
      new GetItemCommand({ TableName: 'items', Key: { pk: { S: 'refused' } } }),
    );
    expect(Item).toBeUndefined();
  });
});
