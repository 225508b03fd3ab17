import { Resolver } from 'node:dns/promises';

/** NXDOMAIN and "no data" both mean: not resolvable (yet). */
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Resolves A records through the given servers (`host:port`), or the system resolver when none
 * are given (on AWS: the VPC's resolver for a Lambda in the VPC, public DNS otherwise).
 */
export function dnsResolver(servers: readonly string[]) {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return async (hostname: string): Promise<string[] | 'nxdomain'> => {
    try {
      return await resolver.resolve4(hostname);
    } catch (error: unknown) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NOT_FOUND_CODES.has(code)) return 'nxdomain';
      throw error;
    }
  };
}

export type ResolveHostname = ReturnType<typeof dnsResolver>;
