import type { Ec2Operations } from '../aws/ec2';
import { VpcEndpointFailedError, VpcEndpointTimeoutError } from '../errors';
import { endpointStateOutcome, nextPoll } from '../polling';

export interface PollSettings {
  readonly initialSeconds: number;
  readonly backoffRate: number;
  readonly maxIntervalSeconds: number;
  readonly giveUpAfterSeconds: number;
}

export interface CheckEndpointDeps {
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'networkInterfaceAddresses'>;
  readonly settings: PollSettings;
}

export type CheckEndpointResult =
  | {
      readonly ready: true;
      readonly state: string;
      readonly ipAddresses: readonly string[];
      readonly dnsNames: readonly string[];
      readonly attempt: number;
      readonly elapsedSeconds: number;
    }
  | {
      readonly ready: false;
      readonly state: string;
      readonly attempt: number;
      readonly elapsedSeconds: number;
      readonly waitSeconds: number;
    };

/**
 * One round of the state machine's wait for the endpoint: available → its addresses and DNS
 * names; pending → how long to wait (backoff with jitter); failed, rejected, gone or waited
 * too long → a named error. States are compared case-insensitively (AWS-FACTS).
 */
export async function checkEndpoint(
  vpcEndpointId: string,
  previous: { attempt: number; elapsedSeconds: number },
  deps: CheckEndpointDeps,
): Promise<CheckEndpointResult> {
  const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
  if (!endpoint) throw new VpcEndpointFailedError(`VPC endpoint ${vpcEndpointId} no longer exists`);
  const outcome = endpointStateOutcome(endpoint.state);
  if (outcome === 'failed') {
    throw new VpcEndpointFailedError(`VPC endpoint ${vpcEndpointId} is ${endpoint.state}`);
  }
  if (outcome === 'ready') {
    return {
      ready: true,
      state: endpoint.state,
      ipAddresses: await deps.ec2.networkInterfaceAddresses(endpoint.networkInterfaceIds),
      dnsNames: endpoint.dnsNames,
      attempt: previous.attempt + 1,
      elapsedSeconds: previous.elapsedSeconds,
    };
  }
  const poll = nextPoll(previous, deps.settings);
  if (poll.exhausted) {
    throw new VpcEndpointTimeoutError(
      `VPC endpoint ${vpcEndpointId} is still ${endpoint.state} after ${previous.elapsedSeconds} s ` +
        `(limit ${deps.settings.giveUpAfterSeconds} s)`,
    );
  }
  return {
    ready: false,
    state: endpoint.state,
    attempt: poll.attempt,
    elapsedSeconds: poll.elapsedSeconds,
    waitSeconds: poll.waitSeconds,
  };
}
