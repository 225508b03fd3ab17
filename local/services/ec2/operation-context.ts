import type { Ec2Store } from './ec2-store';
import type { QueryParams } from './query-params';
import type { Xml } from './xml';

/** Simulated durations of the endpoint lifecycle. */
export interface Ec2Timings {
  /** From CreateVpcEndpoint until the endpoint turns `available`. */
  readonly endpointAvailableAfterMs: number;
  /** How long a deleted endpoint shows `deleting` before it disappears. */
  readonly endpointDeletedAfterMs: number;
}

/** Everything one EC2 operation needs to answer a call. */
export interface OperationContext {
  readonly store: Ec2Store;
  readonly params: QueryParams;
  /** From the SigV4 credential scope: resources of other regions are invisible. */
  readonly region: string;
  readonly accountId: string;
  /** Simulated epoch ms of the call. */
  readonly now: number;
  readonly timings: Ec2Timings;
}

/** An EC2 operation: answers with the members of its `{Action}Response` element. */
export type Ec2Operation = (ctx: OperationContext) => Xml;
