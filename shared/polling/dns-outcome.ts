/** What a DNS answer for the API's hostnames means for the wait. */
export type DnsOutcome = 'resolved' | 'wrong-addresses' | 'not-yet';

/**
 * Judges one lookup: resolved when there is at least one address and every address is one of
 * the endpoint's network interface IPs; not-yet for NXDOMAIN or an empty answer (the alias or
 * private zone is not there yet); wrong-addresses when the name answers with other addresses
 * (e.g. public ones: the name is not resolved through the VPC's private zone).
 */
export function dnsOutcome(input: {
  answers: readonly string[] | 'nxdomain';
  expected: readonly string[];
}): DnsOutcome {
  if (input.answers === 'nxdomain' || input.answers.length === 0) return 'not-yet';
  // IPv6 text is case-insensitive.
  const expected = new Set(input.expected.map((address) => address.toLowerCase()));
  return input.answers.every((address) => expected.has(address.toLowerCase()))
    ? 'resolved'
    : 'wrong-addresses';
}
