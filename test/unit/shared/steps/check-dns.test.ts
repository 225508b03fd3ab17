import { DnsNotResolvingError } from '../../../../shared/errors';
import { aliasHostname, privateDnsHostname } from '../../../../shared/naming';
import { type CheckDnsDeps, checkDns, type DnsPoll } from '../../../../shared/steps/check-dns';
import { caught } from './fakes/caught';
import { FakeEc2 } from './fakes/fake-ec2';
import { NETWORK, REGION } from './fakes/step-request';

const REST_API_ID = 'a1b2c3d4e5';
/** What the public resolver answers for execute-api names: API Gateway's public addresses. */
const PUBLIC_ADDRESSES = ['3.5.140.2'];
const PRIVATE_NAME = privateDnsHostname(REST_API_ID, REGION);

const SETTINGS: CheckDnsDeps['settings'] = {
  initialSeconds: 5,
  backoffRate: 1.5,
  maxIntervalSeconds: 30,
  redeployAfterSeconds: 120,
  giveUpAfterSeconds: 600,
};

const FIRST_ROUND: DnsPoll = { attempt: 0, elapsedSeconds: 0, redeployed: false };

describe('checkDns', () => {
  /** Public DNS as the resolver sees it: a name's A records, or NXDOMAIN when absent. */
  let zone: Map<string, string[]>;
  /** The VPC's private zone: what a resolver answers only when asked as from inside the VPC. */
  let insideVpc: Map<string, string[]>;
  let queried: string[];
  /** Each query's `asSeenFrom`, by name. */
  let askedFrom: Map<string, string | undefined>;
  let ec2: FakeEc2;
  let deps: CheckDnsDeps;
  /** The request's endpoint, its association alias and its network interfaces' addresses. */
  let endpoint: string;
  let alias: string;
  let endpointAddresses: string[];

  beforeEach(() => {
    zone = new Map();
    insideVpc = new Map();
    queried = [];
    askedFrom = new Map();
    ec2 = new FakeEc2();
    deps = {
      resolve: async (hostname, options = {}) => {
        queried.push(hostname);
        askedFrom.set(hostname, options.asSeenFrom);
        const inVpc = options.asSeenFrom !== undefined && endpointAddresses.includes(options.asSeenFrom);
        return (inVpc ? insideVpc.get(hostname) : undefined) ?? zone.get(hostname) ?? 'nxdomain';
      },
      ec2,
      region: REGION,
      checkPrivateName: true,
      settings: SETTINGS,
    };
    endpoint = ec2.seedEndpoint();
    alias = aliasHostname(REST_API_ID, endpoint, REGION);
    endpointAddresses = addressesOf(endpoint);
  });

  /** The private addresses of an endpoint's network interfaces, as DescribeNetworkInterfaces gives them. */
  const addressesOf = (vpcEndpointId: string) =>
    ec2.endpoint(vpcEndpointId).networkInterfaceIds.map((id) => ec2.interfaceAddresses.get(id) ?? '');

  const input = (overrides: { privateDns?: boolean; poll?: DnsPoll; vpcEndpointIds?: string[] } = {}) => ({
    restApiId: REST_API_ID,
    vpcEndpointIds: overrides.vpcEndpointIds ?? [endpoint],
    primaryEndpointId: endpoint,
    privateDns: overrides.privateDns ?? false,
    poll: overrides.poll ?? FIRST_ROUND,
  });

  it("reports resolved when the alias answers with the endpoint's addresses", async () => {
    // Prepare
    zone.set(alias, [...endpointAddresses].reverse());

    // Act
    const result = await checkDns(
      input({ poll: { attempt: 2, elapsedSeconds: 15, redeployed: false } }),
      deps,
    );

    // Assess
    expect(result).toEqual({
      attempt: 3,
      elapsedSeconds: 15,
      redeployed: false,
      action: 'resolved',
      waitSeconds: 0,
      names: { [alias]: [...endpointAddresses].reverse() },
      addresses: { [endpoint]: endpointAddresses },
    });
  });

  it("looks the endpoint's addresses up once and carries them in the loop's state", async () => {
    // Prepare: a first round that has to wait
    const first = await checkDns(input(), deps);
    const lookupsAfterFirst = ec2.operations().length;
    zone.set(alias, endpointAddresses);

    // Act
    const second = await checkDns(input({ poll: first }), deps);

    // Assess
    expect(first.addresses).toEqual({ [endpoint]: endpointAddresses });
    expect(second.action).toBe('resolved');
    expect(ec2.operations().length).toBe(lookupsAfterFirst);
  });

  it('asks to wait while the alias is NXDOMAIN', async () => {
    // Prepare: nothing in the zone yet

    // Act
    const result = await checkDns(input(), deps);

    // Assess
    expect(result).toMatchObject({
      action: 'wait',
      attempt: 1,
      redeployed: false,
      names: { [alias]: 'nxdomain' },
    });
    expect(result.waitSeconds).toBe(SETTINGS.initialSeconds);
    expect(result.elapsedSeconds).toBe(SETTINGS.initialSeconds);
  });

  it("asks to wait while the alias answers with addresses that are not the endpoint's", async () => {
    // Prepare
    zone.set(alias, PUBLIC_ADDRESSES);

    // Act
    const result = await checkDns(input(), deps);

    // Assess
    expect(result.action).toBe('wait');
  });

  it('checks the private DNS name too when the endpoint has private DNS and the resolver sees the VPC', async () => {
    // Prepare
    zone.set(alias, endpointAddresses);

    // Act
    const result = await checkDns(input({ privateDns: true }), deps);

    // Assess
    expect(queried.sort()).toEqual([alias, PRIVATE_NAME].sort());
    expect(result).toMatchObject({
      action: 'wait',
      names: { [alias]: endpointAddresses, [PRIVATE_NAME]: 'nxdomain' },
    });
  });

  it("reports resolved once both the alias and the private DNS name answer with the endpoint's addresses", async () => {
    // Prepare
    zone.set(alias, endpointAddresses);
    zone.set(PRIVATE_NAME, endpointAddresses);

    // Act
    const result = await checkDns(input({ privateDns: true }), deps);

    // Assess
    expect(result.action).toBe('resolved');
  });

  it("asks the private DNS name as seen from the request's VPC and the alias publicly", async () => {
    // Prepare: the private name answers only inside the VPC, as a private hosted zone does
    zone.set(alias, endpointAddresses);
    insideVpc.set(PRIVATE_NAME, endpointAddresses);

    // Act
    const result = await checkDns(input({ privateDns: true }), deps);

    // Assess
    expect(result.action).toBe('resolved');
    expect(askedFrom).toEqual(
      new Map([
        [alias, undefined],
        [PRIVATE_NAME, endpointAddresses[0]],
      ]),
    );
  });

  it('counts the private name as not resolving, without asking, when the endpoint has no interface addresses', async () => {
    // Prepare: an endpoint whose interfaces are gone
    const bare = ec2.seedEndpoint({ networkInterfaceIds: [] });
    const bareAlias = aliasHostname(REST_API_ID, bare, REGION);
    zone.set(PRIVATE_NAME, PUBLIC_ADDRESSES);

    // Act
    const result = await checkDns(
      { ...input({ privateDns: true, vpcEndpointIds: [bare] }), primaryEndpointId: bare },
      deps,
    );

    // Assess
    expect(queried).toEqual([bareAlias]);
    expect(result).toMatchObject({ action: 'wait', names: { [PRIVATE_NAME]: 'nxdomain' } });
  });

  it.each([
    ['the endpoint has no private DNS', { privateDns: false, checkPrivateName: true }],
    ["the resolver does not see the VPC's private zone", { privateDns: true, checkPrivateName: false }],
  ])('resolves only the alias when %s', async (_, { privateDns, checkPrivateName }) => {
    // Prepare
    zone.set(alias, endpointAddresses);
    zone.set(PRIVATE_NAME, PUBLIC_ADDRESSES);

    // Act
    const result = await checkDns(input({ privateDns }), { ...deps, checkPrivateName });

    // Assess
    expect(queried).toEqual([alias]);
    expect(result.action).toBe('resolved');
  });

  it("waits until each associated endpoint's alias answers with that endpoint's own addresses", async () => {
    // Prepare: an endpoint of another VPC associated as well
    const partner = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId });
    const partnerAlias = aliasHostname(REST_API_ID, partner, REGION);
    zone.set(alias, endpointAddresses);
    zone.set(partnerAlias, endpointAddresses);

    // Act
    const crossed = await checkDns(input({ vpcEndpointIds: [endpoint, partner] }), deps);
    zone.set(partnerAlias, addressesOf(partner));
    const resolved = await checkDns(input({ vpcEndpointIds: [endpoint, partner] }), deps);

    // Assess
    expect(crossed.action).toBe('wait');
    expect(resolved).toMatchObject({ action: 'resolved', names: { [alias]: endpointAddresses } });
  });

  it("checks the private DNS name against the request's own endpoint only", async () => {
    // Prepare: an update associates a partner endpoint; the request's own one is associated already
    const partner = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId });
    zone.set(aliasHostname(REST_API_ID, partner, REGION), addressesOf(partner));

    // Act
    const result = await checkDns(input({ vpcEndpointIds: [partner], privateDns: true }), deps);

    // Assess
    expect(queried).toEqual([aliasHostname(REST_API_ID, partner, REGION)]);
    expect(result.action).toBe('resolved');
  });

  it('asks for a redeployment once the alias has not resolved for redeployAfterSeconds', async () => {
    // Prepare
    const poll = { attempt: 12, elapsedSeconds: SETTINGS.redeployAfterSeconds, redeployed: false };

    // Act
    const result = await checkDns(input({ poll }), deps);

    // Assess
    expect(result).toMatchObject({ action: 'redeploy', redeployed: true, attempt: 13 });
    expect(result.waitSeconds).toBeGreaterThanOrEqual(1);
  });

  it('does not ask for a redeployment before redeployAfterSeconds', async () => {
    // Prepare
    const poll = { attempt: 11, elapsedSeconds: SETTINGS.redeployAfterSeconds - 1, redeployed: false };

    // Act
    const result = await checkDns(input({ poll }), deps);

    // Assess
    expect(result).toMatchObject({ action: 'wait', redeployed: false });
  });

  it('waits rather than redeploying a second time', async () => {
    // Prepare
    const poll = { attempt: 20, elapsedSeconds: 300, redeployed: true };

    // Act
    const result = await checkDns(input({ poll }), deps);

    // Assess
    expect(result).toMatchObject({ action: 'wait', redeployed: true });
  });

  it('redeploys exactly once over a whole wait that never resolves, then fails with DnsNotResolvingError', async () => {
    // Prepare: the state machine's loop, the result of a round being the next round's poll
    let poll: DnsPoll = FIRST_ROUND;
    const actions: string[] = [];

    // Act
    const error = await caught(
      (async () => {
        for (;;) {
          const result = await checkDns(input({ poll }), deps);
          actions.push(result.action);
          poll = {
            attempt: result.attempt,
            elapsedSeconds: result.elapsedSeconds,
            redeployed: result.redeployed,
          };
        }
      })(),
    );

    // Assess
    expect(actions.filter((action) => action === 'redeploy')).toHaveLength(1);
    expect(poll.elapsedSeconds).toBe(SETTINGS.giveUpAfterSeconds);
    expect(error).toBeInstanceOf(DnsNotResolvingError);
    expect(error.name).toBe('DnsNotResolvingError');
    expect(error.message).toContain(`${alias} (expected ${endpointAddresses.join(', ')})`);
    expect(error.message).toContain(
      "did not resolve to the endpoint's addresses after 600 s and a redeployment",
    );
  });

  it('names only the names that do not resolve when it gives up', async () => {
    // Prepare
    zone.set(alias, endpointAddresses);
    const poll = { attempt: 40, elapsedSeconds: SETTINGS.giveUpAfterSeconds, redeployed: false };

    // Act
    const error = await caught(checkDns(input({ privateDns: true, poll }), deps));

    // Assess
    expect(error).toBeInstanceOf(DnsNotResolvingError);
    expect(error.message).toMatch(
      new RegExp(
        `^${PRIVATE_NAME.replace(/\./g, '\\.')} as seen from ${endpointAddresses[0]} in the VPC \\(expected [^)]*\\) did not resolve`,
      ),
    );
    expect(error.message).not.toContain('and a redeployment');
  });

  it('still reports resolved in the last round', async () => {
    // Prepare
    zone.set(alias, endpointAddresses);
    const poll = { attempt: 40, elapsedSeconds: SETTINGS.giveUpAfterSeconds, redeployed: true };

    // Act
    const result = await checkDns(input({ poll }), deps);

    // Assess
    expect(result.action).toBe('resolved');
  });
});
