import { type CloseStalledDeps, closeStalledRequests } from '../../../../shared/intake/close-stalled';
import { InMemoryStatusStore } from '../steps/fakes/in-memory-status-store';

const ACCEPTED_AT = '2026-01-01T00:00:00.000Z';
/** Twenty minutes after ACCEPTED_AT: past the fifteen a request may wait for its workflow. */
const NOW = new Date('2026-01-01T00:20:00.000Z');

describe('closeStalledRequests', () => {
  let store: InMemoryStatusStore;
  let published: { detailType: string; detail: Record<string, unknown> }[];
  let executions: Set<string>;
  let deps: CloseStalledDeps;

  async function accepted(requestId: string, apiKey: string, at = ACCEPTED_AT) {
    await store.claimManagedApi({ apiKey, requestId, desired: {}, state: 'PROVISIONING', now: at });
    await store.acceptRequest({ requestId, apiKey, action: 'create', requestHash: 'h', now: at });
  }

  beforeEach(() => {
    store = new InMemoryStatusStore();
    published = [];
    executions = new Set();
    deps = {
      store,
      publish: async (detailType, detail) => {
        published.push({ detailType, detail });
      },
      executionName: (requestId) => `papi-${requestId}`,
      findExecution: async (name) =>
        executions.has(name) ? `arn:aws:states:::execution:sm:${name}` : undefined,
      stalledAfterSeconds: 900,
      now: () => NOW,
    };
  });

  it('closes a request whose workflow never started, releases its apiKey and says so', async () => {
    // Prepare
    await accepted('req-stalled', 'orders');

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result).toEqual({ closed: ['req-stalled'], found: [] });
    expect(store.requests.get('req-stalled')).toMatchObject({
      status: 'FAILED',
      error: { step: 'intake', name: 'WorkflowNotStarted', message: expect.stringContaining('900 s') },
    });
    expect(store.managedApis.get('orders')?.state).toBe('FAILED');
    expect(published).toEqual([
      {
        detailType: 'PrivateApiRequestFailed',
        detail: expect.objectContaining({ requestId: 'req-stalled', apiKey: 'orders', step: 'intake' }),
      },
    ]);
  });

  it('records the execution of a request whose ARN was not recorded, and leaves it to run', async () => {
    // Prepare
    await accepted('req-running', 'orders');
    executions.add('papi-req-running');

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result).toEqual({ closed: [], found: ['req-running'] });
    expect(store.requests.get('req-running')).toMatchObject({
      status: 'ACCEPTED',
      executionArn: 'arn:aws:states:::execution:sm:papi-req-running',
    });
    expect(store.managedApis.get('orders')?.state).toBe('PROVISIONING');
  });

  it('leaves a request accepted less than the waiting time ago, and one with an execution', async () => {
    // Prepare
    await accepted('req-young', 'young', '2026-01-01T00:10:00.000Z');
    await accepted('req-started', 'started');
    await store.setExecutionArn('req-started', 'arn:started', ACCEPTED_AT);

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result).toEqual({ closed: [], found: [] });
    expect(store.requests.get('req-young')?.status).toBe('ACCEPTED');
    expect(published).toEqual([]);
  });
});
