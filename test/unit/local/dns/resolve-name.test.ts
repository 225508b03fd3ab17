import type { EndpointView } from '../../../../local/core/views';
import { type DnsViews, privateZones, resolveName } from '../../../../local/services/dns/resolve-name';

const T0 = 1_700_000_000_000;
const PROPAGATION_MS = 90_000;
const settings = { aliasPropagationMs: PROPAGATION_MS, neverPropagate: false };
const VPCE = 'vpce-0123456789abcdef0';
const API = 'a1b2c3d4e5';
const VPC_A = 'vpc-0f1e2d3c4b5a69781';
const VPC_B = 'vpc-0b0b0b0b0b0b0b0b0';
const VPCE_B = 'vpce-0bbbbbbbbbbbbbbbb';

function endpoint(overrides: Partial<EndpointView> = {}): EndpointView {
  return {
    vpcEndpointId: VPCE,
    vpcId: 'vpc-0f1e2d3c4b5a69781',
    region: 'us-east-1',
    serviceName: 'com.amazonaws.us-east-1.execute-api',
    state: 'available',
    privateDnsEnabled: false,
    ipAddresses: ['10.20.1.10', '10.20.2.20'],
    dnsNames: [
      `${VPCE}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com`,
      `${VPCE}-abcd1234-us-east-1a.execute-api.us-east-1.vpce.amazonaws.com`,
      `${VPCE}-abcd1234-us-east-1b.execute-api.us-east-1.vpce.amazonaws.com`,
    ],
    ...overrides,
  };
}

/** VPC B's endpoint, at 10.40.1.10. */
function endpointInB(privateDnsEnabled: boolean): EndpointView {
  return endpoint({
    vpcEndpointId: VPCE_B,
    vpcId: VPC_B,
    privateDnsEnabled,
    ipAddresses: ['10.40.1.10'],
    dnsNames: [`${VPCE_B}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com`],
  });
}

function views(overrides: Partial<DnsViews> = {}): DnsViews {
  return {
    vpcs: [
      { vpcId: VPC_A, region: 'us-east-1', cidrBlocks: ['10.20.0.0/16'] },
      { vpcId: VPC_B, region: 'us-east-1', cidrBlocks: ['10.40.0.0/16'] },
    ],
    endpoints: [endpoint()],
    restApis: [{ restApiId: API, region: 'us-east-1', endpointTypes: ['PRIVATE'] }],
    associations: [{ restApiId: API, region: 'us-east-1', vpcEndpointId: VPCE, associatedAtMs: T0 }],
    ...overrides,
  };
}

const alias = `${API}-${VPCE}.execute-api.us-east-1.amazonaws.com`;

describe('resolveName', () => {
  it('resolves the regional name to every ENI and a zonal name to its zone only', () => {
    // Act
    const regional = resolveName(
      `${VPCE}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com`,
      views(),
      T0,
      settings,
    );
    const zonal = resolveName(
      `${VPCE}-abcd1234-us-east-1b.execute-api.us-east-1.vpce.amazonaws.com`,
      views(),
      T0,
      settings,
    );

    // Assess
    expect(regional).toEqual(['10.20.1.10', '10.20.2.20']);
    expect(zonal).toEqual(['10.20.2.20']);
  });

  it('answers nothing for an endpoint that is still pending', () => {
    // Prepare
    const pending = views({ endpoints: [endpoint({ state: 'pending', privateDnsEnabled: true })] });

    // Act
    const names = [
      `${VPCE}-abcd1234.execute-api.us-east-1.vpce.amazonaws.com`,
      `${API}.execute-api.us-east-1.amazonaws.com`,
      alias,
    ].map((name) => resolveName(name, pending, T0 + PROPAGATION_MS, settings));

    // Assess
    expect(names).toEqual([undefined, undefined, undefined]);
  });

  it('matches names case-insensitively and with a trailing dot', () => {
    // Act
    const addresses = resolveName(
      `${VPCE.toUpperCase()}-ABCD1234.Execute-Api.us-east-1.vpce.amazonaws.com.`,
      views(),
      T0,
      settings,
    );

    // Assess
    expect(addresses).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it("resolves any API id's default name inside a VPC to that VPC's own private-DNS endpoint", () => {
    // Prepare: VPC A and VPC B, each with an available endpoint with private DNS
    const both = views({
      endpoints: [endpoint({ privateDnsEnabled: true }), endpointInB(true)],
    });
    const inA = { kind: 'vpc', vpcId: VPC_A } as const;
    const inB = { kind: 'vpc', vpcId: VPC_B } as const;

    // Act
    const existingFromA = resolveName(`${API}.execute-api.us-east-1.amazonaws.com`, both, T0, settings, inA);
    const anyIdFromA = resolveName('zzzzzzzzzz.execute-api.us-east-1.amazonaws.com', both, T0, settings, inA);
    const anyIdFromB = resolveName('zzzzzzzzzz.execute-api.us-east-1.amazonaws.com', both, T0, settings, inB);
    const apexFromB = resolveName('execute-api.us-east-1.amazonaws.com', both, T0, settings, inB);

    // Assess
    expect(existingFromA).toEqual(['10.20.1.10', '10.20.2.20']);
    expect(anyIdFromA).toEqual(['10.20.1.10', '10.20.2.20']);
    expect(anyIdFromB).toEqual(['10.40.1.10']);
    expect(apexFromB).toEqual(['10.40.1.10']);
  });

  it('does not resolve the default API name outside every VPC, nor in a VPC without private DNS, nor in another region', () => {
    // Prepare
    const name = `${API}.execute-api.us-east-1.amazonaws.com`;
    const withPrivateDns = views({ endpoints: [endpoint({ privateDnsEnabled: true })] });

    // Act
    const publicly = resolveName(name, withPrivateDns, T0, settings);
    const fromOtherVpc = resolveName(name, withPrivateDns, T0, settings, { kind: 'vpc', vpcId: VPC_B });
    const withoutPrivateDns = resolveName(name, views(), T0, settings, { kind: 'vpc', vpcId: VPC_A });
    const otherRegion = resolveName(
      `${API}.execute-api.eu-west-1.amazonaws.com`,
      withPrivateDns,
      T0,
      settings,
      {
        kind: 'vpc',
        vpcId: VPC_A,
      },
    );

    // Assess
    expect(publicly).toBeUndefined();
    expect(fromOtherVpc).toBeUndefined();
    expect(withoutPrivateDns).toBeUndefined();
    expect(otherRegion).toBeUndefined();
  });

  it("answers an association alias inside a VPC with private DNS from the zone's wildcard (that VPC's endpoint)", () => {
    // Prepare: the alias names VPC A's endpoint; VPC B has an endpoint with private DNS of its own
    const withB = views({
      endpoints: [endpoint(), endpointInB(true)],
    });

    // Act
    const publicly = resolveName(alias, withB, T0 + PROPAGATION_MS, settings);
    const fromB = resolveName(alias, withB, T0 + PROPAGATION_MS, settings, { kind: 'vpc', vpcId: VPC_B });
    const fromA = resolveName(alias, withB, T0 + PROPAGATION_MS, settings, { kind: 'vpc', vpcId: VPC_A });

    // Assess
    expect(publicly).toEqual(['10.20.1.10', '10.20.2.20']);
    expect(fromB).toEqual(['10.40.1.10']);
    expect(fromA).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it('lists one private zone per VPC with a private-DNS endpoint', () => {
    // Prepare
    const current = views({
      endpoints: [endpoint({ privateDnsEnabled: true }), endpointInB(false)],
    });

    // Act
    const zones = privateZones(current);

    // Assess
    expect(zones).toEqual([
      {
        vpcId: VPC_A,
        zoneName: 'execute-api.us-east-1.amazonaws.com',
        addresses: ['10.20.1.10', '10.20.2.20'],
      },
    ]);
  });

  it('resolves an association alias only after the propagation delay', () => {
    // Act
    const before = resolveName(alias, views(), T0 + PROPAGATION_MS - 1, settings);
    const after = resolveName(alias, views(), T0 + PROPAGATION_MS, settings);

    // Assess
    expect(before).toBeUndefined();
    expect(after).toEqual(['10.20.1.10', '10.20.2.20']);
  });

  it('drops the alias when the association, the API or the endpoint goes away', () => {
    // Prepare
    const later = T0 + PROPAGATION_MS * 2;
    const cases = [
      views({ associations: [] }),
      views({ restApis: [] }),
      views({ endpoints: [] }),
      views({ endpoints: [endpoint({ state: 'deleting' })] }),
    ];

    // Act
    const answers = cases.map((current) => resolveName(alias, current, later, settings));

    // Assess
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('never resolves aliases while never-propagate is on', () => {
    // Act
    const answer = resolveName(alias, views(), T0 + PROPAGATION_MS * 10, {
      ...settings,
      neverPropagate: true,
    });

    // Assess
    expect(answer).toBeUndefined();
  });

  it('answers NXDOMAIN (undefined) for names it does not know', () => {
    // Act
    const answer = resolveName('example.com', views(), T0, settings);

    // Assess
    expect(answer).toBeUndefined();
  });
});
