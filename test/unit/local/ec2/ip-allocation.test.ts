import {
  allocatePrivateIp,
  macAddressFor,
  usableAddressCount,
} from '../../../../local/services/ec2/ip-allocation';

describe('private IP allocation', () => {
  it('never hands out the five addresses AWS reserves in a subnet', () => {
    // Prepare
    const subnet = { subnetId: 'subnet-0a1b2c3d4e5f60001', cidrBlock: '10.20.1.0/28' };
    const taken = new Set<string>();

    // Act
    for (let index = 0; index < usableAddressCount(subnet.cidrBlock); index += 1) {
      taken.add(allocatePrivateIp(subnet, taken, `eni-${index}`));
    }

    // Assess
    expect(taken.size).toBe(11);
    for (const reserved of ['10.20.1.0', '10.20.1.1', '10.20.1.2', '10.20.1.3', '10.20.1.15']) {
      expect(taken.has(reserved)).toBe(false);
    }
  });

  it('fails with InsufficientFreeAddressesInSubnet when the subnet is full', () => {
    // Prepare
    const subnet = { subnetId: 'subnet-0a1b2c3d4e5f60001', cidrBlock: '10.20.1.0/28' };
    const taken = new Set(Array.from({ length: 11 }, (_, index) => `10.20.1.${index + 4}`));

    // Act
    const allocate = () => allocatePrivateIp(subnet, taken, 'eni-extra');

    // Assess
    expect(allocate).toThrow(expect.objectContaining({ code: 'InsufficientFreeAddressesInSubnet' }));
  });

  it('gives the same address and MAC for the same interface id when nothing else changed', () => {
    // Prepare
    const subnet = { subnetId: 'subnet-0a1b2c3d4e5f60001', cidrBlock: '10.20.1.0/24' };

    // Act
    const first = allocatePrivateIp(subnet, new Set(), 'eni-0123456789abcdef0');
    const second = allocatePrivateIp(subnet, new Set(), 'eni-0123456789abcdef0');

    // Assess
    expect(first).toBe(second);
    expect(macAddressFor('eni-0123456789abcdef0')).toMatch(/^0e(:[0-9a-f]{2}){5}$/);
  });
});
