import type { ResolveHostname } from '../aws/dns-resolver';
import type { Ec2Operations } from '../aws/ec2';
import { DnsNotResolvingError } from '../errors';
import { aliasHostname, privateDnsHostname } from '../naming';
import { dnsOutcome, nextPoll } from '../polling';
import type { PollSettings } from './check-endpoint';

export interface CheckDnsDeps {
  readonly resolve: ResolveHostname;
  /** Each endpoint's ENI addresses: what its names must resolve to. */
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'networkInterfaceAddresses'>;
  readonly region: string;
  /**
   * Resolve the private DNS name too, as seen from the request's VPC. Only meaningful where the
   * resolver can answer as that VPC (docs/aws-facts.md, Private REST APIs): the local cloud's DNS
   * (which reads the VPC from the query's client subnet), or on AWS a function attached to that
   * very VPC; a function outside every VPC only ever sees public DNS.
   */
  readonly checkPrivateName: boolean;
  readonly settings: PollSettings & {
    /** Seed 001: when the alias does not resolve after several minutes, redeploy (once). */
    readonly redeployAfterSeconds: number;
  };
}

export interface DnsPoll {
  readonly attempt: number;
  readonly elapsedSeconds: number;
  readonly redeployed: boolean;
  /** Each endpoint's ENI addresses, looked up on the first round and carried in the loop's state. */
  readonly addresses?: Readonly<Record<string, readonly string[]>>;
}

export interface CheckDnsResult extends DnsPoll {
  /** resolved: done; wait: poll again after waitSeconds; redeploy: deploy once more, then wait. */
  readonly action: 'resolved' | 'wait' | 'redeploy';
  readonly waitSeconds: number;
  readonly names: Readonly<Record<string, string[] | 'nxdomain'>>;
}

/**
 * One round of the DNS wait: resolves the association aliases (public names: asked as from
 * outside every VPC) and the private DNS name (asked as seen from the request's VPC, which the
 * primary endpoint's first interface address stands in: that name resolves only inside the VPC,
 * to that VPC's own endpoint) and decides whether the names answer with the endpoint's
 * addresses, whether to wait, to redeploy once (the documented remedy) or to give up with
 * DnsNotResolvingError.
 */
export async function checkDns(
  input: {
    restApiId: string;
    /** The endpoints whose association aliases must resolve (the newly associated ones). */
    vpcEndpointIds: readonly string[];
    /** The request's own endpoint: with private DNS, the API's private name resolves to it. */
    primaryEndpointId: string;
    privateDns: boolean;
    poll: DnsPoll;
  },
  deps: CheckDnsDeps,
): Promise<CheckDnsResult> {
  const { restApiId, primaryEndpointId, privateDns, poll } = input;
  const addresses: Record<string, readonly string[]> = { ...poll.addresses };
  const targets = await Promise.all(
    [...new Set(input.vpcEndpointIds)].map(async (vpcEndpointId) => {
      const expected = addresses[vpcEndpointId] ?? (await endpointAddresses(vpcEndpointId, deps));
      addresses[vpcEndpointId] = expected;
      const alias: DnsTarget = { hostname: aliasHostname(restApiId, vpcEndpointId, deps.region), expected };
      if (vpcEndpointId !== primaryEndpointId || !privateDns || !deps.checkPrivateName) return [alias];
      const privateName: DnsTarget = {
        hostname: privateDnsHostname(restApiId, deps.region),
        expected,
        seenFromVpc: { address: expected[0] },
      };
      return [alias, privateName];
    }),
  ).then((lists) => lists.flat());
  const answers = await Promise.all(targets.map((target) => resolveTarget(target, deps)));
  const names = Object.fromEntries(
    targets.map(({ hostname }, index) => [hostname, answers[index] ?? 'nxdomain']),
  );
  const pending = targets.filter(
    ({ expected }, index) => dnsOutcome({ answers: answers[index] ?? 'nxdomain', expected }) !== 'resolved',
  );
  if (pending.length === 0)
    return { ...poll, addresses, attempt: poll.attempt + 1, action: 'resolved', waitSeconds: 0, names };

  const next = nextPoll(poll, deps.settings);
  if (next.exhausted) {
    throw new DnsNotResolvingError(
      `${pending.map(describeTarget).join(' and ')} ` +
        `did not resolve to the endpoint's addresses after ${poll.elapsedSeconds} s` +
        `${poll.redeployed ? ' and a redeployment' : ''}: check the endpoint associations of ${restApiId} and redeploy the stage`,
    );
  }
  const redeploy = !poll.redeployed && poll.elapsedSeconds >= deps.settings.redeployAfterSeconds;
  return {
    attempt: next.attempt,
    elapsedSeconds: next.elapsedSeconds,
    redeployed: poll.redeployed || redeploy,
    action: redeploy ? 'redeploy' : 'wait',
    waitSeconds: next.waitSeconds,
    names,
    addresses,
  };
}

/** A name to resolve, what it must answer, and where from (public DNS unless `seenFromVpc`). */
interface DnsTarget {
  readonly hostname: string;
  readonly expected: readonly string[];
  /** Asked as from inside the request's VPC, which an address of its endpoint stands in. */
  readonly seenFromVpc?: { readonly address: string | undefined };
}

function describeTarget({ hostname, expected, seenFromVpc }: DnsTarget): string {
  const from = seenFromVpc?.address === undefined ? '' : ` as seen from ${seenFromVpc.address} in the VPC`;
  return `${hostname}${from} (expected ${expected.join(', ')})`;
}

function resolveTarget(target: DnsTarget, deps: CheckDnsDeps): Promise<string[] | 'nxdomain'> {
  if (target.seenFromVpc === undefined) return deps.resolve(target.hostname);
  const { address } = target.seenFromVpc;
  // No interface address (the endpoint is gone): nothing stands in the VPC to ask from, so the
  // private name counts as not resolving; the wait goes on, then fails naming it.
  if (address === undefined) return Promise.resolve('nxdomain');
  return deps.resolve(target.hostname, { asSeenFrom: address });
}

async function endpointAddresses(vpcEndpointId: string, deps: CheckDnsDeps): Promise<readonly string[]> {
  const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
  return endpoint ? deps.ec2.networkInterfaceAddresses(endpoint.networkInterfaceIds) : [];
}
