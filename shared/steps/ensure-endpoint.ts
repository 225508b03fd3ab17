import type { Ec2Operations, EndpointSummary } from '../aws/ec2';
import {
  AwsThrottlingError,
  AwsTransientError,
  classifyAwsError,
  VpcEndpointBusyError,
  VpcEndpointConflictError,
  VpcEndpointMismatchError,
} from '../errors';
import { managedEndpointTags } from '../naming';
import { endpointStateOutcome } from '../polling';
import {
  type ClaimedSlot,
  type EndpointSlot,
  type EndpointSlotKind,
  type EndpointSlotStore,
  isClaimed,
  slotKindOf,
} from '../status/endpoint-slots';
import type { StepRequest } from './step-input';

export interface EndpointUse {
  readonly vpcEndpointId: string;
  readonly vpcId: string;
  readonly createdByControlPlane: boolean;
  readonly createdByRequestId?: string;
}

export interface EnsureEndpointDeps {
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'createInterfaceEndpoint'>;
  /** The VPC's managed endpoints, as the control plane recorded them (never found by tag). */
  readonly slots: EndpointSlotStore;
  readonly region: string;
  /** Records the API as a user of the endpoint (registry); false while the endpoint is being deleted. */
  readonly registerUse: (use: EndpointUse) => Promise<boolean>;
  readonly now: () => Date;
}

export interface EnsureEndpointResult {
  readonly vpcEndpointId: string;
  /** True when this request created the endpoint (so undoing the request may delete it). */
  readonly created: boolean;
  readonly source: 'request' | 'managed' | 'created';
}

export const executeApiServiceName = (region: string) => `com.amazonaws.${region}.execute-api`;

/** Most times a slot whose endpoint turned out gone or failed is claimed anew within one call. */
const MAX_SLOT_ROUNDS = 3;

/**
 * Ensures the execute-api interface endpoint the API will be reached through: the one the
 * request names (checked: execute-api, Interface, in the VPC), else the VPC's managed endpoint
 * (seed 000: one endpoint serves many private APIs), one per private-DNS setting. Which endpoint
 * is the VPC's managed one is the control plane's own record (endpoint-slots.ts), never a tag:
 * concurrent requests converge on one endpoint whatever their parameters (the first request's
 * subnets and security groups are the endpoint's), and an endpoint carrying a copied tag is
 * never taken for the control plane's. Safe to run twice: creation is idempotent by the slot's
 * ClientToken, so a retry after a lost answer gets the same endpoint back.
 */
export async function ensureEndpoint(
  requestId: string,
  request: StepRequest,
  deps: EnsureEndpointDeps,
): Promise<EnsureEndpointResult> {
  const chosen =
    request.network.vpcEndpointId === undefined
      ? await managedEndpoint(requestId, request, deps)
      : await namedEndpoint(request, deps);
  const registered = await deps.registerUse({
    vpcEndpointId: chosen.result.vpcEndpointId,
    vpcId: request.network.vpcId,
    createdByControlPlane: chosen.createdBy !== undefined,
    ...(chosen.createdBy === undefined ? {} : { createdByRequestId: chosen.createdBy }),
  });
  if (!registered) {
    throw new VpcEndpointBusyError(
      `VPC endpoint ${chosen.result.vpcEndpointId} is being deleted (its last API went away): waiting to make a new one`,
    );
  }
  return chosen.result;
}

interface ChosenEndpoint {
  readonly result: EnsureEndpointResult;
  /** The request whose claim made the endpoint, when the control plane made it. */
  readonly createdBy?: string;
}

async function namedEndpoint(request: StepRequest, deps: EnsureEndpointDeps): Promise<ChosenEndpoint> {
  const { vpcId, privateDns } = request.network;
  const vpcEndpointId = request.network.vpcEndpointId ?? '';
  const serviceName = executeApiServiceName(deps.region);
  const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
  const problem = !endpoint
    ? 'does not exist'
    : endpoint.serviceName !== serviceName
      ? `is for ${endpoint.serviceName}, not ${serviceName}`
      : endpoint.vpcId !== vpcId
        ? `is in ${endpoint.vpcId}, not in ${vpcId}`
        : endpoint.endpointType.toLowerCase() !== 'interface'
          ? `is a ${endpoint.endpointType} endpoint, not an Interface endpoint`
          : endpointStateOutcome(endpoint.state) === 'failed'
            ? `is ${endpoint.state}`
            : privateDns && !endpoint.privateDnsEnabled
              ? 'has private DNS off while network.privateDns is true (send false, or turn its private DNS on)'
              : undefined;
  if (problem) {
    throw new VpcEndpointMismatchError(
      `network.vpcEndpointId ${vpcEndpointId} ${problem}: name an execute-api interface endpoint of ${vpcId}, or leave it out`,
    );
  }
  // Registered as not made here: the registry keeps what it knew (an endpoint the control plane
  // made stays its own), and a named endpoint it did not make is never deleted.
  return { result: { vpcEndpointId, created: false, source: 'request' } };
}

/** What a slot's recorded endpoint is now. */
type SlotEndpoint = { usable: EndpointSummary } | { gone: true } | { deleting: string } | undefined;

async function slotEndpoint(slot: EndpointSlot, deps: EnsureEndpointDeps): Promise<SlotEndpoint> {
  if (slot.vpcEndpointId === undefined) return undefined;
  const endpoint = await deps.ec2.describeEndpoint(slot.vpcEndpointId);
  if (!endpoint) return { gone: true };
  if (endpoint.state.toLowerCase() === 'deleting') return { deleting: endpoint.vpcEndpointId };
  return endpointStateOutcome(endpoint.state) === 'failed' ? { gone: true } : { usable: endpoint };
}

async function managedEndpoint(
  requestId: string,
  request: StepRequest,
  deps: EnsureEndpointDeps,
): Promise<ChosenEndpoint> {
  const { vpcId, privateDns } = request.network;
  // A request without private DNS is served by the VPC's private-DNS endpoint when there is one.
  if (!privateDns) {
    const withPrivateDns = await deps.slots.get(vpcId, 'PRIVATE_DNS');
    const existing =
      withPrivateDns && isClaimed(withPrivateDns) ? await slotEndpoint(withPrivateDns, deps) : undefined;
    if (existing && 'usable' in existing && withPrivateDns?.claimedBy) {
      return fromSlot(requestId, withPrivateDns.claimedBy, existing.usable.vpcEndpointId);
    }
  }
  const kind = slotKindOf(privateDns);
  for (let round = 0; round < MAX_SLOT_ROUNDS; round += 1) {
    const slot = await deps.slots.claim({
      vpcId,
      kind,
      requestId,
      subnetIds: request.network.subnetIds,
      securityGroupIds: request.network.securityGroupIds,
      now: deps.now().toISOString(),
    });
    if (!isClaimed(slot)) continue; // released between the claim and the read: claim again
    const recorded = await slotEndpoint(slot, deps);
    if (recorded && 'usable' in recorded)
      return fromSlot(requestId, slot.claimedBy, recorded.usable.vpcEndpointId);
    if (recorded && 'deleting' in recorded) throw busy(vpcId, recorded.deleting);
    if (recorded && 'gone' in recorded) {
      // Deleted or failed behind the control plane's back: the slot moves to its next generation.
      await deps.slots.release(slot, slot.vpcEndpointId, deps.now().toISOString());
      continue;
    }
    const made = await createUnderSlot(slot, kind, deps);
    if (made === undefined) continue; // the token was spent elsewhere: the slot moved on
    if (endpointStateOutcome(made.state) === 'failed') {
      // The token still names an endpoint that is gone: record it, release, make a new one.
      await deps.slots.recordEndpoint(slot, made.vpcEndpointId, deps.now().toISOString());
      await deps.slots.release(slot, made.vpcEndpointId, deps.now().toISOString());
      continue;
    }
    await deps.slots.recordEndpoint(slot, made.vpcEndpointId, deps.now().toISOString());
    return fromSlot(requestId, slot.claimedBy, made.vpcEndpointId);
  }
  throw new VpcEndpointBusyError(
    `the managed ${kind === 'PRIVATE_DNS' ? 'private-DNS ' : ''}endpoint of ${vpcId} keeps changing: waiting for it to settle`,
  );
}

const fromSlot = (requestId: string, claimedBy: string, vpcEndpointId: string): ChosenEndpoint => ({
  result: {
    vpcEndpointId,
    created: claimedBy === requestId,
    source: claimedBy === requestId ? 'created' : 'managed',
  },
  createdBy: claimedBy,
});

const busy = (vpcId: string, vpcEndpointId: string, options?: ErrorOptions) =>
  new VpcEndpointBusyError(
    `VPC endpoint ${vpcEndpointId} of ${vpcId} is still being deleted: waiting to make a new one`,
    options,
  );

/**
 * CreateVpcEndpoint with the slot's parameters and token: every request of the slot gets the
 * same endpoint. Undefined when the token was spent on other parameters (by another caller):
 * the slot is then released for a fresh token.
 */
async function createUnderSlot(
  slot: ClaimedSlot,
  kind: EndpointSlotKind,
  deps: EnsureEndpointDeps,
): Promise<EndpointSummary | undefined> {
  try {
    return await deps.ec2.createInterfaceEndpoint({
      vpcId: slot.vpcId,
      serviceName: executeApiServiceName(deps.region),
      subnetIds: slot.subnetIds,
      securityGroupIds: slot.securityGroupIds,
      privateDnsEnabled: kind === 'PRIVATE_DNS',
      clientToken: slot.clientToken,
      tags: managedEndpointTags(slot.vpcId, slot.claimedBy),
    });
  } catch (error: unknown) {
    const name = error instanceof Error ? error.name : undefined;
    const conflictingDns =
      name === 'InvalidParameter' && error instanceof Error && /conflicting DNS domain/i.test(error.message);
    if (conflictingDns && slot.previousEndpointId !== undefined) {
      // The slot's previous endpoint may still hold the VPC's private DNS name while it is deleted.
      const previous = await deps.ec2.describeEndpoint(slot.previousEndpointId);
      if (previous && previous.state.toLowerCase() === 'deleting')
        throw busy(slot.vpcId, previous.vpcEndpointId, { cause: error });
    }
    if (name === 'IdempotentParameterMismatch') {
      await deps.slots.release(slot, undefined, deps.now().toISOString());
      return undefined;
    }
    const retried = classifyAwsError(error);
    if (!(retried instanceof AwsThrottlingError || retried instanceof AwsTransientError)) {
      // Refused for good (not throttled, no server fault that may hide a made endpoint):
      // nothing was made under this claim, and the request fails. Free the slot for the next one.
      await deps.slots.release(slot, undefined, deps.now().toISOString());
    }
    if (conflictingDns) {
      throw new VpcEndpointConflictError(
        `VPC ${slot.vpcId} already has an execute-api endpoint with private DNS that this control plane did not create ` +
          `(${error instanceof Error ? error.message : String(error)}): pass its id as network.vpcEndpointId to use it`,
        { cause: error },
      );
    }
    throw error;
  }
}
