import { AwsError } from '../../core/aws-error';
import { executeApiDomain } from './dns-entries';
import { groupNotInVpc, invalidParameter } from './ec2-errors';
import type {
  NetworkInterfaceRecord,
  SecurityGroupRecord,
  SubnetRecord,
  VpcEndpointRecord,
  VpcRecord,
} from './ec2-records';
import type { Ec2Store } from './ec2-store';
import { endpointStateAt } from './endpoint-lifecycle';
import { newResourceId } from './ids';
import { allocatePrivateIp, macAddressFor } from './ip-allocation';

/**
 * The rules EC2 applies to an interface endpoint's subnets, security groups, private DNS and
 * policy, shared by CreateVpcEndpoint and ModifyVpcEndpoint.
 */

/** PrivateLink's endpoint policy limit (AWS-FACTS). */
export const MAX_POLICY_LENGTH = 20_480;

/** The policy an endpoint gets when the call names none, or on ResetPolicy: full access. */
export const DEFAULT_ENDPOINT_POLICY = JSON.stringify(
  {
    Version: '2008-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  },
  null,
  2,
);

/** States in which an endpoint no longer holds its private hosted zone. */
const RELEASED_DNS_STATES = new Set(['failed', 'rejected', 'deleted', 'expired']);

/** Subnets must exist, be in the endpoint's VPC, and be at most one per Availability Zone. */
export function resolveSubnets(
  store: Ec2Store,
  region: string,
  vpc: VpcRecord,
  subnetIds: readonly string[],
): SubnetRecord[] {
  const subnets = [...new Set(subnetIds)].map((id) => store.requireSubnet(region, id));
  const byZone = new Map<string, SubnetRecord>();
  for (const subnet of subnets) {
    if (subnet.vpcId !== vpc.vpcId) {
      throw invalidParameter(`The subnet ID '${subnet.subnetId}' does not belong to the VPC '${vpc.vpcId}'.`);
    }
    const other = byZone.get(subnet.availabilityZone);
    if (other) {
      throw new AwsError(
        'DuplicateSubnetsInSameZone',
        `Found another VPC endpoint subnet in the availability zone of ${other.subnetId}`,
      );
    }
    byZone.set(subnet.availabilityZone, subnet);
  }
  return [...byZone.values()].sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone));
}

/** Security groups must exist and be in the endpoint's VPC. */
export function resolveGroups(
  store: Ec2Store,
  region: string,
  vpc: VpcRecord,
  groupIds: readonly string[],
): SecurityGroupRecord[] {
  return [...new Set(groupIds)].map((id) => {
    const group = store.requireSecurityGroup(region, id);
    if (group.vpcId !== vpc.vpcId) throw groupNotInVpc(id, vpc.vpcId);
    return group;
  });
}

/**
 * Private DNS needs both DNS attributes of the VPC, and only one endpoint per VPC may own the
 * service's domain: a second fails even while the first is still `deleting` (Route 53 takes
 * minutes to detach the private hosted zone).
 */
export function assertPrivateDnsAllowed(
  store: Ec2Store,
  vpc: VpcRecord,
  serviceName: string,
  now: number,
  exceptVpcEndpointId?: string,
): void {
  if (!vpc.enableDnsSupport || !vpc.enableDnsHostnames) {
    throw invalidParameter(
      `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc.vpcId}`,
    );
  }
  const holder = store
    .endpointsIn(vpc.region)
    .find(
      (endpoint) =>
        endpoint.vpcEndpointId !== exceptVpcEndpointId &&
        endpoint.vpcId === vpc.vpcId &&
        endpoint.serviceName === serviceName &&
        endpoint.privateDnsEnabled &&
        !RELEASED_DNS_STATES.has(endpointStateAt(endpoint, now)),
    );
  if (holder) {
    throw invalidParameter(
      `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${executeApiDomain(vpc.region)} in the VPC ${vpc.vpcId}`,
    );
  }
}

/** A policy must be JSON and within PrivateLink's size limit. */
export function validatePolicyDocument(policyDocument: string): string {
  if (policyDocument.length > MAX_POLICY_LENGTH) {
    throw invalidParameter(`Policy document exceeds the maximum length of ${MAX_POLICY_LENGTH} characters.`);
  }
  try {
    const parsed: unknown = JSON.parse(policyDocument);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
  } catch {
    throw new AwsError(
      'InvalidPolicyDocument',
      'The specified policy document is not a valid JSON policy document.',
    );
  }
  return policyDocument;
}

/** One requester-managed network interface per subnet, each with a free address of its subnet. */
export function createInterfaces(
  store: Ec2Store,
  endpoint: Pick<VpcEndpointRecord, 'vpcEndpointId' | 'region' | 'vpcId'>,
  subnets: readonly SubnetRecord[],
): NetworkInterfaceRecord[] {
  return subnets.map((subnet) => {
    const networkInterfaceId = newResourceId('eni');
    const taken = new Set(store.interfacesInSubnet(subnet.subnetId).map((eni) => eni.privateIpAddress));
    const eni: NetworkInterfaceRecord = {
      networkInterfaceId,
      region: endpoint.region,
      vpcId: endpoint.vpcId,
      subnetId: subnet.subnetId,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      privateIpAddress: allocatePrivateIp(subnet, taken, networkInterfaceId),
      macAddress: macAddressFor(networkInterfaceId),
      vpcEndpointId: endpoint.vpcEndpointId,
    };
    store.putInterface(eni);
    return eni;
  });
}
