import { type CloseStalledDeps, closeStalledRequests } from '../../../../shared/intake/close-stalled';
import { InMemoryStatusStore } from '../steps/fakes/in-memory-status-store';

const ACCEPTED_AT = '2026-01-01T00:00:00.000Z';
/** Twenty minutes after ACCEPTED_AT: past the fifteen a request may wait for its workflow. */
const NOW = new Date('2026-01-01T00:20:00.000Z');

describe('closeStalledRequests', () => {
  let store: InMemoryStatusStore;
  /** The requests whose waiting stack was told how they ended. */
  let answered: string[];
  let published: { detailType: string; detail: Record<string, unknown> }[];
  let executions: Set<string>;
  /** How each execution stands, by ARN (absent: running). */
  let ended: Map<string, { status: string; error?: string; cause?: string }>;
  let pending: string[];
  let deps: CloseStalledDeps;

  async function accepted(requestId: string, apiKey: string, at = ACCEPTED_AT) {
    await store.claimManagedApi({ apiKey, requestId, desired: {}, state: 'PROVISIONING', now: at });
    await store.acceptRequest({ requestId, apiKey, action: 'create', requestHash: 'h', now: at });
  }

  beforeEach(() => {
    store = new InMemoryStatusStore();
    published = [];
    answered = [];
    executions = new Set();
    ended = new Map();
    pending = [];
    deps = {
      store,
      answerWaitingCaller: async (requestId) => {
        answered.push(requestId);
      },
      publish: async (detailType, detail) => {
        published.push({ detailType, detail });
      },
      executionName: (requestId) => `papi-${requestId}`,
      findExecution: async (name) =>
        executions.has(name) ? `arn:aws:states:::execution:sm:${name}` : undefined,
      executionStatus: async (arn) => ended.get(arn) ?? { status: 'RUNNING' },
      pendingCallbacks: async () => pending,
      stalledAfterSeconds: 900,
      settleSeconds: 60,
      now: () => NOW,
    };
  });

  it('closes a request whose workflow never started, releases its apiKey and says so', async () => {
    // Prepare
    await accepted('req-stalled', 'orders');

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result).toEqual({ closed: ['req-stalled'], found: [], abandoned: [] });
    expect(answered).toEqual(['req-stalled']);
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
    expect(result).toEqual({ closed: [], found: ['req-running'], abandoned: [] });
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
    expect(result).toEqual({ closed: [], found: [], abandoned: [] });
    expect(store.requests.get('req-young')?.status).toBe('ACCEPTED');
    expect(published).toEqual([]);
  });

  it('fails a request whose execution ended without recording it, frees its apiKey and lease, and tells the stack', async () => {
    // Prepare: the execution timed out in check-dns
    await accepted('req-abandoned', 'orders');
    await store.setExecutionArn('req-abandoned', 'arn:abandoned', ACCEPTED_AT);
    await store.startStep('req-abandoned', 'check-dns', ACCEPTED_AT);
    await store.acquireLease({ apiKey: 'orders', requestId: 'req-abandoned', nowMs: 0, ttlMs: 1e12 });
    ended.set('arn:abandoned', { status: 'TIMED_OUT', error: 'States.Timeout' });

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result.abandoned).toEqual(['req-abandoned']);
    expect(store.requests.get('req-abandoned')).toMatchObject({
      status: 'FAILED',
      error: {
        step: 'check-dns',
        name: 'States.Timeout',
        message: expect.stringContaining('ended TIMED_OUT'),
      },
    });
    expect(store.managedApis.get('orders')?.state).toBe('FAILED');
    expect(store.leases.size).toBe(0);
    expect(published.map((event) => event.detailType)).toEqual(['PrivateApiRequestFailed']);
    expect(answered).toEqual(['req-abandoned']);
  });

  it('leaves a request whose execution still runs', async () => {
    // Prepare
    await accepted('req-running', 'orders');
    await store.setExecutionArn('req-running', 'arn:running', ACCEPTED_AT);
    await store.startStep('req-running', 'check-dns', ACCEPTED_AT);

    // Act
    const result = await closeStalledRequests(deps);

    // Assess
    expect(result.abandoned).toEqual([]);
    expect(store.requests.get('req-running')?.status).toBe('IN_PROGRESS');
  });

  it('tells the stacks still waiting for requests that ended', async () => {
    // Prepare
    pending = ['req-ended-1', 'req-ended-2'];

    // Act
    await closeStalledRequests(deps);

    // Assess
    expect(answered).toEqual(['req-ended-1', 'req-ended-2']);
  });
});
