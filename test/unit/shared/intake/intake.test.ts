import { type IntakeDeps, type RequestEnvelope, takeRequest } from '../../../../shared/intake/intake';
import { executionName } from '../../../../shared/naming';
import type { RequestCallback } from '../../../../shared/status/callback-store';
import { definitionRef } from '../../../../shared/status/definition-store';
import { createDetail, withField } from '../request/request-fixtures';
import { InMemoryStatusStore } from '../steps/fakes/in-memory-status-store';

const ACCOUNT_ID = '000000000000';
const STATE_MACHINE_EXECUTIONS = `arn:aws:states:us-east-1:${ACCOUNT_ID}:execution:papi-local-provision`;
const NOW = new Date('2025-03-01T12:00:00.000Z');
/** The execution the fixture request req-0001 runs as. */
const EXECUTION_ARN = `${STATE_MACHINE_EXECUTIONS}:papi-req-0001`;
/** Another EventBridge event id: the same detail delivered again (delivery is at least once). */
const REDELIVERY = 'e0000002-0000-4000-8000-000000000002';

/** A PrivateApiRequest event as EventBridge delivers it to the intake Lambda. */
function envelope(
  detail: unknown,
  id = 'e0000001-0000-4000-8000-000000000001',
  source = 'portal.example',
): RequestEnvelope {
  return { id, account: ACCOUNT_ID, source, 'detail-type': 'PrivateApiRequest', detail };
}

describe('takeRequest', () => {
  let store: InMemoryStatusStore;
  /** The requests whose waiting stack was told how they ended. */
  let answered: string[];
  let published: { detailType: string; detail: Record<string, unknown> }[];
  let started: { name: string; input: string }[];
  let deps: IntakeDeps;
  /** The callbacks providers recorded, by requestId. */
  let callbacks: Map<string, RequestCallback>;
  /** The definitions intake stored, by hash. */
  let definitions: Map<string, Record<string, unknown>>;

  beforeEach(() => {
    store = new InMemoryStatusStore();
    published = [];
    answered = [];
    started = [];
    definitions = new Map();
    callbacks = new Map();
    deps = {
      store,
      callbacks: { get: async (requestId) => callbacks.get(requestId) },
      definitions: {
        put: async (openApi) => {
          const { ref } = definitionRef(openApi);
          definitions.set(ref.sha256, structuredClone(openApi));
          return ref;
        },
      },
      answerWaitingCaller: async (requestId) => {
        answered.push(requestId);
      },
      publish: async (detailType, detail) => {
        published.push({ detailType, detail });
      },
      // StartExecution with the same name and input returns the same execution (AWS-FACTS).
      startExecution: async (name, input) => {
        started.push({ name, input });
        return `${STATE_MACHINE_EXECUTIONS}:${name}`;
      },
      executionName,
      allowedVpcIds: [],
      allowedAccountIds: [],
      now: () => NOW,
    };
  });

  describe('a valid request', () => {
    it('claims the apiKey, files the request ACCEPTED and starts the workflow under a name from the requestId', async () => {
      // Prepare
      const detail = createDetail();

      // Act
      const outcome = await takeRequest(envelope(detail), deps);

      // Assess
      expect(outcome).toEqual({ outcome: 'started', requestId: 'req-0001', executionArn: EXECUTION_ARN });
      expect(store.operations().filter((operation) => operation !== 'getRequest')).toEqual([
        'claimManagedApi',
        'acceptRequest',
        'setExecutionArn',
      ]);
      expect(store.managedApis.get('orders-prod')).toMatchObject({
        state: 'PROVISIONING',
        lastRequestId: 'req-0001',
        desired: { apiKey: 'orders-prod', api: { name: 'Orders' } },
      });
      expect(store.requests.get('req-0001')).toMatchObject({
        status: 'ACCEPTED',
        apiKey: 'orders-prod',
        action: 'create',
        requestHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        executionArn: EXECUTION_ARN,
        caller: { source: 'portal.example' },
        createdAt: NOW.toISOString(),
      });
      expect(published).toEqual([]);
    });

    it("records the stack and logical id of a catalog request from its provider's callback, not from the request", async () => {
      // Prepare
      const stackId = `arn:aws:cloudformation:us-east-1:${ACCOUNT_ID}:stack/SC-${ACCOUNT_ID}-pp-abc/0d3c5b60-1111-4222-8333-444455556666`;
      const callback = {
        requestId: 'req-0001',
        responseUrl: 'http://127.0.0.1:1/cloudformation-custom-resource-response/x',
        stackId,
        cloudFormationRequestId: 'cfn-1',
        logicalResourceId: 'PrivateApi',
        physicalResourceIdOnFailure: 'orders-prod',
        createdAt: NOW.toISOString(),
      };
      callbacks.set('req-0001', callback);
      callbacks.set('req-0002', { ...callback, requestId: 'req-0002' });

      // Act
      await takeRequest(envelope(createDetail(), undefined, 'papi.service-catalog'), deps);
      await takeRequest(
        envelope({ ...createDetail(), requestId: 'req-0002', apiKey: 'orders-two' }, REDELIVERY),
        deps,
      );

      // Assess: a callback is believed only for the catalog's source
      expect(store.requests.get('req-0001')?.caller).toEqual({
        source: 'papi.service-catalog',
        stackId,
        logicalResourceId: 'PrivateApi',
      });
      expect(store.requests.get('req-0002')?.caller).toEqual({ source: 'portal.example' });
    });

    it('starts the workflow with the parsed request, defaults filled in', async () => {
      // Prepare
      const detail = createDetail();

      // Act
      await takeRequest(envelope(detail), deps);

      // Assess
      expect(started).toHaveLength(1);
      expect(started[0]?.name).toBe('papi-req-0001');
      const input: unknown = JSON.parse(started[0]?.input ?? '');
      expect(input).toEqual({
        requestId: 'req-0001',
        action: 'create',
        apiKey: 'orders-prod',
        request: expect.objectContaining({
          network: expect.objectContaining({ privateDns: true }),
          access: { allowedVpcIds: [], allowedVpcEndpointIds: [], associatedVpcEndpointIds: [] },
        }),
      });
    });
  });

  describe('a definition', () => {
    it('is stored apart and the workflow carries its reference, not the document', async () => {
      // Prepare
      const openApi = {
        openapi: '3.0.1',
        info: { title: 'orders', version: '1' },
        paths: { '/orders': { get: { responses: { '200': { description: 'ok' } } } } },
      };
      const detail = withField(createDetail(), 'api.openApi', openApi);

      // Act
      await takeRequest(envelope(detail), deps);

      // Assess
      const input = JSON.parse(started[0]?.input ?? '{}') as { request: { api: Record<string, unknown> } };
      expect(input.request.api).toEqual({
        name: 'Orders',
        description: 'Orders API',
        stageName: 'v1',
        definition: {
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          bytes: JSON.stringify(openApi).length,
        },
      });
      const sha256 = (input.request.api.definition as { sha256: string }).sha256;
      expect(definitions.get(sha256)).toEqual(openApi);
      expect(store.managedApis.get('orders-prod')?.desired).toEqual(input.request);
    });

    it('that the OpenAPI schema refuses is REJECTED at its field, and nothing is stored or started', async () => {
      // Prepare
      const detail = withField(createDetail(), 'api.openApi', {
        openapi: '3.0.1',
        paths: { '/orders': 'nope' },
      });

      // Act
      const outcome = await takeRequest(envelope(detail), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        reasons: [{ field: 'api.openApi.paths["/orders"]', message: 'must be object' }],
      });
      expect(definitions.size).toBe(0);
      expect(started).toEqual([]);
    });
  });

  describe('a workflow Step Functions will not start', () => {
    const refusal = () => Object.assign(new Error('Invalid input'), { name: 'InvalidExecutionInput' });

    it('ends the request FAILED at intake with the reason, releases the apiKey and says so', async () => {
      // Prepare
      deps = {
        ...deps,
        startExecution: async () => {
          throw refusal();
        },
      };

      // Act
      const outcome = await takeRequest(envelope(createDetail()), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'not-started',
        reason: expect.stringContaining('InvalidExecutionInput'),
      });
      expect(store.requests.get('req-0001')).toMatchObject({
        status: 'FAILED',
        error: {
          step: 'intake',
          name: 'WorkflowNotStarted',
          message: expect.stringContaining('Invalid input'),
        },
      });
      expect(store.managedApis.get('orders-prod')?.state).toBe('FAILED');
      expect(published.map((event) => event.detailType)).toEqual(['PrivateApiRequestFailed']);
      expect(answered).toEqual(['req-0001']);
    });

    it('is not started by a later delivery, and a new create may claim the apiKey', async () => {
      // Prepare
      const refusing = deps.startExecution;
      deps = {
        ...deps,
        startExecution: async () => {
          throw refusal();
        },
      };
      await takeRequest(envelope(createDetail()), deps);
      deps = { ...deps, startExecution: refusing };

      // Act
      const redelivered = await takeRequest(envelope(createDetail(), REDELIVERY), deps);
      const another = await takeRequest(envelope(withField(createDetail(), 'requestId', 'req-0009')), deps);

      // Assess
      expect(redelivered).toEqual({ outcome: 'duplicate', requestId: 'req-0001' });
      expect(another.outcome).toBe('started');
      expect(started.map((start) => start.name)).toEqual(['papi-req-0009']);
    });

    it('is left ACCEPTED and thrown for a retry when Step Functions only throttled', async () => {
      // Prepare
      deps = {
        ...deps,
        startExecution: async () => {
          throw Object.assign(new Error('Rate exceeded'), {
            name: 'ThrottlingException',
            $metadata: { httpStatusCode: 400 },
          });
        },
      };

      // Act
      const taken = takeRequest(envelope(createDetail()), deps);

      // Assess
      await expect(taken).rejects.toMatchObject({ name: 'AwsThrottlingError' });
      expect(store.requests.get('req-0001')?.status).toBe('ACCEPTED');
      expect(store.managedApis.get('orders-prod')?.state).toBe('PROVISIONING');
    });
  });

  describe('a duplicate delivery', () => {
    it('accepts once and starts nothing more when the first delivery went through', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const record = store.requests.get('req-0001');

      // Act
      const outcome = await takeRequest(envelope(createDetail(), REDELIVERY), deps);

      // Assess
      expect(outcome).toEqual({ outcome: 'duplicate', requestId: 'req-0001', executionArn: EXECUTION_ARN });
      expect(store.requests.get('req-0001')).toEqual(record);
      expect(store.operations().filter((operation) => operation === 'acceptRequest')).toHaveLength(1);
      expect(started).toHaveLength(1);
      expect(published).toEqual([]);
    });

    it('counts the same request with its keys in another order as a duplicate', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const reordered = Object.fromEntries(Object.entries(createDetail()).reverse());

      // Act
      const outcome = await takeRequest(envelope(reordered), deps);

      // Assess
      expect(outcome.outcome).toBe('duplicate');
    });

    it('starts the workflow with the same name and input when the first delivery stopped before starting it', async () => {
      // Prepare
      const attempts: { name: string; input: string }[] = [];
      deps = {
        ...deps,
        startExecution: async (name, input) => {
          attempts.push({ name, input });
          if (attempts.length === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          return `${STATE_MACHINE_EXECUTIONS}:${name}`;
        },
      };
      await expect(takeRequest(envelope(createDetail()), deps)).rejects.toThrow('socket hang up');

      // Act
      const outcome = await takeRequest(envelope(createDetail(), REDELIVERY), deps);

      // Assess
      expect(outcome).toEqual({ outcome: 'duplicate', requestId: 'req-0001', executionArn: EXECUTION_ARN });
      expect(attempts).toHaveLength(2);
      expect(attempts[1]).toEqual(attempts[0]);
      expect(store.requests.get('req-0001')?.executionArn).toBe(EXECUTION_ARN);
    });
  });

  describe('a requestId reused with other content', () => {
    it('publishes a conflict and leaves the first request as it was', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const record = store.requests.get('req-0001');
      const claim = store.managedApis.get('orders-prod');
      const other = withField(createDetail(), 'api.stageName', 'v2');

      // Act
      const outcome = await takeRequest(envelope(other), deps);

      // Assess
      expect(outcome).toEqual({
        outcome: 'conflict',
        requestId: 'req-0001',
        reason: 'this requestId was already used for a different request',
      });
      expect(store.requests.get('req-0001')).toEqual(record);
      expect(store.managedApis.get('orders-prod')).toEqual(claim);
      expect(started).toHaveLength(1);
      expect(published).toEqual([
        {
          detailType: 'PrivateApiRequestRejected',
          detail: {
            requestId: 'req-0001',
            reasons: [{ field: 'requestId', message: expect.stringContaining('use a new requestId') }],
          },
        },
      ]);
    });

    it('does not overwrite an accepted request with the rejection of an invalid one under its id', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const record = store.requests.get('req-0001');
      const invalid = withField(createDetail(), 'network.vpcId', 'vpc-nope');

      // Act
      const outcome = await takeRequest(envelope(invalid), deps);

      // Assess
      expect(outcome.outcome).toBe('conflict');
      expect(store.requests.get('req-0001')).toEqual(record);
    });
  });

  describe('an invalid request', () => {
    it('is filed REJECTED with every reason, and nothing is claimed or started', async () => {
      // Prepare
      const detail = withField(
        withField(createDetail(), 'network.vpcId', 'vpc-nope'),
        'api.stageName',
        undefined,
      );
      withField(detail, 'network.subnetIds', []);

      // Act
      const outcome = await takeRequest(envelope(detail), deps);

      // Assess
      expect(outcome.outcome).toBe('rejected');
      const record = store.requests.get('req-0001');
      expect(record).toMatchObject({ status: 'REJECTED', apiKey: 'orders-prod', action: 'create' });
      const fields = record?.reasons?.map((reason) => reason.field);
      expect(fields).toEqual(expect.arrayContaining(['network.vpcId', 'api.stageName', 'network.subnetIds']));
      expect(record?.reasons?.every((reason) => reason.message.length > 0)).toBe(true);
      expect(store.managedApis.size).toBe(0);
      expect(started).toEqual([]);
      expect(answered).toEqual(['req-0001']);
      expect(published).toEqual([
        {
          detailType: 'PrivateApiRequestRejected',
          detail: { requestId: 'req-0001', apiKey: 'orders-prod', reasons: record?.reasons },
        },
      ]);
    });

    it('keeps one record and publishes the same rejection again when it is delivered twice', async () => {
      // Prepare: the first delivery may have stopped between the record and the event, so a
      // redelivery publishes again (at least once, as EventBridge delivers: consumers dedupe by requestId)
      const detail = withField(createDetail(), 'network.vpcId', 'vpc-nope');
      await takeRequest(envelope(detail), deps);
      const record = store.requests.get('req-0001');

      // Act
      const outcome = await takeRequest(envelope(detail, REDELIVERY), deps);

      // Assess
      expect(outcome.outcome).toBe('rejected');
      expect(store.requests.get('req-0001')).toEqual(record);
      expect(published).toHaveLength(2);
      expect(published[1]).toEqual(published[0]);
    });

    it('cuts a huge apiKey or action in the record and says so in the reasons', async () => {
      // Prepare
      const huge = 'k'.repeat(450_000);
      const detail = { ...createDetail(), apiKey: huge, action: huge };

      // Act
      const outcome = await takeRequest(envelope(detail), deps);

      // Assess
      expect(outcome.outcome).toBe('rejected');
      const record = [...store.requests.values()][0];
      expect(record?.apiKey).toBe(`${'k'.repeat(128)}…`);
      expect(record?.action).toBe(`${'k'.repeat(128)}…`);
      expect(record?.reasons).toEqual(
        expect.arrayContaining([
          {
            field: 'apiKey',
            message: 'the value is 450000 characters long: this record keeps its first 128',
          },
          {
            field: 'action',
            message: 'the value is 450000 characters long: this record keeps its first 128',
          },
        ]),
      );
      expect(JSON.stringify(record).length).toBeLessThan(20_000);
      expect(published).toHaveLength(1);
    });

    it.each([
      ['missing', undefined],
      ['malformed', 'no spaces allowed'],
      ['too long', 'r'.repeat(65)],
    ])('is filed under rejected-{eventId} when its requestId is %s', async (_, requestId) => {
      // Prepare
      const detail = withField(createDetail(), 'requestId', requestId);
      const eventId = 'e0000003-0000-4000-8000-000000000003';

      // Act
      const outcome = await takeRequest(envelope(detail, eventId), deps);

      // Assess
      expect(outcome).toMatchObject({ outcome: 'rejected', requestId: `rejected-${eventId}` });
      const record = store.requests.get(`rejected-${eventId}`);
      expect(record?.status).toBe('REJECTED');
      expect(record?.reasons?.map((reason) => reason.field)).toContain('requestId');
      expect(started).toEqual([]);
    });

    it('is filed under rejected-{eventId} when the detail is not an object at all', async () => {
      // Prepare
      const eventId = 'e0000004-0000-4000-8000-000000000004';

      // Act
      const outcome = await takeRequest(envelope('not json', eventId), deps);

      // Assess
      expect(outcome).toMatchObject({ outcome: 'rejected', requestId: `rejected-${eventId}` });
      expect(store.requests.get(`rejected-${eventId}`)?.reasons?.length).toBeGreaterThan(0);
    });
  });

  describe('allowlists', () => {
    it('rejects a VPC this control plane does not serve, naming network.vpcId', async () => {
      // Prepare
      deps = { ...deps, allowedVpcIds: ['vpc-0aaaaaaaaaaaaaaa1'] };

      // Act
      const outcome = await takeRequest(envelope(createDetail()), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        reasons: [{ field: 'network.vpcId', message: expect.stringContaining('vpc-0123456789abcdef0') }],
      });
      expect(store.requests.get('req-0001')?.status).toBe('REJECTED');
      expect(store.managedApis.size).toBe(0);
      expect(started).toEqual([]);
    });

    it('rejects a VPC the policy would admit when the allowlist does not name it, on create and on update', async () => {
      // Prepare
      deps = { ...deps, allowedVpcIds: ['vpc-0123456789abcdef0'] };
      const create = withField(createDetail(), 'access', { allowedVpcIds: ['vpc-0bbbbbbbbbbbbbbb2'] });
      const update = withField(
        withField(withField(createDetail(), 'requestId', 'req-0002'), 'action', 'update'),
        'access',
        { allowedVpcIds: ['vpc-0123456789abcdef0', 'vpc-0bbbbbbbbbbbbbbb2'] },
      );

      // Act
      const outcomes = [await takeRequest(envelope(create), deps), await takeRequest(envelope(update), deps)];

      // Assess
      expect(outcomes).toEqual([
        expect.objectContaining({
          outcome: 'rejected',
          reasons: [
            { field: 'access.allowedVpcIds[0]', message: expect.stringContaining('vpc-0bbbbbbbbbbbbbbb2') },
          ],
        }),
        expect.objectContaining({
          outcome: 'rejected',
          reasons: [
            { field: 'access.allowedVpcIds[1]', message: expect.stringContaining('vpc-0bbbbbbbbbbbbbbb2') },
          ],
        }),
      ]);
      expect(started).toEqual([]);
    });

    it('rejects an account this control plane does not serve, naming the account', async () => {
      // Prepare
      deps = { ...deps, allowedAccountIds: ['111111111111'] };

      // Act
      const outcome = await takeRequest(envelope(createDetail()), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        reasons: [{ field: 'account', message: expect.stringContaining(ACCOUNT_ID) }],
      });
      expect(started).toEqual([]);
    });

    it('reports both when both the VPC and the account are not served', async () => {
      // Prepare
      deps = { ...deps, allowedVpcIds: ['vpc-0aaaaaaaaaaaaaaa1'], allowedAccountIds: ['111111111111'] };

      // Act
      const outcome = await takeRequest(envelope(createDetail()), deps);

      // Assess
      if (outcome.outcome !== 'rejected') throw new Error(`expected a rejection, got ${outcome.outcome}`);
      expect(outcome.reasons.map((reason) => reason.field).sort()).toEqual(['account', 'network.vpcId']);
    });

    it('serves a VPC and account on the lists', async () => {
      // Prepare
      deps = { ...deps, allowedVpcIds: ['vpc-0123456789abcdef0'], allowedAccountIds: [ACCOUNT_ID] };

      // Act
      const outcome = await takeRequest(envelope(createDetail()), deps);

      // Assess
      expect(outcome.outcome).toBe('started');
    });
  });

  describe('an apiKey', () => {
    it('held by another open request is REJECTED, naming the holder; the holder is left alone', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const holder = store.managedApis.get('orders-prod');
      const second = withField(createDetail(), 'requestId', 'req-0002');

      // Act
      const outcome = await takeRequest(envelope(second), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        requestId: 'req-0002',
        reasons: [
          {
            field: 'apiKey',
            message: expect.stringContaining(
              'orders-prod is already managed (state PROVISIONING, request req-0001)',
            ),
          },
        ],
      });
      expect(store.requests.get('req-0002')?.status).toBe('REJECTED');
      expect(store.managedApis.get('orders-prod')).toEqual(holder);
      expect(started.map((start) => start.name)).toEqual(['papi-req-0001']);
    });

    it('held by another request: a second delivery of the refused request is not reported as a conflict', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const second = withField(createDetail(), 'requestId', 'req-0002');
      await takeRequest(envelope(second), deps);

      // Act: EventBridge delivers at least once
      const outcome = await takeRequest(envelope(second, REDELIVERY), deps);

      // Assess
      expect(outcome.outcome).not.toBe('conflict');
      const aboutSecond = published.filter((event) => event.detail.requestId === 'req-0002');
      expect(aboutSecond).toHaveLength(1);
      expect(aboutSecond[0]?.detail.reasons).toEqual([expect.objectContaining({ field: 'apiKey' })]);
    });

    it('whose last request FAILED can be claimed by a new request', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      await store.updateManagedApi('orders-prod', 'req-0001', { state: 'FAILED' }, NOW.toISOString());
      const retry = withField(createDetail(), 'requestId', 'req-0002');

      // Act
      const outcome = await takeRequest(envelope(retry), deps);

      // Assess
      expect(outcome.outcome).toBe('started');
      expect(store.managedApis.get('orders-prod')).toMatchObject({
        state: 'PROVISIONING',
        lastRequestId: 'req-0002',
      });
    });
  });

  describe.each([
    [
      'an update',
      'update',
      (requestId: string) => ({ ...withField(createDetail(), 'requestId', requestId), action: 'update' }),
    ],
    ['a delete', 'delete', (requestId: string) => ({ requestId, action: 'delete', apiKey: 'orders-prod' })],
  ])('%s request', (_, action, detailOf) => {
    it('is accepted and started for a managed API, leaving the managed record to the workflow', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      const managed = store.managedApis.get('orders-prod');

      // Act
      const outcome = await takeRequest(envelope(detailOf('req-0009'), REDELIVERY), deps);

      // Assess
      expect(outcome).toMatchObject({ outcome: 'started', requestId: 'req-0009' });
      expect(store.requests.get('req-0009')).toMatchObject({ status: 'ACCEPTED', action });
      expect(store.managedApis.get('orders-prod')).toEqual(managed);
      expect(started.map((start) => start.name)).toEqual(['papi-req-0001', 'papi-req-0009']);
    });

    it('is REJECTED for an apiKey that is not managed', async () => {
      // Act
      const outcome = await takeRequest(envelope(detailOf('req-0009')), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        reasons: [{ field: 'apiKey', message: `orders-prod is not a managed API: nothing to ${action}` }],
      });
      expect(started).toEqual([]);
    });

    it('is REJECTED for an API that is deleted', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      await store.updateManagedApi('orders-prod', 'req-0001', { state: 'DELETED' }, NOW.toISOString());

      // Act
      const outcome = await takeRequest(envelope(detailOf('req-0009')), deps);

      // Assess
      expect(outcome).toMatchObject({
        outcome: 'rejected',
        reasons: [{ field: 'apiKey', message: `orders-prod is deleted: nothing to ${action}` }],
      });
    });

    it('is not reported as a conflict when it is delivered twice', async () => {
      // Prepare
      await takeRequest(envelope(createDetail()), deps);
      await takeRequest(envelope(detailOf('req-0009')), deps);

      // Act
      const outcome = await takeRequest(envelope(detailOf('req-0009'), REDELIVERY), deps);

      // Assess
      expect(outcome.outcome).toBe('duplicate');
      expect(published).toEqual([]);
    });

    it('refused for an unknown apiKey is not reported as a conflict when it is delivered twice', async () => {
      // Prepare
      await takeRequest(envelope(detailOf('req-0009')), deps);

      // Act
      const outcome = await takeRequest(envelope(detailOf('req-0009'), REDELIVERY), deps);

      // Assess
      expect(outcome.outcome).not.toBe('conflict');
      expect(published).toHaveLength(1);
      expect(published[0]?.detail.reasons).toEqual([expect.objectContaining({ field: 'apiKey' })]);
    });
  });

  it('refuses an update of an API that is being deleted, naming the delete request', async () => {
    // Prepare
    await takeRequest(envelope(createDetail()), deps);
    await store.takeOverManagedApi({
      apiKey: 'orders-prod',
      requestId: 'req-0008',
      state: 'DELETING',
      from: ['ACTIVE', 'PROVISIONING'],
      now: NOW.toISOString(),
    });
    const update = { ...withField(createDetail(), 'requestId', 'req-0009'), action: 'update' };

    // Act
    const outcome = await takeRequest(envelope(update), deps);

    // Assess
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      reasons: [
        { field: 'apiKey', message: 'orders-prod is being deleted (request req-0008): it cannot be updated' },
      ],
    });
    expect(started.map((start) => start.name)).toEqual(['papi-req-0001']);
  });
});
