import type { Ec2Operations } from '../aws/ec2';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../naming';
import type { EndpointSlotStore } from '../status/endpoint-slots';
import type { StatusStore } from '../status/status-store';

export interface ReleaseEndpointsDeps {
  readonly store: Pick<
    StatusStore,
    'unregisterEndpointUser' | 'claimEndpointDeletion' | 'markEndpointDeleted'
  >;
  /** The VPC's managed endpoints: a deleted one's slot is freed for the next generation. */
  readonly slots: Pick<EndpointSlotStore, 'get' | 'release'>;
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'deleteVpcEndpoint'>;
  readonly now: () => Date;
}

/**
 * Releases the endpoints an API used: removes the API from each endpoint's users, and deletes an
 * endpoint only when the control plane created it (its own registry says so; the managed tag is
 * checked as well, and the deletion's IAM permission requires it), no managed
 * API uses it any more, and — when undoing a failed create (`onlyIfCreatedBy`) — that request
 * created it. The deletion is claimed in the registry first, so a request that starts using the
 * endpoint at the same moment either lands before the claim (and the endpoint stays) or sees it
 * being deleted (and waits for a new one). Safe to run twice.
 */
export async function releaseEndpoints(
  input: { apiKey: string; vpcEndpointIds: readonly string[]; onlyIfCreatedBy?: string },
  deps: ReleaseEndpointsDeps,
): Promise<{ released: string[]; deleted: string[] }> {
  const released: string[] = [];
  const deleted: string[] = [];
  for (const vpcEndpointId of new Set(input.vpcEndpointIds)) {
    const record = await deps.store.unregisterEndpointUser(
      vpcEndpointId,
      input.apiKey,
      deps.now().toISOString(),
    );
    if (!record) continue;
    released.push(vpcEndpointId);
    if (record.users.length > 0 || !record.createdByControlPlane) continue;
    if (input.onlyIfCreatedBy !== undefined && record.createdByRequestId !== input.onlyIfCreatedBy) continue;
    if (!(await deps.store.claimEndpointDeletion(vpcEndpointId, deps.now().toISOString()))) continue;
    const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
    // Never delete what is not tagged as ours, whatever the registry says.
    if (endpoint && endpoint.tags[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE) {
      await deps.ec2.deleteVpcEndpoint(vpcEndpointId);
    }
    await deps.store.markEndpointDeleted(vpcEndpointId, deps.now().toISOString());
    for (const kind of ['PRIVATE_DNS', 'NO_PRIVATE_DNS'] as const) {
      const slot = await deps.slots.get(record.vpcId, kind);
      if (slot?.vpcEndpointId === vpcEndpointId)
        await deps.slots.release(slot, vpcEndpointId, deps.now().toISOString());
    }
    deleted.push(vpcEndpointId);
  }
  return { released, deleted };
}
