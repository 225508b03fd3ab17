import {
  VpcEndpointBusyError,
  VpcEndpointConflictError,
  VpcEndpointMismatchError,
} from '../../../../shared/errors';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../../../../shared/naming';
import { type EnsureEndpointDeps, ensureEndpoint } from '../../../../shared/steps/ensure-endpoint';
import type { StepRequest } from '../../../../shared/steps/step-input';
import { caught } from './fakes/caught';
import { ec2Error, FakeEc2 } from './fakes/fake-ec2';
import { InMemoryEndpointSlots } from './fakes/in-memory-endpoint-slots';
import { InMemoryStatusStore } from './fakes/in-memory-status-store';
import { NETWORK, REGION, stepRequest } from './fakes/step-request';

const REQUEST_ID = 'req-0001';
const API_KEY = 'orders-prod';
const NOW = '2025-03-01T12:00:00.000Z';
const EXECUTE_API = `com.amazonaws.${REGION}.execute-api`;
/** Another security group of the VPC (the fake EC2 does not check groups at creation). */
const OTHER_GROUP = 'sg-0a1b2c3d4e5f60080';

/** Tags of an endpoint another request of the control plane created in the VPC. */
const managedTags = (requestId: string) => ({
  [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
  [MANAGED_TAG_KEYS.vpcId]: NETWORK.vpcId,
  [MANAGED_TAG_KEYS.requestId]: requestId,
});

describe('ensureEndpoint', () => {
  let ec2: FakeEc2;
  /** The endpoint registry: which managed APIs use which endpoint. */
  let store: InMemoryStatusStore;
  /** The VPCs' managed endpoints, as the control plane recorded them. */
  let slots: InMemoryEndpointSlots;
  let deps: EnsureEndpointDeps;

  beforeEach(() => {
    ec2 = new FakeEc2();
    store = new InMemoryStatusStore();
    slots = new InMemoryEndpointSlots();
    deps = registryDeps(ec2, store, slots);
  });

  describe('with the endpoint the request names', () => {
    it('uses it as it is and creates nothing', async () => {
      // Prepare
      const named = ec2.seedEndpoint();
      const request = stepRequest({ network: { vpcEndpointId: named } });

      // Act
      const result = await ensureEndpoint(REQUEST_ID, request, deps);

      // Assess
      expect(result).toEqual({ vpcEndpointId: named, created: false, source: 'request' });
      expect(ec2.operations()).toEqual(['describeEndpoint']);
    });

    it('uses it while it is still pending', async () => {
      // Prepare
      const named = ec2.seedEndpoint({ state: 'pendingAcceptance' });
      const request = stepRequest({ network: { vpcEndpointId: named } });

      // Act
      const result = await ensureEndpoint(REQUEST_ID, request, deps);

      // Assess
      expect(result.vpcEndpointId).toBe(named);
    });

    it.each<[string, Parameters<FakeEc2['seedEndpoint']>[0], string]>([
      [
        'for another service',
        { serviceName: `com.amazonaws.${REGION}.s3` },
        `is for com.amazonaws.${REGION}.s3`,
      ],
      [
        'in another VPC',
        { vpcId: NETWORK.otherVpcId },
        `is in ${NETWORK.otherVpcId}, not in ${NETWORK.vpcId}`,
      ],
      ['of type Gateway', { endpointType: 'Gateway' }, 'is a Gateway endpoint, not an Interface endpoint'],
      ['rejected', { state: 'rejected' }, 'is rejected'],
      ['deleted', { state: 'Deleted' }, 'is Deleted'],
    ])('refuses one %s with VpcEndpointMismatchError', async (_, fields, problem) => {
      // Prepare
      const named = ec2.seedEndpoint(fields);
      const request = stepRequest({ network: { vpcEndpointId: named } });

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointMismatchError);
      expect(error.name).toBe('VpcEndpointMismatchError');
      expect(error.message).toContain(`network.vpcEndpointId ${named} ${problem}`);
      expect(ec2.createInputs()).toEqual([]);
      expect(store.endpoints.size).toBe(0);
    });

    it('refuses one without private DNS when the request asks for private DNS (its private DNS URL could not resolve)', async () => {
      // Prepare
      const named = ec2.seedEndpoint({ privateDnsEnabled: false });
      const request = stepRequest({ network: { vpcEndpointId: named, privateDns: true } });

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointMismatchError);
      expect(error.message).toContain('privateDns');
    });

    it('refuses one that does not exist rather than creating another', async () => {
      // Prepare
      const request = stepRequest({ network: { vpcEndpointId: 'vpce-0123456789abcdef0' } });

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointMismatchError);
      expect(error.message).toContain('vpce-0123456789abcdef0 does not exist');
      expect(ec2.createInputs()).toEqual([]);
    });
  });

  describe('without a named endpoint', () => {
    it('creates an Interface endpoint with managed tags and a ClientToken from the VPC and parameters', async () => {
      // Prepare
      const request = stepRequest();

      // Act
      const result = await ensureEndpoint(REQUEST_ID, request, deps);

      // Assess
      expect(result).toEqual({
        vpcEndpointId: expect.stringMatching(/^vpce-/),
        created: true,
        source: 'created',
      });
      const [input] = ec2.createInputs();
      expect(input).toEqual({
        vpcId: NETWORK.vpcId,
        serviceName: EXECUTE_API,
        subnetIds: [NETWORK.subnetA, NETWORK.subnetB],
        securityGroupIds: [NETWORK.httpsGroup],
        privateDnsEnabled: true,
        clientToken: expect.stringMatching(new RegExp(`^papi-${NETWORK.vpcId}-[0-9a-f]{16}$`)),
        tags: managedTags(REQUEST_ID),
      });
      expect(await slots.get(NETWORK.vpcId, 'PRIVATE_DNS')).toMatchObject({
        claimedBy: REQUEST_ID,
        vpcEndpointId: result.vpcEndpointId,
        generation: 0,
      });
    });

    it("reuses the VPC's managed endpoint another request made, with whatever parameters this one has", async () => {
      // Prepare
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);
      const otherGroups = stepRequest({ network: { securityGroupIds: [OTHER_GROUP] } });

      // Act
      const result = await ensureEndpoint(REQUEST_ID, otherGroups, deps);

      // Assess: the first request's parameters win
      expect(result).toEqual({ vpcEndpointId: earlier.vpcEndpointId, created: false, source: 'managed' });
      expect(ec2.createInputs()).toHaveLength(1);
    });

    it('converges with a concurrent request of other security groups on one endpoint', async () => {
      // Prepare: another request claims the slot between this one's read and its write
      slots.beforeNextClaimWrite = async () => {
        await ensureEndpoint(
          'req-concurrent',
          stepRequest({ network: { securityGroupIds: [OTHER_GROUP] } }),
          deps,
        );
      };

      // Act
      const result = await ensureEndpoint(REQUEST_ID, stepRequest(), deps);

      // Assess
      expect(result).toMatchObject({ created: false, source: 'managed' });
      expect(ec2.endpoints.size).toBe(1);
      expect(ec2.endpoint(result.vpcEndpointId).tags[MANAGED_TAG_KEYS.requestId]).toBe('req-concurrent');
    });

    it('gets the same endpoint back from a retry of a claim whose endpoint id was never recorded', async () => {
      // Prepare: the slot is claimed and the endpoint made, but the answer was lost before it was recorded
      const first = await ensureEndpoint(REQUEST_ID, stepRequest(), deps);
      const slot = slots.slots.get(`${NETWORK.vpcId}#PRIVATE_DNS`);
      if (!slot) throw new Error('no slot');
      const { vpcEndpointId: _lost, ...unrecorded } = slot;
      slots.slots.set(`${NETWORK.vpcId}#PRIVATE_DNS`, unrecorded);

      // Act
      const retry = await ensureEndpoint(REQUEST_ID, stepRequest(), deps);

      // Assess
      expect(retry).toEqual({ vpcEndpointId: first.vpcEndpointId, created: true, source: 'created' });
      expect(ec2.endpoints.size).toBe(1);
    });

    it('never takes an endpoint with a copied managed tag for the VPC managed one', async () => {
      // Prepare: a team's endpoint carrying the control plane's tags, private DNS off
      const copied = ec2.seedEndpoint({ privateDnsEnabled: false, tags: managedTags('req-earlier') });

      // Act
      const result = await ensureEndpoint(REQUEST_ID, stepRequest({ network: { privateDns: false } }), deps);

      // Assess
      expect(result.vpcEndpointId).not.toBe(copied);
      expect(result.source).toBe('created');
      expect(store.endpoints.get(copied)).toBeUndefined();
    });

    it('serves a request without private DNS from the managed private-DNS endpoint when there is one', async () => {
      // Prepare
      const withPrivateDns = await ensureEndpoint('req-earlier', stepRequest(), deps);

      // Act
      const result = await ensureEndpoint(REQUEST_ID, stepRequest({ network: { privateDns: false } }), deps);

      // Assess
      expect(result).toEqual({
        vpcEndpointId: withPrivateDns.vpcEndpointId,
        created: false,
        source: 'managed',
      });
    });

    it('sends the same ClientToken for the same VPC and parameters, whatever their order or the request', async () => {
      // Prepare
      const reordered = stepRequest({ network: { subnetIds: [NETWORK.subnetB, NETWORK.subnetA] } });
      const withoutPrivateDns = stepRequest({ network: { privateDns: false } });

      // Act
      const token = await clientTokenFor(REQUEST_ID, stepRequest());
      const reorderedToken = await clientTokenFor('req-0002', reordered);
      const otherToken = await clientTokenFor(REQUEST_ID, withoutPrivateDns);

      // Assess
      expect(reorderedToken).toBe(token);
      expect(otherToken).not.toBe(token);
    });

    it('asks for the id of an unmanaged endpoint with private DNS that blocks creation, and frees the slot', async () => {
      // Prepare
      const foreign = ec2.seedEndpoint({ privateDnsEnabled: true, tags: { team: 'networking' } });

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, stepRequest(), deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointConflictError);
      expect(error.message).toContain(
        `VPC ${NETWORK.vpcId} already has an execute-api endpoint with private DNS`,
      );
      expect(error.message).toContain('pass its id as network.vpcEndpointId');
      expect(error.cause).toMatchObject({ name: 'InvalidParameter' });
      expect(ec2.endpoints.has(foreign)).toBe(true);
      expect(ec2.endpoints.size).toBe(1);
      expect(await slots.get(NETWORK.vpcId, 'PRIVATE_DNS')).toEqual({
        vpcId: NETWORK.vpcId,
        kind: 'PRIVATE_DNS',
        generation: 1,
      });
    });

    it('makes a new endpoint under the next generation when the managed one was deleted behind its back', async () => {
      // Prepare
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);
      ec2.setEndpointState(earlier.vpcEndpointId, 'deleted');

      // Act
      const result = await ensureEndpoint(REQUEST_ID, stepRequest(), deps);

      // Assess
      expect(result).toMatchObject({ created: true, source: 'created' });
      expect(result.vpcEndpointId).not.toBe(earlier.vpcEndpointId);
      const [first, fresh] = ec2.createInputs().map((input) => input.clientToken);
      expect(fresh).toBe(`${first}-g1`);
    });

    it('waits with VpcEndpointBusyError while the managed endpoint is being deleted', async () => {
      // Prepare
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);
      ec2.setEndpointState(earlier.vpcEndpointId, 'deleting');

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, stepRequest(), deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointBusyError);
      expect(error.message).toContain(`${earlier.vpcEndpointId} of ${NETWORK.vpcId} is still being deleted`);
    });

    it('waits while the previous generation still holds the private DNS name after its release', async () => {
      // Prepare: released with its last API, still being deleted
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);
      const slot = await slots.get(NETWORK.vpcId, 'PRIVATE_DNS');
      if (!slot) throw new Error('no slot');
      await slots.release(slot, earlier.vpcEndpointId);
      ec2.setEndpointState(earlier.vpcEndpointId, 'deleting');

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, stepRequest(), deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointBusyError);
      expect(error.message).toContain(`${earlier.vpcEndpointId} of ${NETWORK.vpcId} is still being deleted`);
    });

    it('rethrows any other creation failure unchanged', async () => {
      // Prepare
      const limit = ec2Error(
        'VpcEndpointLimitExceeded',
        'The maximum number of VPC endpoints has been reached.',
      );
      jest.spyOn(ec2, 'createInterfaceEndpoint').mockRejectedValueOnce(limit);

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, stepRequest(), deps));

      // Assess
      expect(error).toBe(limit);
    });
  });

  describe('the endpoint registry', () => {
    it('records the API as a user of an endpoint it created, with the request that created it', async () => {
      // Act
      const result = await ensureEndpoint(REQUEST_ID, stepRequest(), deps);

      // Assess
      expect(store.endpoints.get(result.vpcEndpointId)).toMatchObject({
        vpcId: NETWORK.vpcId,
        createdByControlPlane: true,
        createdByRequestId: REQUEST_ID,
        users: [API_KEY],
        state: 'ACTIVE',
      });
    });

    it('records the managed endpoint as made by the control plane, under the request that made it', async () => {
      // Prepare
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);

      // Act
      await ensureEndpoint(REQUEST_ID, stepRequest(), deps);

      // Assess
      expect(store.endpoints.get(earlier.vpcEndpointId)).toMatchObject({
        createdByControlPlane: true,
        createdByRequestId: 'req-earlier',
        users: [API_KEY],
      });
    });

    it('records a named endpoint as not made here, even with a copied managed tag (so it is never deleted)', async () => {
      // Prepare
      const named = ec2.seedEndpoint({ tags: managedTags('req-earlier') });

      // Act
      await ensureEndpoint(REQUEST_ID, stepRequest({ network: { vpcEndpointId: named } }), deps);

      // Assess
      expect(store.endpoints.get(named)).toMatchObject({ createdByControlPlane: false, users: [API_KEY] });
    });

    it('fails with VpcEndpointBusyError, to be retried, while the managed endpoint is being deleted', async () => {
      // Prepare
      const earlier = await ensureEndpoint('req-earlier', stepRequest(), deps);
      const record = store.endpoints.get(earlier.vpcEndpointId);
      if (!record) throw new Error('no record');
      store.endpoints.set(earlier.vpcEndpointId, { ...record, users: [], state: 'DELETING' });

      // Act
      const error = await caught(ensureEndpoint(REQUEST_ID, stepRequest(), deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointBusyError);
      expect(error.name).toBe('VpcEndpointBusyError');
      expect(error.message).toContain(`${earlier.vpcEndpointId} is being deleted`);
      expect(store.endpoints.get(earlier.vpcEndpointId)?.users).toEqual([]);
    });
  });
});

/** Deps whose registerUse records the API as a user of the endpoint in the status table, as the Lambda does. */
function registryDeps(
  ec2: FakeEc2,
  store: InMemoryStatusStore,
  slots: InMemoryEndpointSlots,
): EnsureEndpointDeps {
  return {
    ec2,
    slots,
    region: REGION,
    now: () => new Date(NOW),
    registerUse: (use) => store.registerEndpointUser({ ...use, apiKey: API_KEY, now: NOW }),
  };
}

/** The ClientToken CreateVpcEndpoint receives for this request in a VPC without endpoints. */
async function clientTokenFor(requestId: string, request: StepRequest): Promise<string | undefined> {
  const ec2 = new FakeEc2();
  await ensureEndpoint(
    requestId,
    request,
    registryDeps(ec2, new InMemoryStatusStore(), new InMemoryEndpointSlots()),
  );
  return ec2.createInputs()[0]?.clientToken;
}
