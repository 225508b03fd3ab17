import { STATUS_DETAIL_TYPES, STATUS_EVENT_SCHEMAS } from '../../../../shared/events';
import type { StepEntry } from '../../../../shared/status/records';
import {
  type FailureInput,
  type RecordResultDeps,
  recordDeleted,
  recordFailure,
  recordSuccess,
  type SuccessInput,
} from '../../../../shared/steps/record-result';
import { InMemoryStatusStore } from './fakes/in-memory-status-store';
import { REGION, stepRequest } from './fakes/step-request';

const REQUEST_ID = 'req-0001';
const API_KEY = 'orders-prod';
const REST_API_ID = 'a1b2c3d4e5';
const ENDPOINT = 'vpce-0aaaaaaaaaaaaaaa1';
/** Another VPC's endpoint the request associates too. */
const PARTNER_ENDPOINT = 'vpce-0bbbbbbbbbbbbbbb2';
const NOW = new Date('2025-03-01T12:00:00.000Z');
const ACCEPTED_AT = '2025-03-01T11:58:00.000Z';
const LEASE_TTL_MS = 3_600_000;

/** DescribeVpcEndpoints' DnsEntries of an execute-api endpoint with private DNS: regional, zonal and private names. */
const ENDPOINT_DNS_NAMES = [
  `${ENDPOINT}-k3m9x2qa-us-east-1a.execute-api.${REGION}.vpce.amazonaws.com`,
  `${ENDPOINT}-k3m9x2qa.execute-api.${REGION}.vpce.amazonaws.com`,
  `execute-api.${REGION}.amazonaws.com`,
  `*.execute-api.${REGION}.amazonaws.com`,
];

/** A history entry as the step handler records it; a failed one carries the name of the error it threw. */
/** Each entry starts a millisecond after the previous one: entries are told apart by step and start. */
let entriesMade = 0;
const step = (name: string, outcome: StepEntry['outcome'], errorName = 'AwsThrottlingError'): StepEntry => ({
  step: name,
  startedAt: new Date(Date.parse(ACCEPTED_AT) + ++entriesMade).toISOString(),
  finishedAt: ACCEPTED_AT,
  outcome,
  ...(outcome === 'failed' ? { error: { name: errorName, message: `${errorName}: it broke` } } : {}),
});

describe('recording the result of a request', () => {
  let store: InMemoryStatusStore;
  let published: { detailType: string; detail: Record<string, unknown> }[];
  /** Every write and publication, in order. */
  let effects: string[];
  let deps: RecordResultDeps;

  beforeEach(async () => {
    store = new InMemoryStatusStore();
    published = [];
    effects = [];
    await store.claimManagedApi({
      apiKey: API_KEY,
      requestId: REQUEST_ID,
      desired: {},
      state: 'PROVISIONING',
      now: ACCEPTED_AT,
    });
    await store.acceptRequest({
      requestId: REQUEST_ID,
      apiKey: API_KEY,
      action: 'create',
      requestHash: 'hash',
      now: ACCEPTED_AT,
    });
    await store.startStep(REQUEST_ID, 'check-dns', ACCEPTED_AT);
    await store.acquireLease({
      apiKey: API_KEY,
      requestId: REQUEST_ID,
      nowMs: NOW.getTime(),
      ttlMs: LEASE_TTL_MS,
    });
    store.calls.length = 0;
    deps = {
      store: {
        getRequest: (requestId) => store.getRequest(requestId),
        updateManagedApi: (...args) => {
          effects.push(`updateManagedApi:${args[2].state}`);
          return store.updateManagedApi(...args);
        },
        completeRequest: (input) => {
          effects.push(`completeRequest:${input.status}`);
          return store.completeRequest(input);
        },
        releaseLease: (apiKey, requestId) => {
          effects.push('releaseLease');
          return store.releaseLease(apiKey, requestId);
        },
      },
      answerWaitingCaller: async (requestId) => {
        effects.push(`answerWaitingCaller:${requestId}`);
      },
      publish: async (detailType, detail) => {
        effects.push(`publish:${detailType}`);
        published.push({ detailType, detail });
      },
      region: REGION,
      now: () => NOW,
    };
  });

  describe('recordSuccess', () => {
    const success = (privateDns: boolean, action = 'create'): SuccessInput => ({
      requestId: REQUEST_ID,
      apiKey: API_KEY,
      action,
      request: stepRequest({ network: { privateDns } }),
      restApiId: REST_API_ID,
      vpcEndpointId: ENDPOINT,
      endpointCreated: true,
      endpointDnsNames: ENDPOINT_DNS_NAMES,
      associatedEndpointIds: [ENDPOINT, PARTNER_ENDPOINT],
    });

    it('gives the three invoke URLs, the endpoint one by its regional name with the x-apigw-api-id header', async () => {
      // Act
      const outputs = await recordSuccess(success(true), deps);

      // Assess
      expect(outputs).toEqual({
        apiId: REST_API_ID,
        vpcEndpointId: ENDPOINT,
        associatedEndpointIds: [ENDPOINT, PARTNER_ENDPOINT],
        stageName: 'v1',
        endpointCreated: true,
        invokeUrls: {
          privateDns: `https://${REST_API_ID}.execute-api.${REGION}.amazonaws.com/v1`,
          alias: `https://${REST_API_ID}-${ENDPOINT}.execute-api.${REGION}.amazonaws.com/v1`,
          endpoint: {
            url: `https://${ENDPOINT}-k3m9x2qa.execute-api.${REGION}.vpce.amazonaws.com/v1`,
            headers: { 'x-apigw-api-id': REST_API_ID },
          },
        },
      });
    });

    it('gives no private DNS URL when the endpoint has no private DNS', async () => {
      // Act
      const outputs = await recordSuccess(success(false), deps);

      // Assess
      expect(outputs.invokeUrls).not.toHaveProperty('privateDns');
      expect(outputs.invokeUrls.alias).toContain(`${REST_API_ID}-${ENDPOINT}`);
    });

    it('makes the managed API ACTIVE, the request SUCCEEDED, publishes PrivateApiProvisioned, then frees the apiKey', async () => {
      // Act
      const outputs = await recordSuccess(success(true), deps);

      // Assess
      expect(effects).toEqual([
        'updateManagedApi:ACTIVE',
        'completeRequest:SUCCEEDED',
        `publish:${STATUS_DETAIL_TYPES.provisioned}`,
        `answerWaitingCaller:${REQUEST_ID}`,
        'releaseLease',
      ]);
      expect(store.leases.has(API_KEY)).toBe(false);
      expect(store.managedApis.get(API_KEY)).toMatchObject({
        state: 'ACTIVE',
        apiId: REST_API_ID,
        vpcEndpointId: ENDPOINT,
        stageName: 'v1',
        invokeUrls: outputs.invokeUrls,
        associatedEndpointIds: [ENDPOINT, PARTNER_ENDPOINT],
        desired: success(true).request,
        lastGood: success(true).request,
        updatedAt: NOW.toISOString(),
      });
      expect(store.requests.get(REQUEST_ID)).toMatchObject({
        status: 'SUCCEEDED',
        outputs,
        updatedAt: NOW.toISOString(),
      });
    });

    it('publishes an event that matches the PrivateApiProvisioned schema', async () => {
      // Act
      const outputs = await recordSuccess(success(true), deps);

      // Assess
      const [event] = published;
      expect(event?.detailType).toBe(STATUS_DETAIL_TYPES.provisioned);
      const detail = STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.provisioned].parse(event?.detail);
      expect(detail).toEqual({
        requestId: REQUEST_ID,
        apiKey: API_KEY,
        apiId: REST_API_ID,
        vpcEndpointId: ENDPOINT,
        stageName: 'v1',
        invokeUrls: outputs.invokeUrls,
      });
    });

    it('publishes PrivateApiUpdated for an update', async () => {
      // Act
      await recordSuccess(success(true, 'update'), deps);

      // Assess
      expect(published.map((event) => event.detailType)).toEqual([STATUS_DETAIL_TYPES.updated]);
      expect(() =>
        STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.updated].parse(published[0]?.detail),
      ).not.toThrow();
    });

    it('leaves the record as it is, and publishes again, when it runs a second time', async () => {
      // Prepare
      await recordSuccess(success(true), deps);
      const recorded = store.requests.get(REQUEST_ID);

      // Act
      await recordSuccess(success(true), deps);

      // Assess
      expect(store.requests.get(REQUEST_ID)).toEqual(recorded);
      expect(published).toHaveLength(2);
    });
  });

  describe('recordFailure', () => {
    const lambdaCause = JSON.stringify({
      errorType: 'VpcEndpointTimeoutError',
      errorMessage: `VPC endpoint ${ENDPOINT} is still pending after 600 s (limit 600 s)`,
      trace: ['VpcEndpointTimeoutError: …', '    at checkEndpoint (…)'],
    });
    const failure = (value: FailureInput['failure']): FailureInput => ({
      requestId: REQUEST_ID,
      apiKey: API_KEY,
      action: 'create',
      failure: value,
    });

    it('names the step of the last failed history entry and the Lambda error from the JSON cause', async () => {
      // Prepare
      for (const entry of [
        step('preflight', 'done'),
        step('check-endpoint', 'failed', 'AwsThrottlingError'),
        step('check-endpoint', 'waiting'),
        step('check-endpoint', 'failed', 'VpcEndpointTimeoutError'),
        step('create-api', 'done'),
      ]) {
        await store.finishStep(REQUEST_ID, entry);
      }

      // Act
      const error = await recordFailure(
        failure({ Error: 'VpcEndpointTimeoutError', Cause: lambdaCause }),
        deps,
      );

      // Assess
      expect(error).toEqual({
        step: 'check-endpoint',
        name: 'VpcEndpointTimeoutError',
        message: `VPC endpoint ${ENDPOINT} is still pending after 600 s (limit 600 s)`,
      });
      expect(store.requests.get(REQUEST_ID)).toMatchObject({ status: 'FAILED', error });
    });

    it('names the step under way when no step failed (a States.* error), with the text cause as message', async () => {
      // Act
      const error = await recordFailure(
        failure({ Error: 'States.Timeout', Cause: 'Task timed out after 60.00 seconds' }),
        deps,
      );

      // Assess
      expect(error).toEqual({
        step: 'check-dns',
        name: 'States.Timeout',
        message: 'Task timed out after 60.00 seconds',
      });
    });

    it('names the step under way, not an earlier step that failed once and recovered on a retry', async () => {
      // Prepare: preflight was throttled once and retried; deploy-stage then timed out (its Lambda never recorded an end)
      await store.finishStep(REQUEST_ID, step('preflight', 'failed', 'AwsThrottlingError'));
      await store.finishStep(REQUEST_ID, step('preflight', 'done'));
      await store.finishStep(REQUEST_ID, step('ensure-endpoint', 'done'));
      await store.startStep(REQUEST_ID, 'deploy-stage', ACCEPTED_AT);

      // Act
      const error = await recordFailure(
        failure({ Error: 'States.Timeout', Cause: 'Task timed out after 75.00 seconds' }),
        deps,
      );

      // Assess
      expect(error).toEqual({
        step: 'deploy-stage',
        name: 'States.Timeout',
        message: 'Task timed out after 75.00 seconds',
      });
    });

    it('uses the error name as message when there is no cause', async () => {
      // Act
      const error = await recordFailure(failure({ Error: 'States.Runtime' }), deps);

      // Assess
      expect(error).toMatchObject({ name: 'States.Runtime', message: 'States.Runtime' });
    });

    it('reads a JSON cause without errorType by the Error name', async () => {
      // Act
      const error = await recordFailure(
        failure({ Error: 'Lambda.Unknown', Cause: JSON.stringify({ errorMessage: 'out of memory' }) }),
        deps,
      );

      // Assess
      expect(error).toMatchObject({ name: 'Lambda.Unknown', message: 'out of memory' });
    });

    it('makes the managed API FAILED, the request FAILED, publishes PrivateApiRequestFailed, then frees the apiKey', async () => {
      // Prepare
      await store.finishStep(REQUEST_ID, step('preflight', 'failed', 'VpcNotFoundError'));
      const cause = JSON.stringify({
        errorType: 'VpcNotFoundError',
        errorMessage: 'VPC vpc-0f1e2d3c4b5a69781 does not exist',
      });

      // Act
      await recordFailure(failure({ Error: 'VpcNotFoundError', Cause: cause }), deps);

      // Assess
      expect(effects).toEqual([
        'updateManagedApi:FAILED',
        'completeRequest:FAILED',
        `publish:${STATUS_DETAIL_TYPES.failed}`,
        `answerWaitingCaller:${REQUEST_ID}`,
        'releaseLease',
      ]);
      expect(store.leases.has(API_KEY)).toBe(false);
      expect(store.managedApis.get(API_KEY)?.state).toBe('FAILED');
      const [event] = published;
      expect(STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.failed].parse(event?.detail)).toEqual({
        requestId: REQUEST_ID,
        apiKey: API_KEY,
        action: 'create',
        step: 'preflight',
        error: { name: 'VpcNotFoundError', message: 'VPC vpc-0f1e2d3c4b5a69781 does not exist' },
      });
    });

    it('reports what the undo removed, on the record and in the event', async () => {
      // Prepare
      await store.finishStep(REQUEST_ID, step('check-dns', 'failed', 'DnsNotResolvingError'));
      const undone = [`deleted REST API ${REST_API_ID}`, `released ${ENDPOINT}`];

      // Act
      const error = await recordFailure(
        {
          ...failure({
            Error: 'DnsNotResolvingError',
            Cause: JSON.stringify({ errorType: 'DnsNotResolvingError', errorMessage: 'no' }),
          }),
          undo: { undone },
        },
        deps,
      );

      // Assess
      expect(error).toMatchObject({ step: 'check-dns', undone });
      expect(store.requests.get(REQUEST_ID)?.error).toMatchObject({ undone });
      expect(STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.failed].parse(published[0]?.detail)).toMatchObject({
        undone,
      });
    });

    it("reports the undo's own failure, and never names the undo as the failed step", async () => {
      // Prepare
      await store.finishStep(REQUEST_ID, step('create-api', 'failed', 'AwsLimitExceededError'));
      await store.finishStep(REQUEST_ID, step('undo', 'failed', 'AwsTransientError'));

      // Act
      const error = await recordFailure(
        {
          ...failure({
            Error: 'AwsLimitExceededError',
            Cause: JSON.stringify({ errorType: 'AwsLimitExceededError', errorMessage: 'quota' }),
          }),
          undoFailure: {
            Error: 'AwsTransientError',
            Cause: JSON.stringify({
              errorType: 'AwsTransientError',
              errorMessage: 'InternalFailure: try later',
            }),
          },
        },
        deps,
      );

      // Assess
      expect(error).toMatchObject({
        step: 'create-api',
        undoError: { name: 'AwsTransientError', message: 'InternalFailure: try later' },
      });
    });

    it('leaves the managed API as the undo put it back when an update fails', async () => {
      // Prepare: the undo of the failed update made the API ACTIVE again, as it was
      await store.updateManagedApi(API_KEY, REQUEST_ID, { state: 'ACTIVE' }, ACCEPTED_AT);

      // Act
      await recordFailure(
        {
          requestId: REQUEST_ID,
          apiKey: API_KEY,
          action: 'update',
          failure: { Error: 'States.Timeout', Cause: 'Task timed out' },
          undo: { undone: ['restored the policy'] },
        },
        deps,
      );

      // Assess
      expect(store.managedApis.get(API_KEY)?.state).toBe('ACTIVE');
      expect(store.requests.get(REQUEST_ID)?.status).toBe('FAILED');
    });

    it('makes the managed API FAILED when the undo of a failed update failed too', async () => {
      // Act
      await recordFailure(
        {
          requestId: REQUEST_ID,
          apiKey: API_KEY,
          action: 'update',
          failure: { Error: 'States.Timeout', Cause: 'Task timed out' },
          undoFailure: { Error: 'States.Timeout', Cause: 'Task timed out' },
        },
        deps,
      );

      // Assess
      expect(store.managedApis.get(API_KEY)?.state).toBe('FAILED');
    });

    it('names the step "unknown" when the request has no record', async () => {
      // Prepare
      store.requests.delete(REQUEST_ID);

      // Act
      const error = await recordFailure(failure({ Error: 'States.Runtime', Cause: 'boom' }), deps);

      // Assess
      expect(error.step).toBe('unknown');
    });
  });

  describe('recordDeleted', () => {
    it('ends the managed API DELETED, the request SUCCEEDED with what was removed, publishes PrivateApiDeleted, then frees the apiKey', async () => {
      // Act
      const outputs = await recordDeleted(
        {
          requestId: REQUEST_ID,
          apiKey: API_KEY,
          action: 'delete',
          removed: { restApiId: REST_API_ID, actions: [`deleted REST API ${REST_API_ID}`] },
          released: { released: [ENDPOINT], deleted: [ENDPOINT] },
        },
        deps,
      );

      // Assess
      expect(outputs).toEqual({
        apiId: REST_API_ID,
        removed: [`deleted REST API ${REST_API_ID}`],
        releasedEndpoints: [ENDPOINT],
        deletedEndpoints: [ENDPOINT],
      });
      expect(effects).toEqual([
        'updateManagedApi:DELETED',
        'completeRequest:SUCCEEDED',
        `publish:${STATUS_DETAIL_TYPES.deleted}`,
        `answerWaitingCaller:${REQUEST_ID}`,
        'releaseLease',
      ]);
      expect(store.managedApis.get(API_KEY)?.state).toBe('DELETED');
      expect(STATUS_EVENT_SCHEMAS[STATUS_DETAIL_TYPES.deleted].parse(published[0]?.detail)).toEqual({
        requestId: REQUEST_ID,
        apiKey: API_KEY,
        apiId: REST_API_ID,
      });
    });
  });
});
