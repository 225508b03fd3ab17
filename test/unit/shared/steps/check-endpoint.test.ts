import { VpcEndpointFailedError, VpcEndpointTimeoutError } from '../../../../shared/errors';
import {
  type CheckEndpointDeps,
  checkEndpoint,
  type PollSettings,
} from '../../../../shared/steps/check-endpoint';
import { caught } from './fakes/caught';
import { FakeEc2 } from './fakes/fake-ec2';

const SETTINGS: PollSettings = {
  initialSeconds: 5,
  backoffRate: 2,
  maxIntervalSeconds: 30,
  giveUpAfterSeconds: 600,
};

const FIRST_ROUND = { attempt: 0, elapsedSeconds: 0 };

describe('checkEndpoint', () => {
  let ec2: FakeEc2;
  let deps: CheckEndpointDeps;

  beforeEach(() => {
    ec2 = new FakeEc2();
    deps = { ec2, settings: SETTINGS };
  });

  it.each(['available', 'Available'])(
    "returns the network interfaces' addresses and the DNS names once the endpoint is %s",
    async (state) => {
      // Prepare
      const vpcEndpointId = ec2.seedEndpoint({ state });
      const endpoint = ec2.endpoint(vpcEndpointId);
      const addresses = endpoint.networkInterfaceIds.map((id) => ec2.interfaceAddresses.get(id));

      // Act
      const result = await checkEndpoint(vpcEndpointId, { attempt: 3, elapsedSeconds: 42 }, deps);

      // Assess
      expect(result).toEqual({
        ready: true,
        state,
        ipAddresses: addresses,
        dnsNames: endpoint.dnsNames,
        attempt: 4,
        elapsedSeconds: 42,
      });
      expect(addresses).toHaveLength(2);
    },
  );

  it.each(['pending', 'pendingAcceptance', 'PendingAcceptance', 'partial'])(
    'asks to wait the first interval while the endpoint is %s',
    async (state) => {
      // Prepare
      const vpcEndpointId = ec2.seedEndpoint({ state });

      // Act
      const result = await checkEndpoint(vpcEndpointId, FIRST_ROUND, deps);

      // Assess
      expect(result).toMatchObject({ ready: false, state, attempt: 1 });
      if (result.ready) throw new Error('expected a wait');
      expect(result.waitSeconds).toBe(SETTINGS.initialSeconds);
      expect(result.elapsedSeconds).toBe(result.waitSeconds);
      expect(ec2.operations()).toEqual(['describeEndpoint']);
    },
  );

  it('waits longer as the rounds go on, never more than the largest interval', async () => {
    // Prepare
    const vpcEndpointId = ec2.seedEndpoint({ state: 'pending' });
    const tenthRound = { attempt: 9, elapsedSeconds: 200 };

    // Act
    const result = await checkEndpoint(vpcEndpointId, tenthRound, deps);

    // Assess
    if (result.ready) throw new Error('expected a wait');
    expect(result.attempt).toBe(10);
    expect(result.waitSeconds).toBeGreaterThanOrEqual(SETTINGS.initialSeconds);
    expect(result.waitSeconds).toBeLessThanOrEqual(SETTINGS.maxIntervalSeconds);
    expect(result.elapsedSeconds).toBe(tenthRound.elapsedSeconds + result.waitSeconds);
  });

  it('cuts the last wait so that the endpoint is checked once more at the time limit', async () => {
    // Prepare
    const vpcEndpointId = ec2.seedEndpoint({ state: 'pending' });

    // Act
    const result = await checkEndpoint(vpcEndpointId, { attempt: 30, elapsedSeconds: 598 }, deps);

    // Assess
    expect(result).toMatchObject({ ready: false, waitSeconds: 2, elapsedSeconds: 600 });
  });

  it.each(['failed', 'rejected', 'expired', 'deleting', 'Deleted'])(
    'fails with VpcEndpointFailedError naming the state when the endpoint is %s',
    async (state) => {
      // Prepare
      const vpcEndpointId = ec2.seedEndpoint({ state });

      // Act
      const error = await caught(checkEndpoint(vpcEndpointId, FIRST_ROUND, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointFailedError);
      expect(error.name).toBe('VpcEndpointFailedError');
      expect(error.message).toBe(`VPC endpoint ${vpcEndpointId} is ${state}`);
    },
  );

  it('fails with VpcEndpointFailedError when the endpoint no longer exists', async () => {
    // Prepare
    const vpcEndpointId = 'vpce-0123456789abcdef0';

    // Act
    const error = await caught(checkEndpoint(vpcEndpointId, FIRST_ROUND, deps));

    // Assess
    expect(error).toBeInstanceOf(VpcEndpointFailedError);
    expect(error.message).toContain('no longer exists');
  });

  it('gives up with VpcEndpointTimeoutError, naming the state and the limit, once the wait is used up', async () => {
    // Prepare
    const vpcEndpointId = ec2.seedEndpoint({ state: 'pending' });

    // Act
    const error = await caught(checkEndpoint(vpcEndpointId, { attempt: 31, elapsedSeconds: 600 }, deps));

    // Assess
    expect(error).toBeInstanceOf(VpcEndpointTimeoutError);
    expect(error.name).toBe('VpcEndpointTimeoutError');
    expect(error.message).toBe(`VPC endpoint ${vpcEndpointId} is still pending after 600 s (limit 600 s)`);
  });

  it('becomes ready in the round after the endpoint turns available', async () => {
    // Prepare
    const vpcEndpointId = ec2.seedEndpoint({ state: 'pending' });
    const waiting = await checkEndpoint(vpcEndpointId, FIRST_ROUND, deps);
    ec2.setEndpointState(vpcEndpointId, 'available');

    // Act
    const result = await checkEndpoint(vpcEndpointId, waiting, deps);

    // Assess
    expect(result).toMatchObject({ ready: true, attempt: 2, elapsedSeconds: waiting.elapsedSeconds });
  });
});
