import { createHash, randomBytes } from 'node:crypto';

/**
 * Resource ids in the shapes EC2 issues: a prefix, `-`, then 17 hex digits (the long id format
 * every resource type has used since 2018), and the 8-character lowercase suffix of an
 * endpoint's DNS names (`vpce-0bd02e6e0e09e7544-4e9yt2ud`).
 */

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** Long-format ids: 17 hex digits after the prefix. */
const LONG_ID_HEX_DIGITS = 17;
/** The random part of an endpoint's DNS names. */
const DNS_SUFFIX_LENGTH = 8;
/** Route 53 hosted zone ids of private zones: `Z` and 20 more characters (e.g. Z00064372DAQ13HDCB5YT). */
const HOSTED_ZONE_ID_LENGTH = 20;

function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A new id such as `vpce-0bd02e6e0e09e7544` (the long form starts with 0 in practice). */
export function newResourceId(prefix: string): string {
  return `${prefix}-0${randomBytes((LONG_ID_HEX_DIGITS - 1) / 2).toString('hex')}`;
}

/** The 8 lowercase letters and digits in an endpoint's DNS names. */
export function newDnsSuffix(): string {
  return randomFrom(LOWER_ALNUM, DNS_SUFFIX_LENGTH);
}

/** The id of a private hosted zone Route 53 makes for private DNS. */
export function newHostedZoneId(): string {
  return `Z${randomFrom(UPPER_ALNUM, HOSTED_ZONE_ID_LENGTH)}`;
}

/** True when `id` is `prefix-` then 8 or 17 hex digits. */
export function isWellFormedId(id: string, prefix: string): boolean {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

/** A stable number from a string, for deterministic choices (IP offsets, MAC addresses). */
export function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** Stable hex digits derived from a string (ids of things the seed does not name, like DHCP options). */
export function stableHex(text: string, digits: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, digits);
}
