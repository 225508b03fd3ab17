import type { ResolveHostname } from '../aws/dns-resolver';
import { DnsNotResolvingError } from '../errors';
import { aliasHostname, privateDnsHostname } from '../naming';
import { dnsOutcome, nextPoll } from '../polling';
import type { PollSettings } from './check-endpoint';

export interface CheckDnsDeps {
  readonly resolve: ResolveHostname;
  readonly region: string;
  /** Resolve the private DNS name too (only meaningful where the resolver sees the VPC's private zone). */
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
}

export interface CheckDnsResult extends DnsPoll {
  /** resolved: done; wait: poll again after waitSeconds; redeploy: deploy once more, then wait. */
  readonly action: 'resolved' | 'wait' | 'redeploy';
  readonly waitSeconds: number;
  readonly names: Readonly<Record<string, string[] | 'nxdomain'>>;
}

/**
 * One round of the DNS wait: resolves the association alias (and the private DNS name) and
 * decides whether the names answer with the endpoint's addresses, whether to wait, to redeploy
 * once (the documented remedy) or to give up with DnsNotResolvingError.
 */
export async function checkDns(
  input: {
    restApiId: string;
    vpcEndpointId: string;
    privateDns: boolean;
    expectedAddresses: readonly string[];
    poll: DnsPoll;
  },
  deps: CheckDnsDeps,
): Promise<CheckDnsResult> {
  const { restApiId, vpcEndpointId, privateDns, expectedAddresses, poll } = input;
  const hostnames = [
    aliasHostname(restApiId, vpcEndpointId, deps.region),
    ...(privateDns && deps.checkPrivateName ? [privateDnsHostname(restApiId, deps.region)] : []),
  ];
  const answers = await Promise.all(hostnames.map((hostname) => deps.resolve(hostname)));
  const names = Object.fromEntries(
    hostnames.map((hostname, index) => [hostname, answers[index] ?? 'nxdomain']),
  );
  const resolved = answers.every(
    (answer) => dnsOutcome({ answers: answer, expected: [...expectedAddresses] }) === 'resolved',
  );
  if (resolved) return { ...poll, attempt: poll.attempt + 1, action: 'resolved', waitSeconds: 0, names };

  const next = nextPoll(poll, deps.settings);
  if (next.exhausted) {
    const pending = hostnames.filter(
      (_, index) =>
        dnsOutcome({ answers: answers[index] ?? 'nxdomain', expected: [...expectedAddresses] }) !==
        'resolved',
    );
    throw new DnsNotResolvingError(
      `${pending.join(' and ')} did not resolve to the endpoint's addresses (${expectedAddresses.join(', ')}) ` +
        `after ${poll.elapsedSeconds} s${poll.redeployed ? ' and a redeployment' : ''}: check the association of ${vpcEndpointId} ` +
        `with ${restApiId} and redeploy the stage`,
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
  };
}
