import {
  AssociationNotAppliedError,
  RestApiNotFoundError,
  VpcEndpointBusyError,
  VpcEndpointMismatchError,
} from '../../../../shared/errors';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../../../../shared/naming';
import { type AssociateEndpointDeps, associateEndpoints } from '../../../../shared/steps/associate-endpoint';
import { caught } from './fakes/caught';
import { FakeApiGateway } from './fakes/fake-api-gateway';
import { FakeEc2 } from './fakes/fake-ec2';
import { InMemoryStatusStore } from './fakes/in-memory-status-store';
import { NETWORK, REGION } from './fakes/step-request';

const API_KEY = 'orders-prod';
const NOW = '2025-03-01T12:00:00.000Z';

describe('associateEndpoints', () => {
  let apiGateway: FakeApiGateway;
  let ec2: FakeEc2;
  /** The endpoint registry: which managed APIs use which endpoint. */
  let store: InMemoryStatusStore;
  let deps: AssociateEndpointDeps;
  let primary: string;
  /** An execute-api endpoint of another VPC of the account, made by its own team. */
  let partner: string;

  beforeEach(() => {
    apiGateway = new FakeApiGateway();
    ec2 = new FakeEc2();
    store = new InMemoryStatusStore();
    deps = {
      apiGateway,
      ec2,
      region: REGION,
      registerUse: (use) => store.registerEndpointUser({ ...use, apiKey: API_KEY, now: NOW }),
    };
    primary = ec2.seedEndpoint();
    partner = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId, tags: { team: 'partners' } });
  });

  it('associates the primary endpoint, checks that it took, and names it for the DNS check', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();

    // Act
    const result = await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [] },
      deps,
    );

    // Assess
    expect(result).toEqual({ associated: [primary], added: [primary], removed: [], check: [primary] });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([primary]);
    expect(apiGateway.operations()).toEqual(['getRestApi', 'addEndpointAssociation', 'getRestApi']);
  });

  it('changes nothing when the associations are already as asked, and still has the primary checked', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [primary] });

    // Act
    const result = await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [] },
      deps,
    );

    // Assess
    expect(result).toEqual({ associated: [primary], added: [], removed: [], check: [primary] });
    expect(apiGateway.operations()).toEqual(['getRestApi']);
  });

  it("associates the request's other endpoints too, registering the API as their user, and checks only the added", async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [primary] });

    // Act
    const result = await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [partner] },
      deps,
    );

    // Assess
    expect(result).toEqual({
      associated: [primary, partner],
      added: [partner],
      removed: [],
      check: [partner],
    });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([primary, partner]);
    expect(store.endpoints.get(partner)).toMatchObject({
      vpcId: NETWORK.otherVpcId,
      createdByControlPlane: false,
      users: [API_KEY],
    });
  });

  it('keeps what the registry knows of an extra endpoint the control plane made', async () => {
    // Prepare: the registry recorded it as made here when ensure-endpoint made it
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [primary] });
    const managed = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId });
    await store.registerEndpointUser({
      vpcEndpointId: managed,
      vpcId: NETWORK.otherVpcId,
      apiKey: 'other-api',
      createdByControlPlane: true,
      createdByRequestId: 'req-other',
      now: NOW,
    });

    // Act
    await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [managed] },
      deps,
    );

    // Assess
    expect(store.endpoints.get(managed)).toMatchObject({
      createdByControlPlane: true,
      createdByRequestId: 'req-other',
    });
  });

  it('never takes an extra endpoint with a copied managed tag for one the control plane made', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [primary] });
    const copied = ec2.seedEndpoint({
      vpcId: NETWORK.otherVpcId,
      tags: { [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE, [MANAGED_TAG_KEYS.requestId]: 'req-other' },
    });

    // Act
    await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [copied] },
      deps,
    );

    // Assess
    expect(store.endpoints.get(copied)).toMatchObject({ createdByControlPlane: false });
  });

  it('removes associations the request no longer asks for (their aliases go)', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ vpcEndpointIds: [primary, partner] });

    // Act
    const result = await associateEndpoints(
      { restApiId, primaryEndpointId: primary, associatedEndpointIds: [] },
      deps,
    );

    // Assess
    expect(result).toEqual({ associated: [primary], added: [], removed: [partner], check: [primary] });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([primary]);
  });

  it('associates once when it runs twice', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    const input = { restApiId, primaryEndpointId: primary, associatedEndpointIds: [partner] };
    await associateEndpoints(input, deps);

    // Act
    const second = await associateEndpoints(input, deps);

    // Assess
    expect(second).toMatchObject({ added: [], removed: [] });
    expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([primary, partner]);
    expect(store.endpoints.get(partner)?.users).toEqual([API_KEY]);
  });

  it.each([
    ['does not exist', () => 'vpce-0123456789abcdef0', 'does not exist'],
    [
      'is not for execute-api',
      (fake: FakeEc2) => fake.seedEndpoint({ serviceName: `com.amazonaws.${REGION}.s3` }),
      `is for com.amazonaws.${REGION}.s3`,
    ],
  ])(
    'refuses an associated endpoint that %s with VpcEndpointMismatchError, changing nothing',
    async (_, endpointOf, problem) => {
      // Prepare
      const restApiId = apiGateway.seedApi();
      const extra = endpointOf(ec2);

      // Act
      const error = await caught(
        associateEndpoints({ restApiId, primaryEndpointId: primary, associatedEndpointIds: [extra] }, deps),
      );

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointMismatchError);
      expect(error.message).toContain(`access.associatedVpcEndpointIds: ${extra} ${problem}`);
      expect(apiGateway.api(restApiId).summary.vpcEndpointIds).toEqual([]);
    },
  );

  it('fails with VpcEndpointBusyError, to be retried, when an associated endpoint is being deleted', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    store.endpoints.set(partner, {
      vpcEndpointId: partner,
      vpcId: NETWORK.otherVpcId,
      createdByControlPlane: true,
      users: [],
      state: 'DELETING',
      updatedAt: NOW,
    });

    // Act
    const error = await caught(
      associateEndpoints({ restApiId, primaryEndpointId: primary, associatedEndpointIds: [partner] }, deps),
    );

    // Assess
    expect(error).toBeInstanceOf(VpcEndpointBusyError);
    expect(error.message).toContain(`${partner} is being deleted`);
  });

  it('fails with AssociationNotAppliedError when UpdateRestApi answers but the associations are not as asked after', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    apiGateway.dropAssociations = true;

    // Act
    const error = await caught(
      associateEndpoints({ restApiId, primaryEndpointId: primary, associatedEndpointIds: [] }, deps),
    );

    // Assess
    expect(error).toBeInstanceOf(AssociationNotAppliedError);
    expect(error.name).toBe('AssociationNotAppliedError');
    expect(error.message).toContain(`${restApiId} is associated with [], not [${primary}]`);
  });

  it('fails with RestApiNotFoundError when the API is gone', async () => {
    // Prepare
    const restApiId = 'zzzzzzzzzz';

    // Act
    const error = await caught(
      associateEndpoints({ restApiId, primaryEndpointId: primary, associatedEndpointIds: [] }, deps),
    );

    // Assess
    expect(error).toBeInstanceOf(RestApiNotFoundError);
    expect(apiGateway.operations()).toEqual(['getRestApi']);
  });
});
