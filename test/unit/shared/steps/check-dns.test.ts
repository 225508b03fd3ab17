import { DnsNotResolvingError } from '../../../../shared/errors';
import { aliasHostname, privateDnsHostname } from '../../../../shared/naming';
import { type CheckDnsDeps, checkDns, type DnsPoll } from '../../../../shared/steps/check-dns';
import { caught } from './fakes/caught';
import { REGION } from './fakes/step-request';

const REST_API_ID = 'a1b2c3d4e5';
const ENDPOINT = 'vpce-0aaaaaaaaaaaaaaa1';
const ENDPOINT_ADDRESSES = ['10.20.1.10', '10.20.2.10'];
/** What the public resolver answers for execute-api names: API Gateway's public addresses. */
const PUBLIC_ADDRESSES = ['3.5.140.2'];
const ALIAS = aliasHostname(REST_API_ID, ENDPOINT, REGION);
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
  /** The DNS as the resolver sees it: a name's A records, or NXDOMAIN when absent. */
  let zone: Map<string, string[]>;
  let queried: string[];
  let deps: CheckDnsDeps;

  beforeEach(() => {
    zone = new Map();
    queried = [];
    deps = {
      resolve: async (hostname) => {
        queried.push(hostname);
        return zone.get(hostname) ?? 'nxdomain';
      },
      region: REGION,
      checkPrivateName: true,
      settings: SETTINGS,
    };
  });

  const input = (overrides: { privateDns?: boolean; poll?: DnsPoll } = {}) => ({
    restApiId: REST_API_ID,
    vpcEndpointId: ENDPOINT,
    privateDns: overrides.privateDns ?? false,
    expectedAddresses: ENDPOINT_ADDRESSES,
    poll: overrides.poll ?? FIRST_ROUND,
  });

  it("reports resolved when the alias answers with the endpoint's addresses", async () => {
    // Prepare
    zone.set(ALIAS, [...ENDPOINT_ADDRESSES].reverse());

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
      names: { [ALIAS]: [...ENDPOINT_ADDRESSES].reverse() },
    });
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
      names: { [ALIAS]: 'nxdomain' },
    });
    expect(result.waitSeconds).toBe(SETTINGS.initialSeconds);
    expect(result.elapsedSeconds).toBe(SETTINGS.initialSeconds);
  });

  it("asks to wait while the alias answers with addresses that are not the endpoint's", async () => {
    // Prepare
    zone.set(ALIAS, PUBLIC_ADDRESSES);

    // Act
    const result = await checkDns(input(), deps);

    // Assess
    expect(result.action).toBe('wait');
  });

  it('checks the private DNS name too when the endpoint has private DNS and the resolver sees the VPC', async () => {
    // Prepare
    zone.set(ALIAS, ENDPOINT_ADDRESSES);

    // Act
    const result = await checkDns(input({ privateDns: true }), deps);

    // Assess
    expect(queried.sort()).toEqual([ALIAS, PRIVATE_NAME].sort());
    expect(result).toMatchObject({
      action: 'wait',
      names: { [ALIAS]: ENDPOINT_ADDRESSES, [PRIVATE_NAME]: 'nxdomain' },
    });
  });

  it("reports resolved once both the alias and the private DNS name answer with the endpoint's addresses", async () => {
    // Prepare
    zone.set(ALIAS, ENDPOINT_ADDRESSES);
    zone.set(PRIVATE_NAME, ENDPOINT_ADDRESSES);

    // Act
    const result = await checkDns(input({ privateDns: true }), deps);

    // Assess
    expect(result.action).toBe('resolved');
  });

  it.each([
    ['the endpoint has no private DNS', { privateDns: false, checkPrivateName: true }],
    ["the resolver does not see the VPC's private zone", { privateDns: true, checkPrivateName: false }],
  ])('resolves only the alias when %s', async (_, { privateDns, checkPrivateName }) => {
    // Prepare
    zone.set(ALIAS, ENDPOINT_ADDRESSES);
    zone.set(PRIVATE_NAME, PUBLIC_ADDRESSES);

    // Act
    const result = await checkDns(input({ privateDns }), { ...deps, checkPrivateName });

    // Assess
    expect(queried).toEqual([ALIAS]);
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
    expect(error.message).toContain(
      `${ALIAS} did not resolve to the endpoint's addresses (10.20.1.10, 10.20.2.10)`,
    );
    expect(error.message).toContain('after 600 s and a redeployment');
  });

  it('names only the names that do not resolve when it gives up', async () => {
    // Prepare
    zone.set(ALIAS, ENDPOINT_ADDRESSES);
    const poll = { attempt: 40, elapsedSeconds: SETTINGS.giveUpAfterSeconds, redeployed: false };

    // Act
    const error = await caught(checkDns(input({ privateDns: true, poll }), deps));

    // Assess
    expect(error).toBeInstanceOf(DnsNotResolvingError);
    expect(error.message).toMatch(new RegExp(`^${PRIVATE_NAME.replace(/\./g, '\\.')} did not resolve`));
    expect(error.message).not.toContain('and a redeployment');
  });

  it('still reports resolved in the last round', async () => {
    // Prepare
    zone.set(ALIAS, ENDPOINT_ADDRESSES);
    const poll = { attempt: 40, elapsedSeconds: SETTINGS.giveUpAfterSeconds, redeployed: true };

    // Act
    const result = await checkDns(input({ poll }), deps);

    // Assess
    expect(result.action).toBe('resolved');
  });
});
