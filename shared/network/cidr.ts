/** IPv4 CIDR arithmetic for preflight's "does this group admit the VPC" check. */

export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1?\d?\d)$/;

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part))) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** Parses `a.b.c.d/n` into its first and last address; undefined when malformed. */
export function parseCidr(cidr: string): Ipv4Range | undefined {
  const [address, bitsText] = cidr.split('/');
  const base = address === undefined ? undefined : ipv4ToNumber(address);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1 };
}

/** True when `outer` contains every address of `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return a !== undefined && b !== undefined && a.first <= b.first && b.last <= a.last;
}
