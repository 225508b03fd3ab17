import type { IpPermission } from '@aws-sdk/client-ec2';
import { cidrContains } from './cidr';

const HTTPS_PORT = 443;

function coversHttps(permission: IpPermission): boolean {
  // IpProtocol "-1" is all traffic; ports are then absent.
  if (permission.IpProtocol === '-1') return true;
  if (permission.IpProtocol !== 'tcp' && permission.IpProtocol !== '6') return false;
  const from = permission.FromPort ?? -1;
  const to = permission.ToPort ?? -1;
  return from <= HTTPS_PORT && HTTPS_PORT <= to;
}

/**
 * True when the ingress rules admit TCP 443 from the whole VPC: from a CIDR that contains every
 * VPC CIDR block, or from a security group of the same VPC (seed 001: the endpoint's security
 * group must allow 443 from the VPC's CIDR or from a group in the VPC).
 */
export function admitsHttpsFromVpc(
  ingress: readonly IpPermission[],
  vpcCidrBlocks: readonly string[],
  groupsInVpc: ReadonlySet<string>,
): boolean {
  return ingress.filter(coversHttps).some((permission) => {
    const fromCidrs = (permission.IpRanges ?? []).map((range) => range.CidrIp ?? '');
    const cidrOk =
      vpcCidrBlocks.length > 0 &&
      vpcCidrBlocks.every((vpcCidr) => fromCidrs.some((cidr) => cidrContains(cidr, vpcCidr)));
    const groupOk = (permission.UserIdGroupPairs ?? []).some(
      (pair) => pair.GroupId !== undefined && groupsInVpc.has(pair.GroupId),
    );
    return cidrOk || groupOk;
  });
}
