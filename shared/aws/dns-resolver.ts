import { Resolver } from 'node:dns/promises';
import { isIPv4 } from 'node:net';
import DNS from 'dns2';

/** NXDOMAIN and "no data" both mean: not resolvable (yet). */
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA']);
const TIMEOUT_MS = 2000;
const TRIES = 2;
const DEFAULT_DNS_PORT = 53;
const RCODE = DNS.Packet.RCODE;

export interface ResolveOptions {
  /**
   * An IPv4 address inside the network the name is to be resolved from (an endpoint interface's
   * address stands in for its VPC). Sent as an EDNS Client Subnet option (RFC 7871, a /32) to
   * the configured servers, whose answer then depends on it (the local cloud's DNS answers from
   * that VPC's view). The system resolver gets no option: node:dns cannot send one, and Route 53
   * Resolver picks private hosted zones by the VPC a query arrives from, not by ECS
   * (docs/aws-facts.md, Private REST APIs): it answers as the function's own network sees the name.
   */
  readonly asSeenFrom?: string;
}

export type ResolveHostname = (hostname: string, options?: ResolveOptions) => Promise<string[] | 'nxdomain'>;

/** `host:port`, `[v6]:port` or a bare host (port 53). */
function parseServer(server: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(server) ?? /^([^:]+):(\d+)$/.exec(server);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { host: match[1], port: Number(match[2]) }
    : { host: server.replace(/^\[|\]$/g, ''), port: DEFAULT_DNS_PORT };
}

function rcodeName(rcode: number): string {
  return Object.entries(RCODE).find(([, code]) => code === rcode)?.[0] ?? String(rcode);
}

/** The Extended DNS Error texts of a response (RFC 8914), which say why a server refused. */
function extendedErrors(response: DNS.Packet): string[] {
  return response.additionals
    .flatMap((record) => record.rdata ?? [])
    .flatMap((option) =>
      option.ednsCode === DNS.Packet.EDNS_OPTION_CODE.EDE && 'extraText' in option
        ? [String(option.extraText)]
        : [],
    );
}

/**
 * Resolves A records through the given servers (`host:port`), or the system resolver when none
 * are given (on AWS: the VPC's resolver for a Lambda in the VPC, public DNS otherwise). A lookup
 * with `asSeenFrom` goes to the given servers over dns2's UDP client with an EDNS Client Subnet
 * option; a plain one through node:dns.
 */
export function dnsResolver(servers: readonly string[]): ResolveHostname {
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: TRIES });
  if (servers.length > 0) resolver.setServers([...servers]);
  const scoped = servers
    .map(parseServer)
    .map(({ host, port }) => DNS.UDPClient({ dns: host, port, timeout: TIMEOUT_MS, retryOverTCP: false }));

  const resolvePlain = async (hostname: string): Promise<string[] | 'nxdomain'> => {
    try {
      return await resolver.resolve4(hostname);
    } catch (error: unknown) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NOT_FOUND_CODES.has(code)) return 'nxdomain';
      throw error;
    }
  };

  const resolveAsSeenFrom = async (hostname: string, address: string): Promise<string[] | 'nxdomain'> => {
    // dns2 encodes the option as FAMILY 1: an IPv4 address only.
    if (!isIPv4(address)) throw new Error(`asSeenFrom must be an IPv4 address, not '${address}'`);
    const failures: unknown[] = [];
    // As node:dns does: each server in turn, TRIES rounds, the first answer wins.
    for (let round = 0; round < TRIES; round += 1) {
      for (const query of scoped) {
        let response: DNS.Packet;
        try {
          response = await query(hostname, 'A', DNS.Packet.CLASS.IN, { clientIp: `${address}/32` });
        } catch (error: unknown) {
          failures.push(error);
          continue;
        }
        const { rcode } = response.header;
        if (rcode === RCODE.NXDOMAIN) return 'nxdomain';
        if (rcode !== RCODE.NOERROR) {
          const reasons = extendedErrors(response);
          throw new Error(
            `DNS ${rcodeName(rcode)} for ${hostname} as seen from ${address}` +
              `${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`,
          );
        }
        const addresses = response.answers.flatMap((record) =>
          record.type === DNS.Packet.TYPE.A && record.address !== undefined ? [record.address] : [],
        );
        return addresses.length > 0 ? addresses : 'nxdomain';
      }
    }
    throw new Error(`DNS lookup of ${hostname} as seen from ${address} failed on ${servers.join(', ')}`, {
      cause: failures.at(-1),
    });
  };

  return (hostname, options = {}) =>
    options.asSeenFrom === undefined || scoped.length === 0
      ? resolvePlain(hostname)
      : resolveAsSeenFrom(hostname, options.asSeenFrom);
}
