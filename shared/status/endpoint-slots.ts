import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { endpointClientToken } from '../naming/endpoint-client-token';
import { endpointSlotKey } from './table';

/**
 * The managed endpoint of a VPC, one per private-DNS setting: the control plane's own record of
 * which endpoint it made there, so that concurrent requests converge on one endpoint whatever
 * their parameters, and ownership never rests on a tag anyone can write (docs/aws-facts.md, EC2).
 *
 * Key: `VPC#{vpcId}` / `MANAGED_ENDPOINT#{PRIVATE_DNS|NO_PRIVATE_DNS}`. A slot is claimed by the
 * first request that needs it: the claim fixes the parameters (subnets, security groups: the
 * first request's win) and a ClientToken derived from them and the slot's generation. Every
 * request that finds the slot claimed calls CreateVpcEndpoint with the slot's parameters and
 * token, and EC2's idempotency hands all of them the same endpoint; its id is then recorded.
 * When the endpoint is gone (deleted with its last API, or failed), the slot is released and its
 * generation moves on, so the next claim gets a fresh token (a spent token may still name a
 * deleted endpoint: how long one stays valid is undocumented).
 */
export type EndpointSlotKind = 'PRIVATE_DNS' | 'NO_PRIVATE_DNS';

export const slotKindOf = (privateDns: boolean): EndpointSlotKind =>
  privateDns ? 'PRIVATE_DNS' : 'NO_PRIVATE_DNS';

export interface EndpointSlot {
  readonly vpcId: string;
  readonly kind: EndpointSlotKind;
  readonly generation: number;
  /** The request whose parameters the slot's endpoint is made with (unset: the slot is free). */
  readonly claimedBy?: string;
  readonly clientToken?: string;
  readonly subnetIds?: readonly string[];
  readonly securityGroupIds?: readonly string[];
  /** The endpoint made under the current claim, once known. */
  readonly vpcEndpointId?: string;
  /** The endpoint of the previous generation (it may still be being deleted). */
  readonly previousEndpointId?: string;
}

/** A claimed slot: what CreateVpcEndpoint is called with. */
export type ClaimedSlot = EndpointSlot &
  Required<Pick<EndpointSlot, 'claimedBy' | 'clientToken' | 'subnetIds' | 'securityGroupIds'>>;

export const isClaimed = (slot: EndpointSlot | undefined): slot is ClaimedSlot =>
  slot?.claimedBy !== undefined &&
  slot.clientToken !== undefined &&
  slot.subnetIds !== undefined &&
  slot.securityGroupIds !== undefined;

export interface EndpointSlotStore {
  get(vpcId: string, kind: EndpointSlotKind): Promise<EndpointSlot | undefined>;
  /**
   * Claims a free slot (absent, or released) for a request's parameters; returns the slot as it
   * is afterwards: this claim, or the one that won.
   */
  claim(input: {
    vpcId: string;
    kind: EndpointSlotKind;
    requestId: string;
    subnetIds: readonly string[];
    securityGroupIds: readonly string[];
    now: string;
  }): Promise<EndpointSlot | undefined>;
  /** Records the endpoint made under the slot's claim (idempotent for the same id). */
  recordEndpoint(slot: ClaimedSlot, vpcEndpointId: string, now: string): Promise<void>;
  /**
   * Frees the slot for the next generation: when its endpoint is `vpcEndpointId` (gone or
   * failed), or, with `vpcEndpointId` undefined, when no endpoint was ever made under the claim
   * of `slot.claimedBy` (its creation failed for good). False when the slot has moved on.
   */
  release(slot: EndpointSlot, vpcEndpointId: string | undefined, now: string): Promise<boolean>;
}

/** The token a claim of this slot generation and these parameters creates its endpoint with. */
export function slotClientToken(input: {
  vpcId: string;
  kind: EndpointSlotKind;
  generation: number;
  subnetIds: readonly string[];
  securityGroupIds: readonly string[];
}): string {
  return endpointClientToken(
    {
      vpcId: input.vpcId,
      subnetIds: input.subnetIds,
      securityGroupIds: input.securityGroupIds,
      privateDns: input.kind === 'PRIVATE_DNS',
    },
    input.generation,
  );
}

function fromItem(item: Record<string, unknown> | undefined): EndpointSlot | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, ...slot } = item;
  return slot as unknown as EndpointSlot;
}

export function createEndpointSlotStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): EndpointSlotStore {
  async function conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await client.send(command);
      return true;
    } catch (error: unknown) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  const store: EndpointSlotStore = {
    async get(vpcId, kind) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: endpointSlotKey(vpcId, kind), ConsistentRead: true }),
      );
      return fromItem(Item);
    },

    async claim({ vpcId, kind, requestId, subnetIds, securityGroupIds, now }) {
      const current = await store.get(vpcId, kind);
      if (isClaimed(current)) return current;
      const generation = current?.generation ?? 0;
      const clientToken = slotClientToken({ vpcId, kind, generation, subnetIds, securityGroupIds });
      await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointSlotKey(vpcId, kind),
          UpdateExpression:
            'SET vpcId = :vpcId, #kind = :kind, #generation = :generation, claimedBy = :requestId, ' +
            'clientToken = :token, subnetIds = :subnets, securityGroupIds = :groups, updatedAt = :now',
          // Free at the generation read: a concurrent claim, or a release in between, wins.
          ConditionExpression:
            '(attribute_not_exists(pk) AND :generation = :zero) OR (attribute_not_exists(claimedBy) AND #generation = :generation)',
          ExpressionAttributeNames: { '#kind': 'kind', '#generation': 'generation' },
          ExpressionAttributeValues: {
            ':vpcId': vpcId,
            ':kind': kind,
            ':generation': generation,
            ':zero': 0,
            ':requestId': requestId,
            ':token': clientToken,
            ':subnets': [...subnetIds],
            ':groups': [...securityGroupIds],
            ':now': now,
          },
        }),
      );
      return store.get(vpcId, kind);
    },

    async recordEndpoint(slot, vpcEndpointId, now) {
      await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointSlotKey(slot.vpcId, slot.kind),
          UpdateExpression: 'SET vpcEndpointId = :id, updatedAt = :now',
          ConditionExpression:
            '#generation = :generation AND claimedBy = :claimedBy AND (attribute_not_exists(vpcEndpointId) OR vpcEndpointId = :id)',
          ExpressionAttributeNames: { '#generation': 'generation' },
          ExpressionAttributeValues: {
            ':id': vpcEndpointId,
            ':generation': slot.generation,
            ':claimedBy': slot.claimedBy,
            ':now': now,
          },
        }),
      );
    },

    release(slot, vpcEndpointId, now) {
      const condition =
        vpcEndpointId === undefined
          ? '#generation = :generation AND claimedBy = :claimedBy AND attribute_not_exists(vpcEndpointId)'
          : '#generation = :generation AND vpcEndpointId = :id';
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointSlotKey(slot.vpcId, slot.kind),
          UpdateExpression:
            `SET #generation = :next, updatedAt = :now${vpcEndpointId === undefined ? '' : ', previousEndpointId = :id'} ` +
            'REMOVE claimedBy, clientToken, subnetIds, securityGroupIds, vpcEndpointId',
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#generation': 'generation' },
          ExpressionAttributeValues: {
            ':generation': slot.generation,
            ':next': slot.generation + 1,
            ':now': now,
            ...(vpcEndpointId === undefined ? { ':claimedBy': slot.claimedBy } : { ':id': vpcEndpointId }),
          },
        }),
      );
    },
  };
  return store;
}
