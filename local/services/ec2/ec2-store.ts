import type { AwsError } from '../../core/aws-error';
import type { SeedData } from '../../seed';
import {
  groupNotFound,
  malformedId,
  networkInterfaceNotFound,
  subnetNotFound,
  vpcEndpointNotFound,
  vpcNotFound,
} from './ec2-errors';
import {
  type ClientTokenRecord,
  type Ec2Snapshot,
  ec2SnapshotSchema,
  type NetworkInterfaceRecord,
  type SecurityGroupRecord,
  type SubnetRecord,
  type VpcEndpointRecord,
  type VpcRecord,
} from './ec2-records';
import { isWellFormedId } from './ids';

/** Short forms of region words in Availability Zone ids (us-east-1a is use1-az1). */
const REGION_WORD_ABBREVIATIONS: Readonly<Record<string, string>> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  southeast: 'se',
  northwest: 'nw',
  southwest: 'sw',
};

/** `us-east-1a` → `use1-az1`: the zone id a seed may leave out. */
export function availabilityZoneIdOf(availabilityZone: string): string {
  const region = availabilityZone.slice(0, -1);
  const letter = availabilityZone.slice(-1);
  const [partition = '', ...rest] = region.split('-');
  const number = rest.pop() ?? '';
  const words = rest.map((word) => REGION_WORD_ABBREVIATIONS[word] ?? word.charAt(0)).join('');
  return `${partition}${words}${number}-az${letter.charCodeAt(0) - 'a'.charCodeAt(0) + 1}`;
}

/**
 * One record by id in one region, failing as EC2 does: `{Kind}.Malformed` for an id of the wrong
 * shape, the kind's NotFound error for an unknown id or one of another region.
 */
function lookup<T extends { readonly region: string }>(
  records: ReadonlyMap<string, T>,
  region: string,
  id: string,
  errors: {
    readonly prefix: string;
    readonly malformed: string;
    readonly notFound: (id: string) => AwsError;
  },
): T {
  if (!isWellFormedId(id, errors.prefix)) throw malformedId(errors.malformed, id, errors.prefix);
  const record = records.get(id);
  if (!record || record.region !== region) throw errors.notFound(id);
  return record;
}

function byId<T>(records: readonly T[], idOf: (record: T) => string): Map<string, T> {
  return new Map(records.map((record) => [idOf(record), record]));
}

/**
 * The local EC2's state: VPCs, subnets and security groups from the seed, the VPC endpoints and
 * their network interfaces, tags and client tokens. Lookups are per region and fail with the
 * error EC2 gives for a malformed or unknown id.
 */
export class Ec2Store {
  private vpcs = new Map<string, VpcRecord>();
  private subnets = new Map<string, SubnetRecord>();
  private groups = new Map<string, SecurityGroupRecord>();
  private endpoints = new Map<string, VpcEndpointRecord>();
  private interfaces = new Map<string, NetworkInterfaceRecord>();
  private tags = new Map<string, Map<string, string>>();
  private clientTokens = new Map<string, ClientTokenRecord>();

  constructor(seed: SeedData) {
    const regionOfVpc = new Map(seed.vpcs.map((vpc) => [vpc.vpcId, vpc.region]));
    const regionOf = (vpcId: string) => regionOfVpc.get(vpcId) ?? 'us-east-1';
    for (const vpc of seed.vpcs) {
      this.vpcs.set(vpc.vpcId, {
        vpcId: vpc.vpcId,
        region: vpc.region,
        cidrBlock: vpc.cidrBlock,
        enableDnsSupport: vpc.enableDnsSupport,
        enableDnsHostnames: vpc.enableDnsHostnames,
        isDefault: vpc.isDefault,
      });
      this.setTags(vpc.vpcId, Object.entries(vpc.tags));
    }
    for (const subnet of seed.subnets) {
      this.subnets.set(subnet.subnetId, {
        subnetId: subnet.subnetId,
        vpcId: subnet.vpcId,
        region: regionOf(subnet.vpcId),
        cidrBlock: subnet.cidrBlock,
        availabilityZone: subnet.availabilityZone,
        availabilityZoneId: subnet.availabilityZoneId ?? availabilityZoneIdOf(subnet.availabilityZone),
      });
      this.setTags(subnet.subnetId, Object.entries(subnet.tags));
    }
    for (const group of seed.securityGroups) {
      this.groups.set(group.groupId, {
        groupId: group.groupId,
        vpcId: group.vpcId,
        region: regionOf(group.vpcId),
        groupName: group.groupName,
        description: group.description,
        ingress: group.ingress.map((rule) => ({
          ipProtocol: rule.ipProtocol,
          fromPort: rule.fromPort,
          toPort: rule.toPort,
          cidrIps: rule.cidrIps,
          sourceGroupIds: rule.sourceGroupIds,
          description: rule.description,
        })),
      });
      this.setTags(group.groupId, Object.entries(group.tags));
    }
  }

  // ---- VPCs, subnets, security groups -------------------------------------------------------

  vpcsIn(region: string): VpcRecord[] {
    return [...this.vpcs.values()].filter((vpc) => vpc.region === region);
  }

  allVpcs(): VpcRecord[] {
    return [...this.vpcs.values()];
  }

  requireVpc(region: string, vpcId: string): VpcRecord {
    return lookup(this.vpcs, region, vpcId, {
      prefix: 'vpc',
      malformed: 'InvalidVpcID.Malformed',
      notFound: vpcNotFound,
    });
  }

  subnetsIn(region: string): SubnetRecord[] {
    return [...this.subnets.values()].filter((subnet) => subnet.region === region);
  }

  requireSubnet(region: string, subnetId: string): SubnetRecord {
    return lookup(this.subnets, region, subnetId, {
      prefix: 'subnet',
      malformed: 'InvalidSubnetID.Malformed',
      notFound: subnetNotFound,
    });
  }

  securityGroupsIn(region: string): SecurityGroupRecord[] {
    return [...this.groups.values()].filter((group) => group.region === region);
  }

  requireSecurityGroup(region: string, groupId: string): SecurityGroupRecord {
    return lookup(this.groups, region, groupId, {
      prefix: 'sg',
      malformed: 'InvalidGroupId.Malformed',
      notFound: groupNotFound,
    });
  }

  /** The name of the region's security group `groupId`; undefined when the region has none by that id. */
  securityGroupName(region: string, groupId: string): string | undefined {
    const group = this.groups.get(groupId);
    return group?.region === region ? group.groupName : undefined;
  }

  /** The VPC's `default` security group, which EC2 uses when a call names none. */
  defaultSecurityGroup(vpcId: string): SecurityGroupRecord | undefined {
    return [...this.groups.values()].find((group) => group.vpcId === vpcId && group.groupName === 'default');
  }

  // ---- VPC endpoints and their network interfaces --------------------------------------------

  endpointsIn(region: string): VpcEndpointRecord[] {
    return [...this.endpoints.values()].filter((endpoint) => endpoint.region === region);
  }

  allEndpoints(): VpcEndpointRecord[] {
    return [...this.endpoints.values()];
  }

  findEndpoint(vpcEndpointId: string): VpcEndpointRecord | undefined {
    return this.endpoints.get(vpcEndpointId);
  }

  requireEndpoint(region: string, vpcEndpointId: string): VpcEndpointRecord {
    return lookup(this.endpoints, region, vpcEndpointId, {
      prefix: 'vpce',
      malformed: 'InvalidVpcEndpointId.Malformed',
      notFound: vpcEndpointNotFound,
    });
  }

  putEndpoint(endpoint: VpcEndpointRecord): void {
    this.endpoints.set(endpoint.vpcEndpointId, endpoint);
  }

  /** Forgets an endpoint with everything hanging off it: ENIs, tags, its client tokens. */
  removeEndpoint(vpcEndpointId: string): boolean {
    if (!this.endpoints.delete(vpcEndpointId)) return false;
    for (const eni of this.interfacesOf(vpcEndpointId)) this.interfaces.delete(eni.networkInterfaceId);
    this.tags.delete(vpcEndpointId);
    for (const [key, token] of this.clientTokens) {
      if (token.vpcEndpointId === vpcEndpointId) this.clientTokens.delete(key);
    }
    return true;
  }

  /** Removes endpoints whose `deleting` phase is over, as EC2 stops listing them. */
  sweepDeleted(now: number, deletedAfterMs: number): void {
    for (const endpoint of [...this.endpoints.values()]) {
      if (endpoint.deletingSinceMs !== undefined && now >= endpoint.deletingSinceMs + deletedAfterMs) {
        this.removeEndpoint(endpoint.vpcEndpointId);
      }
    }
  }

  interfacesIn(region: string): NetworkInterfaceRecord[] {
    return [...this.interfaces.values()].filter((eni) => eni.region === region);
  }

  /** An endpoint's ENIs in its subnet (Availability Zone) order. */
  interfacesOf(vpcEndpointId: string): NetworkInterfaceRecord[] {
    const endpoint = this.endpoints.get(vpcEndpointId);
    const order = endpoint?.subnetIds ?? [];
    return [...this.interfaces.values()]
      .filter((eni) => eni.vpcEndpointId === vpcEndpointId)
      .sort((a, b) => order.indexOf(a.subnetId) - order.indexOf(b.subnetId));
  }

  interfacesInSubnet(subnetId: string): NetworkInterfaceRecord[] {
    return [...this.interfaces.values()].filter((eni) => eni.subnetId === subnetId);
  }

  requireInterface(region: string, networkInterfaceId: string): NetworkInterfaceRecord {
    return lookup(this.interfaces, region, networkInterfaceId, {
      prefix: 'eni',
      malformed: 'InvalidNetworkInterfaceId.Malformed',
      notFound: networkInterfaceNotFound,
    });
  }

  putInterface(eni: NetworkInterfaceRecord): void {
    this.interfaces.set(eni.networkInterfaceId, eni);
  }

  removeInterface(networkInterfaceId: string): void {
    this.interfaces.delete(networkInterfaceId);
  }

  // ---- Client tokens -------------------------------------------------------------------------

  clientToken(region: string, token: string): ClientTokenRecord | undefined {
    return this.clientTokens.get(`${region}/${token}`);
  }

  rememberClientToken(region: string, token: string, record: ClientTokenRecord): void {
    this.clientTokens.set(`${region}/${token}`, record);
  }

  // ---- Tags ----------------------------------------------------------------------------------

  tagsOf(resourceId: string): ReadonlyMap<string, string> {
    return this.tags.get(resourceId) ?? new Map();
  }

  /** Every tagged resource id with its tags. */
  taggedResources(): [string, ReadonlyMap<string, string>][] {
    return [...this.tags.entries()];
  }

  setTags(resourceId: string, tags: Iterable<readonly [string, string]>): void {
    const current = this.tags.get(resourceId) ?? new Map<string, string>();
    for (const [key, value] of tags) current.set(key, value);
    if (current.size > 0) this.tags.set(resourceId, current);
  }

  /** DeleteTags: a key alone removes the tag; with a value, only when the value matches. */
  deleteTags(
    resourceId: string,
    tags: readonly { key: string; value: string | undefined }[] | undefined,
  ): void {
    const current = this.tags.get(resourceId);
    if (!current) return;
    if (tags === undefined) {
      this.tags.delete(resourceId);
      return;
    }
    for (const { key, value } of tags) {
      if (value === undefined || current.get(key) === value) current.delete(key);
    }
    if (current.size === 0) this.tags.delete(resourceId);
  }

  // ---- State file ----------------------------------------------------------------------------

  snapshot(): Ec2Snapshot {
    return structuredClone({
      version: 1 as const,
      vpcs: [...this.vpcs.values()],
      subnets: [...this.subnets.values()],
      securityGroups: [...this.groups.values()],
      vpcEndpoints: [...this.endpoints.values()],
      networkInterfaces: [...this.interfaces.values()],
      tags: Object.fromEntries([...this.tags].map(([id, tags]) => [id, Object.fromEntries(tags)])),
      clientTokens: Object.fromEntries(this.clientTokens),
    });
  }

  /** Replaces the whole state with a snapshot; throws a ZodError naming the bad field. */
  restore(state: unknown): void {
    const snapshot = ec2SnapshotSchema.parse(state);
    this.vpcs = byId(snapshot.vpcs, (vpc) => vpc.vpcId);
    this.subnets = byId(snapshot.subnets, (subnet) => subnet.subnetId);
    this.groups = byId(snapshot.securityGroups, (group) => group.groupId);
    this.endpoints = byId(snapshot.vpcEndpoints, (endpoint) => endpoint.vpcEndpointId);
    this.interfaces = byId(snapshot.networkInterfaces, (eni) => eni.networkInterfaceId);
    this.tags = new Map(
      Object.entries(snapshot.tags).map(([id, tags]) => [id, new Map(Object.entries(tags))]),
    );
    this.clientTokens = new Map(Object.entries(snapshot.clientTokens));
  }
}
