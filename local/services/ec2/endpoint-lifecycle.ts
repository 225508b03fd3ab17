import type { VpcEndpointRecord } from './ec2-records';

/** The states EC2 reports for a VPC endpoint, in the service's camelCase (the SDK enum is PascalCase). */
export const ENDPOINT_STATES = [
  'pendingAcceptance',
  'pending',
  'available',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
] as const;

export type EndpointState = (typeof ENDPOINT_STATES)[number];

export function isEndpointState(value: unknown): value is EndpointState {
  return typeof value === 'string' && (ENDPOINT_STATES as readonly string[]).includes(value);
}

/**
 * An endpoint's state at simulated time `now`, computed on read so no timers are needed:
 * `deleting` once DeleteVpcEndpoints took it; else a state forced through the control API;
 * else `pending` while held or before its time, then `available`.
 */
export function endpointStateAt(endpoint: VpcEndpointRecord, now: number): EndpointState {
  if (endpoint.deletingSinceMs !== undefined) return 'deleting';
  if (isEndpointState(endpoint.forcedState)) return endpoint.forcedState;
  if (endpoint.held) return 'pending';
  return now >= endpoint.availableAtMs ? 'available' : 'pending';
}
