import {
  type EndpointSlot,
  type EndpointSlotKind,
  type EndpointSlotStore,
  isClaimed,
  slotClientToken,
} from '../../../../../shared/status/endpoint-slots';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The VPCs' managed-endpoint slots in memory, with the conditions of createEndpointSlotStore's
 * writes: a slot is claimed only while free at the generation read, its endpoint recorded only
 * under the same claim, released only while it still holds that endpoint (or, with none, that
 * claim). The contract test runs both through the same calls.
 */
export class InMemoryEndpointSlots implements EndpointSlotStore {
  readonly slots = new Map<string, EndpointSlot>();
  /** Runs inside the next claim, between its read and its write (a concurrent request's claim). */
  beforeNextClaimWrite: (() => Promise<void>) | undefined;

  private static key(vpcId: string, kind: EndpointSlotKind) {
    return `${vpcId}#${kind}`;
  }

  async get(vpcId: string, kind: EndpointSlotKind): Promise<EndpointSlot | undefined> {
    const slot = this.slots.get(InMemoryEndpointSlots.key(vpcId, kind));
    return slot && structuredClone(slot);
  }

  async claim(input: Parameters<EndpointSlotStore['claim']>[0]): Promise<EndpointSlot | undefined> {
    const { vpcId, kind, requestId, subnetIds, securityGroupIds } = input;
    const current = await this.get(vpcId, kind);
    if (isClaimed(current)) return current;
    const generation = current?.generation ?? 0;
    const race = this.beforeNextClaimWrite;
    this.beforeNextClaimWrite = undefined;
    if (race) await race();
    const now = this.slots.get(InMemoryEndpointSlots.key(vpcId, kind));
    const free =
      now === undefined ? generation === 0 : now.claimedBy === undefined && now.generation === generation;
    if (free) {
      this.slots.set(InMemoryEndpointSlots.key(vpcId, kind), {
        ...(now?.previousEndpointId === undefined ? {} : { previousEndpointId: now.previousEndpointId }),
        vpcId,
        kind,
        generation,
        claimedBy: requestId,
        clientToken: slotClientToken({ vpcId, kind, generation, subnetIds, securityGroupIds }),
        subnetIds: [...subnetIds],
        securityGroupIds: [...securityGroupIds],
      });
    }
    return this.get(vpcId, kind);
  }

  async recordEndpoint(slot: Parameters<EndpointSlotStore['recordEndpoint']>[0], vpcEndpointId: string) {
    const key = InMemoryEndpointSlots.key(slot.vpcId, slot.kind);
    const now = this.slots.get(key);
    if (!now || now.generation !== slot.generation || now.claimedBy !== slot.claimedBy) return;
    if (now.vpcEndpointId !== undefined && now.vpcEndpointId !== vpcEndpointId) return;
    this.slots.set(key, { ...now, vpcEndpointId });
  }

  async release(slot: EndpointSlot, vpcEndpointId: string | undefined): Promise<boolean> {
    const key = InMemoryEndpointSlots.key(slot.vpcId, slot.kind);
    const now = this.slots.get(key);
    const holds =
      now !== undefined &&
      now.generation === slot.generation &&
      (vpcEndpointId === undefined
        ? now.claimedBy === slot.claimedBy && now.vpcEndpointId === undefined
        : now.vpcEndpointId === vpcEndpointId);
    if (!now || !holds) return false;
    const released: Mutable<EndpointSlot> = {
      vpcId: now.vpcId,
      kind: now.kind,
      generation: now.generation + 1,
    };
    const previous = vpcEndpointId ?? now.previousEndpointId;
    if (previous !== undefined) released.previousEndpointId = previous;
    this.slots.set(key, released);
    return true;
  }
}
