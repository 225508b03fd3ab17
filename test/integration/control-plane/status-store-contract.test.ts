import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { waitForTableActive } from '../../../local/control-plane/deploy';
import { createStatusStore, type StatusStore } from '../../../shared/status/status-store';
import { statusTableDefinition } from '../../../shared/status/table';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';
import { InMemoryStatusStore } from '../../unit/shared/steps/fakes/in-memory-status-store';

const T1 = '2026-01-01T00:00:01.000Z';
const T2 = '2026-01-01T00:00:02.000Z';
const T3 = '2026-01-01T00:00:03.000Z';
const step = (name: string, now: string) =>
  ({ step: name, startedAt: now, finishedAt: now, outcome: 'done' }) as const;

/**
 * A sequence of store calls, run against both stores; `key` makes its ids unique in the shared
 * table. It returns what the calls answered and what the table holds after them.
 */
type Scenario = (store: StatusStore, key: (name: string) => string) => Promise<unknown[]>;

const scenarios: [string, Scenario][] = [
  [
    'a request is accepted once; a second accept returns the first record',
    async (store, key) => [
      await store.acceptRequest({
        requestId: key('r'),
        apiKey: 'k',
        action: 'create',
        requestHash: 'h1',
        now: T1,
      }),
      await store.acceptRequest({
        requestId: key('r'),
        apiKey: 'k',
        action: 'create',
        requestHash: 'h2',
        now: T2,
      }),
      await store.getRequest(key('r')),
    ],
  ],
  [
    'a rejection is filed once, with the hash when there is one, and not over an accepted request',
    async (store, key) => [
      await store.rejectRequest({ requestId: key('a'), reasons: [{ field: 'f', message: 'm' }], now: T1 }),
      await store.rejectRequest({ requestId: key('a'), requestHash: 'h', reasons: [], now: T2 }),
      await store.acceptRequest({
        requestId: key('b'),
        apiKey: 'k',
        action: 'create',
        requestHash: 'h',
        now: T1,
      }),
      await store.rejectRequest({ requestId: key('b'), apiKey: 'k', action: 'create', reasons: [], now: T2 }),
      await store.rejectRequest({
        requestId: key('c'),
        apiKey: 'k',
        requestHash: 'h3',
        reasons: [],
        now: T3,
      }),
      await store.getRequest(key('a')),
      await store.getRequest(key('b')),
      await store.getRequest(key('c')),
    ],
  ],
  [
    'steps, the execution ARN and completion apply while the request is open, the ARN once',
    async (store, key) => [
      await store.acceptRequest({
        requestId: key('r'),
        apiKey: 'k',
        action: 'create',
        requestHash: 'h',
        now: T1,
      }),
      await store.setExecutionArn(key('r'), 'arn:first', T1),
      await store.setExecutionArn(key('r'), 'arn:second', T1),
      await store.startStep(key('r'), 'preflight', T1),
      await store.finishStep(key('r'), step('preflight', T2)),
      await store.completeRequest({
        requestId: key('r'),
        status: 'SUCCEEDED',
        outputs: { apiId: 'a' },
        now: T2,
      }),
      await store.startStep(key('r'), 'late', T3),
      await store.finishStep(key('r'), step('late', T3)),
      await store.completeRequest({
        requestId: key('r'),
        status: 'FAILED',
        error: { step: 'late', name: 'E', message: 'm' },
        now: T3,
      }),
      await store.getRequest(key('r')),
      await store.startStep(key('missing'), 'preflight', T1),
    ],
  ],
  [
    'a rejection written again (a lost answer retried) is still filed; one that differs is not',
    async (store, key) => [
      await store.rejectRequest({
        requestId: key('a'),
        apiKey: 'k',
        reasons: [{ field: 'f', message: 'm' }],
        now: T1,
      }),
      await store.rejectRequest({
        requestId: key('a'),
        apiKey: 'k',
        reasons: [{ field: 'f', message: 'm' }],
        now: T2,
      }),
      await store.rejectRequest({
        requestId: key('a'),
        apiKey: 'k',
        reasons: [{ field: 'g', message: 'm' }],
        now: T2,
      }),
      await store.getRequest(key('a')),
    ],
  ],
  [
    'a step entry written twice (a retried write) is appended once',
    async (store, key) => [
      await store.acceptRequest({
        requestId: key('r'),
        apiKey: 'k',
        action: 'create',
        requestHash: 'h',
        now: T1,
      }),
      await store.finishStep(key('r'), step('preflight', T2)),
      await store.finishStep(key('r'), step('preflight', T2)),
      await store.finishStep(key('r'), step('preflight', T3)),
      (await store.getRequest(key('r')))?.steps,
    ],
  ],
  [
    'an apiKey is claimed when new, FAILED, DELETED or already held by the same request, and updated by its holder only',
    async (store, key) => [
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r1',
        desired: { a: 1 },
        state: 'PROVISIONING',
        now: T1,
      }),
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r1',
        desired: { a: 2 },
        state: 'PROVISIONING',
        now: T2,
      }),
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        desired: { a: 3 },
        state: 'PROVISIONING',
        now: T2,
      }),
      await store.updateManagedApi(key('k'), 'r2', { apiId: 'stolen' }, T2),
      await store.updateManagedApi(key('k'), 'r1', { state: 'FAILED', apiId: 'a1' }, T2),
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        desired: { a: 4 },
        state: 'PROVISIONING',
        now: T3,
      }),
      await store.updateManagedApi(key('k'), 'r2', { state: 'DELETED' }, T3),
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r3',
        desired: {},
        state: 'PROVISIONING',
        now: T3,
      }),
      await store.updateManagedApi(key('missing'), 'r1', { apiId: 'a1' }, T3),
      await store.getManagedApi(key('k')),
    ],
  ],
  [
    'a managed API is taken over from the given states, or by the request that holds it',
    async (store, key) => [
      await store.takeOverManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        state: 'DELETING',
        from: ['ACTIVE'],
        now: T1,
      }),
      await store.claimManagedApi({
        apiKey: key('k'),
        requestId: 'r1',
        desired: {},
        state: 'PROVISIONING',
        now: T1,
      }),
      await store.takeOverManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        state: 'UPDATING',
        from: ['ACTIVE'],
        now: T2,
      }),
      await store.updateManagedApi(key('k'), 'r1', { state: 'ACTIVE' }, T2),
      await store.takeOverManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        state: 'UPDATING',
        from: ['ACTIVE'],
        now: T2,
      }),
      await store.takeOverManagedApi({
        apiKey: key('k'),
        requestId: 'r2',
        state: 'DELETING',
        from: ['ACTIVE'],
        now: T3,
      }),
      await store.takeOverManagedApi({
        apiKey: key('k'),
        requestId: 'r3',
        state: 'DELETING',
        from: ['ACTIVE'],
        now: T3,
      }),
    ],
  ],
  [
    'an endpoint gains users while ACTIVE and is claimed for deletion only when made here and unused',
    async (store, key) => {
      const endpoint = key('vpce');
      const user = (apiKey: string, createdByControlPlane: boolean, now: string) =>
        store.registerEndpointUser({
          vpcEndpointId: endpoint,
          vpcId: 'vpc',
          apiKey,
          createdByControlPlane,
          createdByRequestId: 'r1',
          now,
        });
      return [
        await user('b', true, T1),
        await user('a', false, T1),
        await store.claimEndpointDeletion(endpoint, T2),
        await store.unregisterEndpointUser(endpoint, 'a', T2),
        await store.unregisterEndpointUser(endpoint, 'b', T2),
        await store.unregisterEndpointUser(endpoint, 'b', T2),
        await store.claimEndpointDeletion(endpoint, T2),
        await store.claimEndpointDeletion(endpoint, T2),
        await user('c', true, T3),
        await store.markEndpointDeleted(endpoint, T3),
        await store.getEndpoint(endpoint),
        await store.claimEndpointDeletion(endpoint, T3),
        await store.unregisterEndpointUser(key('missing'), 'a', T3),
        await store.claimEndpointDeletion(key('missing'), T3),
      ];
    },
  ],
  [
    'an endpoint another party made is never claimed for deletion',
    async (store, key) => [
      await store.registerEndpointUser({
        vpcEndpointId: key('vpce'),
        vpcId: 'vpc',
        apiKey: 'a',
        createdByControlPlane: false,
        now: T1,
      }),
      await store.unregisterEndpointUser(key('vpce'), 'a', T2),
      await store.claimEndpointDeletion(key('vpce'), T2),
    ],
  ],
  [
    'a lease is taken when free, expired or already held, and given back by its holder only',
    async (store, key) => [
      await store.acquireLease({ apiKey: key('k'), requestId: 'r1', nowMs: 1_000, ttlMs: 500 }),
      await store.acquireLease({ apiKey: key('k'), requestId: 'r2', nowMs: 1_500, ttlMs: 500 }),
      await store.acquireLease({ apiKey: key('k'), requestId: 'r1', nowMs: 1_400, ttlMs: 500 }),
      await store.acquireLease({ apiKey: key('k'), requestId: 'r2', nowMs: 1_901, ttlMs: 500 }),
      await store.releaseLease(key('k'), 'r1'),
      await store.releaseLease(key('k'), 'r2'),
      await store.releaseLease(key('k'), 'r2'),
      await store.acquireLease({ apiKey: key('k'), requestId: 'r3', nowMs: 1_902, ttlMs: 500 }),
    ],
  ],
];

/**
 * The unit tests of the steps run on InMemoryStatusStore, which claims the conditions of
 * createStatusStore's writes: the same calls must get the same answers from both, the real one
 * on the local cloud's DynamoDB with the status table as deployed.
 */
describe('InMemoryStatusStore answers as createStatusStore does on DynamoDB', () => {
  const tableName = 'papi-contract-status';
  let cloud: TestCloud;
  let dynamodb: DynamoDBClient;
  let real: StatusStore;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    dynamodb = new DynamoDBClient(cloud.clientConfig);
    await dynamodb.send(new CreateTableCommand(statusTableDefinition(tableName)));
    await waitForTableActive(dynamodb, tableName);
    real = createStatusStore(DynamoDBDocumentClient.from(dynamodb), tableName);
  });
  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
  });

  it.each(scenarios.map(([name, scenario], index) => [name, index, scenario] as const))(
    '%s',
    async (_name, index, scenario) => {
      // Prepare
      const key = (id: string) => `case${index}-${id}`;

      // Act
      const expected = await scenario(real, key);
      const actual = await scenario(new InMemoryStatusStore(), key);

      // Assess
      expect(actual).toEqual(expected);
    },
  );
});
