import type { EndpointView } from '../../../../local/core/views';
import { type DnsViews, resolveName } from '../../../../local/services/dns/resolve-name';

const T0 = 1_700_000_000_000;
const PROPAGATION_MS = 90_000;
const settings = { aliasPropagationMs: PROPAGATION_MS, neverPropagate: false };
const VPCE = 'vpce-0123456789abcdef0';
const API = 'a1b2c3d4e5';

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

function views(overrides: Partial<DnsViews> = {}): DnsViews {
  return {
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

  it('resolves the default API name only when the endpoint has private DNS', () => {
    // Prepare
    const name = `${API}.execute-api.us-east-1.amazonaws.com`;
    const withPrivateDns = views({ endpoints: [endpoint({ privateDnsEnabled: true })] });

    // Act
    const without = resolveName(name, views(), T0, settings);
    const withIt = resolveName(name, withPrivateDns, T0, settings);
    const unknownApi = resolveName(
      'zzzzzzzzzz.execute-api.us-east-1.amazonaws.com',
      withPrivateDns,
      T0,
      settings,
    );
    const otherRegion = resolveName(
      `${API}.execute-api.eu-west-1.amazonaws.com`,
      withPrivateDns,
      T0,
      settings,
    );

    // Assess
    expect(without).toBeUndefined();
    expect(withIt).toEqual(['10.20.1.10', '10.20.2.20']);
    expect(unknownApi).toBeUndefined();
    expect(otherRegion).toBeUndefined();
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
