import type { EndpointView, VpcView } from '../../../../local/core/views';
import { PUBLIC_VIEW, selectView } from '../../../../local/services/dns/vpc-view';

const VPC_A = 'vpc-0aaaaaaaaaaaaaaaa';
const VPC_B = 'vpc-0bbbbbbbbbbbbbbbb';
const VPC_C = 'vpc-0cccccccccccccccc';

const vpc = (vpcId: string, ...cidrBlocks: string[]): VpcView => ({ vpcId, region: 'us-east-1', cidrBlocks });

function endpoint(vpcId: string, ipAddresses: string[]): EndpointView {
  return {
    vpcEndpointId: `vpce-0${vpcId.slice(-16)}`,
    vpcId,
    region: 'us-east-1',
    serviceName: 'com.amazonaws.us-east-1.execute-api',
    state: 'available',
    privateDnsEnabled: true,
    ipAddresses,
    dnsNames: [],
  };
}

const ipv4 = (address: string, sourcePrefixLength = 32) => ({ family: 1, sourcePrefixLength, address });

/** Three VPCs with disjoint CIDRs. */
const DISJOINT = [vpc(VPC_A, '10.20.0.0/16'), vpc(VPC_B, '10.40.0.0/16'), vpc(VPC_C, '172.16.0.0/20')];

describe('selectView', () => {
  it('answers a query without a client subnet from outside every VPC, for everyone (scope 0)', () => {
    // Act
    const selection = selectView(undefined, DISJOINT, []);

    // Assess
    expect(selection).toEqual({ outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 0 });
  });

  it.each([
    ['an address of VPC A', ipv4('10.20.1.17'), VPC_A],
    ['an address of VPC B', ipv4('10.40.2.9'), VPC_B],
    ['a /24 inside VPC C', ipv4('172.16.3.0', 24), VPC_C],
    ['the whole block of VPC A', ipv4('10.20.0.0', 16), VPC_A],
  ])('picks the VPC whose CIDR holds %s, the answer holding for its whole block', (_, subnet, vpcId) => {
    // Act
    const selection = selectView(subnet, DISJOINT, []);

    // Assess
    expect(selection).toEqual({
      outcome: 'view',
      view: { kind: 'vpc', vpcId },
      scopePrefixLength: vpcId === VPC_C ? 20 : 16,
    });
  });

  it('looks at every CIDR block of a VPC', () => {
    // Prepare: VPC A with a secondary block
    const vpcs = [vpc(VPC_A, '10.20.0.0/16', '100.64.0.0/24'), vpc(VPC_B, '10.40.0.0/16')];

    // Act
    const selection = selectView(ipv4('100.64.0.77'), vpcs, []);

    // Assess
    expect(selection).toEqual({
      outcome: 'view',
      view: { kind: 'vpc', vpcId: VPC_A },
      scopePrefixLength: 24,
    });
  });

  it('answers an address inside no VPC from outside every VPC, for that subnet', () => {
    // Act
    const selection = selectView(ipv4('192.168.7.0', 24), DISJOINT, []);

    // Assess
    expect(selection).toEqual({ outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 24 });
  });

  it('answers a subnet wider than a VPC from outside, saying it was not specific enough', () => {
    // Act: 10.0.0.0/8 holds VPC A and VPC B without lying in either
    const selection = selectView(ipv4('10.0.0.0', 8), DISJOINT, []);

    // Assess
    expect(selection).toEqual({ outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 16 });
  });

  it.each([
    ['withholds its address (SOURCE PREFIX-LENGTH 0)', ipv4('0.0.0.0', 0)],
    ['sends FAMILY 0 and no address', { family: 0, sourcePrefixLength: 0 }],
    [
      'is an IPv6 subnet (no local VPC has an IPv6 block)',
      { family: 2, sourcePrefixLength: 56, address: '2600:1f18:0:0:0:0:0:0' },
    ],
  ])('answers an asker that %s from outside every VPC, for everyone', (_, subnet) => {
    // Act
    const selection = selectView(subnet, DISJOINT, []);

    // Assess
    expect(selection).toEqual({ outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 0 });
  });

  it.each([
    ['an unknown FAMILY', { family: 3, sourcePrefixLength: 0 }, /unknown FAMILY 3/],
    ['FAMILY 0 with a prefix', { family: 0, sourcePrefixLength: 8 }, /FAMILY 0/],
    ['a prefix longer than the address', ipv4('10.20.1.1', 33), /exceeds 32/],
    ['address bits past the prefix', ipv4('10.20.1.1', 16), /bits set past SOURCE PREFIX-LENGTH 16/],
  ])('calls an option with %s malformed (FORMERR)', (_, subnet, reason) => {
    // Act
    const selection = selectView(subnet, DISJOINT, []);

    // Assess
    expect(selection).toEqual({ outcome: 'malformed', reason: expect.stringMatching(reason) });
  });

  describe('with overlapping CIDRs', () => {
    /** VPC A and VPC B both 10.0.0.0/16 (AWS allows it); VPC C apart. */
    const OVERLAPPING = [vpc(VPC_A, '10.0.0.0/16'), vpc(VPC_B, '10.0.0.0/16'), vpc(VPC_C, '10.1.0.0/16')];
    const ENDPOINTS = [endpoint(VPC_A, ['10.0.1.10', '10.0.2.10']), endpoint(VPC_B, ['10.0.1.20'])];

    it('picks the VPC one of whose endpoint interfaces has that very address, for that address only', () => {
      // Act
      const fromA = selectView(ipv4('10.0.2.10'), OVERLAPPING, ENDPOINTS);
      const fromB = selectView(ipv4('10.0.1.20'), OVERLAPPING, ENDPOINTS);

      // Assess
      expect(fromA).toEqual({ outcome: 'view', view: { kind: 'vpc', vpcId: VPC_A }, scopePrefixLength: 32 });
      expect(fromB).toEqual({ outcome: 'view', view: { kind: 'vpc', vpcId: VPC_B }, scopePrefixLength: 32 });
    });

    it('calls any other address in both VPCs ambiguous rather than guess', () => {
      // Act
      const otherAddress = selectView(ipv4('10.0.9.9'), OVERLAPPING, ENDPOINTS);
      const wholeBlock = selectView(ipv4('10.0.1.0', 24), OVERLAPPING, ENDPOINTS);
      const sharedAddress = selectView(ipv4('10.0.1.10'), OVERLAPPING, [
        ...ENDPOINTS,
        endpoint(VPC_B, ['10.0.1.10']),
      ]);

      // Assess
      for (const selection of [otherAddress, wholeBlock, sharedAddress]) {
        expect(selection).toEqual({ outcome: 'ambiguous', vpcIds: [VPC_A, VPC_B] });
      }
    });

    it("narrows the answer's scope where another VPC's block lies inside the chosen one", () => {
      // Prepare: VPC B's /24 nested in VPC A's /16
      const nested = [vpc(VPC_A, '10.0.0.0/16'), vpc(VPC_B, '10.0.5.0/24')];

      // Act
      const outsideB = selectView(ipv4('10.0.9.0', 24), nested, []);
      const aroundB = selectView(ipv4('10.0.0.0', 20), nested, []);

      // Assess
      expect(outsideB).toEqual({
        outcome: 'view',
        view: { kind: 'vpc', vpcId: VPC_A },
        scopePrefixLength: 24,
      });
      expect(aroundB).toEqual({
        outcome: 'view',
        view: { kind: 'vpc', vpcId: VPC_A },
        scopePrefixLength: 24,
      });
    });
  });
});
