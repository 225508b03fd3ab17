import type { ApiGatewayOperations } from '../aws/api-gateway';
import type { Ec2Operations } from '../aws/ec2';
import {
  NoHttpsIngressError,
  PrivateApiQuotaReachedError,
  SecurityGroupNotInVpcError,
  SubnetNotInVpcError,
  VpcDnsAttributesOffError,
  VpcNotFoundError,
} from '../errors';
import { admitsHttpsFromVpc } from '../network/https-ingress';
import type { StepRequest } from './step-input';

export interface PreflightDeps {
  readonly ec2: Pick<
    Ec2Operations,
    'describeVpc' | 'vpcDnsAttributes' | 'describeSubnets' | 'describeSecurityGroups'
  >;
  readonly apiGateway: Pick<ApiGatewayOperations, 'countPrivateRestApis'>;
  /** AWS-FACTS: 600 private REST APIs per Region. */
  readonly privateApiQuota: number;
}

export interface PreflightResult {
  readonly vpcCidrBlocks: readonly string[];
}

/**
 * Checks what seed 001 says must be true before a private API can work, and names the fix for
 * each problem: the VPC exists; with private DNS both DNS attributes are on; the subnets and
 * groups belong to the VPC; a group admits TCP 443 from the VPC; the private-API quota has room.
 */
export async function preflight(request: StepRequest, deps: PreflightDeps): Promise<PreflightResult> {
  const { vpcId, subnetIds, securityGroupIds, privateDns } = request.network;
  const vpc = await deps.ec2.describeVpc(vpcId);
  if (!vpc) {
    throw new VpcNotFoundError(`VPC ${vpcId} does not exist in this account and Region: check network.vpcId`);
  }

  if (privateDns) {
    const dns = await deps.ec2.vpcDnsAttributes(vpcId);
    const off = [
      ...(dns.enableDnsSupport ? [] : ['enableDnsSupport']),
      ...(dns.enableDnsHostnames ? [] : ['enableDnsHostnames']),
    ];
    if (off.length > 0) {
      throw new VpcDnsAttributesOffError(
        `VPC ${vpcId} has ${off.join(' and ')} off; private DNS needs both: turn them on ` +
          `(${off.map((attribute) => `aws ec2 modify-vpc-attribute --vpc-id ${vpcId} --${attribute.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} '{"Value":true}'`).join('; ')}) or send network.privateDns: false`,
      );
    }
  }

  const [subnets, groups] = await Promise.all([
    deps.ec2.describeSubnets(subnetIds),
    deps.ec2.describeSecurityGroups(securityGroupIds),
  ]);
  const foreignSubnets = subnetIds.filter((id) => subnets.get(id)?.vpcId !== vpcId);
  if (foreignSubnets.length > 0) {
    throw new SubnetNotInVpcError(
      `subnet(s) ${foreignSubnets.join(', ')} ${foreignSubnets.length > 1 ? 'are' : 'is'} not in VPC ${vpcId} ` +
        `(or do not exist): list subnets of ${vpcId} in network.subnetIds`,
    );
  }
  const foreignGroups = securityGroupIds.filter((id) => groups.get(id)?.vpcId !== vpcId);
  if (foreignGroups.length > 0) {
    throw new SecurityGroupNotInVpcError(
      `security group(s) ${foreignGroups.join(', ')} ${foreignGroups.length > 1 ? 'are' : 'is'} not in VPC ${vpcId} ` +
        `(or do not exist): list groups of ${vpcId} in network.securityGroupIds`,
    );
  }
  const groupIds = new Set(securityGroupIds);
  const admits = securityGroupIds.some((id) =>
    admitsHttpsFromVpc(groups.get(id)?.ingress ?? [], vpc.cidrBlocks, groupIds),
  );
  if (!admits) {
    throw new NoHttpsIngressError(
      `none of the security groups ${securityGroupIds.join(', ')} admits TCP 443 from the VPC (${vpc.cidrBlocks.join(', ')}): ` +
        `add an inbound rule for TCP 443 from ${vpc.cidrBlocks[0]} to one of them`,
    );
  }

  const privateApis = await deps.apiGateway.countPrivateRestApis();
  if (privateApis >= deps.privateApiQuota) {
    throw new PrivateApiQuotaReachedError(
      `the account has ${privateApis} private REST APIs in this Region, at the quota of ${deps.privateApiQuota}: ` +
        'delete unused private APIs or raise the quota',
    );
  }
  return { vpcCidrBlocks: vpc.cidrBlocks };
}
