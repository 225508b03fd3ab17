import type { EndpointView, VpcView } from '../../core/views';
import { parseCidr } from '../../seed';

/**
 * Which VPC a DNS query stands in. On AWS the Route 53 Resolver answers a query with the private
 * hosted zones associated with the VPC the query comes from (docs/aws-facts.md, Private REST
 * APIs); every query reaches this server from 127.0.0.1, so the asker names the network it
 * stands in with an EDNS Client Subnet option (RFC 7871), an address or prefix of its own, as
 * `dig +subnet=10.20.1.5` or dns2's `clientIp` send it. The server answers from the view of the
 * VPC whose CIDR block holds that subnet.
 */

/** The EDNS Client Subnet of a query (RFC 7871 §6): FAMILY 1 is IPv4, 2 IPv6, 0 no address. */
export interface ClientSubnet {
  readonly family: number;
  readonly sourcePrefixLength: number;
  /** The address as decoded (padded with zeros past the prefix); absent with FAMILY 0. */
  readonly address?: string;
}

/** Outside every VPC (public DNS only), or inside one VPC (its private hosted zones first). */
export type DnsView = { readonly kind: 'public' } | { readonly kind: 'vpc'; readonly vpcId: string };

export const PUBLIC_VIEW: DnsView = { kind: 'public' };

export type ViewSelection =
  /** `scopePrefixLength`: how many leading bits of the subnet the answer holds for (RFC 7871 §7.2.1). */
  | { readonly outcome: 'view'; readonly view: DnsView; readonly scopePrefixLength: number }
  /** The option is wrongly formatted: FORMERR (RFC 7871 §7.2.1). */
  | { readonly outcome: 'malformed'; readonly reason: string }
  /** The subnet lies in several VPCs (overlapping CIDRs) and nothing tells which one asks. */
  | { readonly outcome: 'ambiguous'; readonly vpcIds: readonly string[] };

interface Block {
  readonly vpcId: string;
  /** The network address as a 32-bit number. */
  readonly network: number;
  readonly prefix: number;
}

const IPV4_BITS = 32;
const IPV6_BITS = 128;
const IPV4_ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Number(address: string): number | undefined {
  const octets = IPV4_ADDRESS.exec(address)?.slice(1).map(Number);
  if (octets === undefined || octets.some((octet) => octet > 255)) return undefined;
  return octets.reduce((sum, octet) => sum * 256 + octet, 0);
}

/** True when `inner` lies wholly inside `outer`. */
function contains(outer: Omit<Block, 'vpcId'>, inner: Omit<Block, 'vpcId'>): boolean {
  const size = 2 ** (IPV4_BITS - outer.prefix);
  return (
    inner.prefix >= outer.prefix && inner.network >= outer.network && inner.network < outer.network + size
  );
}

/** CIDR blocks are nested or disjoint: two overlap when one holds the other. */
function overlaps(a: Omit<Block, 'vpcId'>, b: Omit<Block, 'vpcId'>): boolean {
  return contains(a, b) || contains(b, a);
}

function blocksOf(vpcs: readonly VpcView[]): Block[] {
  return vpcs.flatMap((vpc) =>
    vpc.cidrBlocks.flatMap((cidrBlock) => {
      const cidr = parseCidr(cidrBlock);
      return cidr ? [{ vpcId: vpc.vpcId, ...cidr }] : [];
    }),
  );
}

/**
 * The view a query with this client subnet is answered from (the pure part of the DNS server):
 * - no option, FAMILY 0 or SOURCE PREFIX-LENGTH 0 (the asker withholds its address, RFC 7871
 *   §7.1.2): outside every VPC; IPv6 too, as no local VPC has an IPv6 block. Scope 0: the
 *   answer holds for every such asker;
 * - an IPv4 subnet wholly inside one VPC's CIDR block: that VPC. The scope is the block's prefix
 *   when no other VPC's block overlaps it, else only as wide as no other VPC reaches;
 * - inside no VPC's block: outside every VPC. When the subnet is wider than some block (part
 *   of it inside a VPC), the scope is that block's prefix: "not specific enough" (§7.2.1);
 * - inside the blocks of several VPCs (AWS allows overlapping CIDRs): a /32 that is the address
 *   of one of those VPCs' endpoint interfaces picks that VPC (the address check-dns sends);
 *   anything else is ambiguous, and the server refuses it rather than guess.
 */
export function selectView(
  subnet: ClientSubnet | undefined,
  vpcs: readonly VpcView[],
  endpoints: readonly EndpointView[],
): ViewSelection {
  if (subnet === undefined) return { outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 0 };
  const { family, sourcePrefixLength } = subnet;
  if (family === 0) {
    return sourcePrefixLength === 0
      ? { outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 0 }
      : {
          outcome: 'malformed',
          reason: `FAMILY 0 carries no address, yet SOURCE PREFIX-LENGTH is ${sourcePrefixLength}`,
        };
  }
  if (family !== 1 && family !== 2) return { outcome: 'malformed', reason: `unknown FAMILY ${family}` };
  const bits = family === 1 ? IPV4_BITS : IPV6_BITS;
  if (sourcePrefixLength > bits) {
    return { outcome: 'malformed', reason: `SOURCE PREFIX-LENGTH ${sourcePrefixLength} exceeds ${bits}` };
  }
  if (family === 2 || sourcePrefixLength === 0)
    return { outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: 0 };

  const address = ipv4Number(subnet.address ?? '');
  if (address === undefined)
    return { outcome: 'malformed', reason: `not an IPv4 address: ${subnet.address}` };
  const size = 2 ** (IPV4_BITS - sourcePrefixLength);
  if (address % size !== 0) {
    return {
      outcome: 'malformed',
      reason: `ADDRESS ${subnet.address} has bits set past SOURCE PREFIX-LENGTH ${sourcePrefixLength}`,
    };
  }
  const asked = { network: address, prefix: sourcePrefixLength };
  const blocks = blocksOf(vpcs);
  const holding = blocks.filter((block) => contains(block, asked));
  const holders = [...new Set(holding.map((block) => block.vpcId))];
  /** As wide as the subnet asked, narrowed to the longest block of another VPC inside it. */
  const narrowed = (exceptVpcId?: string) =>
    Math.max(
      sourcePrefixLength,
      ...blocks
        .filter((block) => block.vpcId !== exceptVpcId && overlaps(block, asked))
        .map((block) => block.prefix),
    );

  if (holders.length === 0) return { outcome: 'view', view: PUBLIC_VIEW, scopePrefixLength: narrowed() };
  const [only] = holders;
  if (holders.length === 1 && only !== undefined) {
    const own = holding.filter((block) => block.vpcId === only);
    const shared = blocks.some((block) => block.vpcId !== only && own.some((mine) => overlaps(block, mine)));
    const widest = Math.min(...own.map((block) => block.prefix));
    return {
      outcome: 'view',
      view: { kind: 'vpc', vpcId: only },
      scopePrefixLength: shared ? narrowed(only) : widest,
    };
  }
  const owners =
    sourcePrefixLength === IPV4_BITS
      ? [
          ...new Set(
            endpoints
              .filter(
                (endpoint) =>
                  holders.includes(endpoint.vpcId) && endpoint.ipAddresses.includes(subnet.address ?? ''),
              )
              .map((endpoint) => endpoint.vpcId),
          ),
        ]
      : [];
  const [owner] = owners;
  if (owners.length === 1 && owner !== undefined) {
    return { outcome: 'view', view: { kind: 'vpc', vpcId: owner }, scopePrefixLength: IPV4_BITS };
  }
  return { outcome: 'ambiguous', vpcIds: holders.sort() };
}
