import { cidrContains, parseCidr } from '../../../../shared/network/cidr';
import { admitsHttpsFromVpc } from '../../../../shared/network/https-ingress';

const VPC = ['10.20.0.0/16'];

describe('cidr', () => {
  it('parses a block to its first and last address', () => {
    // Act / Assess
    expect(parseCidr('10.20.0.0/16')).toEqual({ first: 169082880, last: 169148415 });
    expect(parseCidr('10.20.0.0/33')).toBeUndefined();
    expect(parseCidr('10.256.0.0/16')).toBeUndefined();
    expect(parseCidr('nonsense')).toBeUndefined();
  });

  it('knows containment', () => {
    // Act / Assess
    expect(cidrContains('0.0.0.0/0', '10.20.0.0/16')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '10.20.0.0/16')).toBe(true);
    expect(cidrContains('10.20.1.0/24', '10.20.0.0/16')).toBe(false);
  });
});

describe('admitsHttpsFromVpc', () => {
  it('admits TCP 443 from the VPC CIDR', () => {
    // Act
    const admits = admitsHttpsFromVpc(
      [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }],
      VPC,
      new Set(),
    );

    // Assess
    expect(admits).toBe(true);
  });

  it('admits a port range or all traffic that covers 443', () => {
    // Act / Assess
    expect(
      admitsHttpsFromVpc(
        [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
        VPC,
        new Set(),
      ),
    ).toBe(true);
    expect(
      admitsHttpsFromVpc([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], VPC, new Set()),
    ).toBe(true);
  });

  it('refuses 443 from only part of the VPC, another port, or UDP', () => {
    // Act / Assess
    expect(
      admitsHttpsFromVpc(
        [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.1.0/24' }] }],
        VPC,
        new Set(),
      ),
    ).toBe(false);
    expect(
      admitsHttpsFromVpc(
        [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }],
        VPC,
        new Set(),
      ),
    ).toBe(false);
    expect(
      admitsHttpsFromVpc(
        [{ IpProtocol: 'udp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.20.0.0/16' }] }],
        VPC,
        new Set(),
      ),
    ).toBe(false);
    expect(admitsHttpsFromVpc([], VPC, new Set())).toBe(false);
  });

  it('admits 443 from a security group of the VPC', () => {
    // Act
    const admits = admitsHttpsFromVpc(
      [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-0aaa' }] }],
      VPC,
      new Set(['sg-0aaa']),
    );

    // Assess
    expect(admits).toBe(true);
  });
});
