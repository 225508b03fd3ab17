import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { waitForTableActive } from '../../../local/control-plane/deploy';
import { createStatusStore, type StatusStore } from '../../../shared/status/status-store';
import { statusTableDefinition } from '../../../shared/status/table';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/**
 * The status store's writes when DynamoDB does the write and the answer is lost (a 500 after the
 * fact): the SDK retries, the retry meets the first attempt's effect, and the record must still
 * tell the story once and right.
 */
describe('status store writes whose answers are lost', () => {
  const tableName = 'papi-lost-answers-status';
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;
  let store: StatusStore;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    // The SDK's default retries: the second attempt is what meets the first one's write.
    dynamodb = new DynamoDBClient({ ...cloud.clientConfig, retryStrategy: undefined });
    await dynamodb.send(new CreateTableCommand(statusTableDefinition(tableName)));
    await waitForTableActive(dynamodb, tableName);
    store = createStatusStore(DynamoDBDocumentClient.from(dynamodb), tableName);
  });
  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
  });
  afterEach(() => cloud.faults.clear());

  const loseNextAnswer = (operation: string) =>
    cloud.faults.add({ service: 'dynamodb', operation, kind: 'error-after', status: 500, count: 1 });

  it('files a rejection whose first put was written but not answered', async () => {
    // Prepare
    const reasons = [{ field: 'apiKey', message: 'expected 3 to 63 lowercase letters' }];
    loseNextAnswer('PutItem');

    // Act
    const filed = await store.rejectRequest({
      requestId: 'lost-reject-1',
      apiKey: 'Bad',
      action: 'create',
      reasons,
      now: '2026-01-01T00:00:00.000Z',
    });

    // Assess: the record is this rejection, so intake publishes it
    expect(filed).toBe(true);
    expect(await store.getRequest('lost-reject-1')).toMatchObject({ status: 'REJECTED', reasons });
  });

  it('appends a step once when the first append was written but not answered', async () => {
    // Prepare
    await store.acceptRequest({
      requestId: 'lost-step-1',
      apiKey: 'orders',
      action: 'create',
      requestHash: 'h',
      now: '2026-01-01T00:00:00.000Z',
    });
    loseNextAnswer('UpdateItem');

    // Act
    await store.finishStep('lost-step-1', {
      step: 'preflight',
      startedAt: '2026-01-01T00:00:01.000Z',
      finishedAt: '2026-01-01T00:00:02.000Z',
      outcome: 'done',
    });

    // Assess
    const record = await store.getRequest('lost-step-1');
    expect(record?.steps.map((entry) => entry.step)).toEqual(['preflight']);
  });
});
