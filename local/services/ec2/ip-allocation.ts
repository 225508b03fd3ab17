import { AwsError } from '../../core/aws-error';
import { parseCidr } from '../../seed';
import { stableHash } from './ids';

/**
 * AWS reserves five addresses in every subnet: the network address, the next three (VPC
 * router, DNS, future use) and the broadcast address (Amazon VPC "subnet CIDR blocks").
 */
const RESERVED_AT_START = 4;
const RESERVED_AT_END = 1;

export function ipv4ToString(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** How many addresses a subnet offers to network interfaces. */
export function usableAddressCount(cidrBlock: string): number {
  const cidr = parseCidr(cidrBlock);
  if (!cidr) return 0;
  return Math.max(0, 2 ** (32 - cidr.prefix) - RESERVED_AT_START - RESERVED_AT_END);
}

/**
 * A free private IPv4 address in the subnet for a new network interface. The first candidate
 * is derived from the interface id, so allocations look scattered like AWS's but are stable for
 * a given id; taken addresses are skipped. Fails like EC2 when the subnet is full.
 */
export function allocatePrivateIp(
  subnet: { readonly subnetId: string; readonly cidrBlock: string },
  taken: ReadonlySet<string>,
  networkInterfaceId: string,
): string {
  const cidr = parseCidr(subnet.cidrBlock);
  const usable = usableAddressCount(subnet.cidrBlock);
  if (cidr) {
    const start = stableHash(networkInterfaceId) % Math.max(usable, 1);
    for (let probe = 0; probe < usable; probe += 1) {
      const address = ipv4ToString(cidr.network + RESERVED_AT_START + ((start + probe) % usable));
      if (!taken.has(address)) return address;
    }
  }
  throw new AwsError(
    'InsufficientFreeAddressesInSubnet',
    `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`,
  );
}

/** A locally administered MAC address (`0e:…`, as EC2 hands out), stable for the interface id. */
export function macAddressFor(networkInterfaceId: string): string {
  const hash = stableHash(`mac:${networkInterfaceId}`);
  const extra = stableHash(`mac2:${networkInterfaceId}`) % 256;
  const bytes = [0x0e, (hash >>> 24) & 0xff, (hash >>> 16) & 0xff, (hash >>> 8) & 0xff, hash & 0xff, extra];
  return bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(':');
}
