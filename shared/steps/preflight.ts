import type { ApiGatewayOperations } from '../aws/api-gateway';
import type { Ec2Operations } from '../aws/ec2';
import {
  NoHttpsIngressError,
  PrivateApiQuotaReachedError,
  SecurityGroupNotInVpcError,
  SubnetNotInVpcError,
  VpcDnsAttributesOffError,
  VpcEndpointNotAllowedError,
  VpcEndpointNotUsableError,
  VpcNotFoundError,
} from '../errors';
import { admitsHttpsFromVpc } from '../network/https-ingress';
import { endpointStateOutcome } from '../polling';
import type { StepRequest } from './step-input';

export interface PreflightDeps {
  readonly ec2: Pick<
    Ec2Operations,
    'describeVpc' | 'vpcDnsAttributes' | 'describeSubnets' | 'describeSecurityGroups' | 'describeEndpoints'
  >;
  readonly apiGateway: Pick<ApiGatewayOperations, 'countPrivateRestApis'>;
  /** AWS-FACTS: 600 private REST APIs per Region. */
  readonly privateApiQuota: number;
  readonly region: string;
  /** The stage's allowlists (empty: any): every endpoint the request names must be in them. */
  readonly allowedVpcIds: readonly string[];
  readonly allowedAccountIds: readonly string[];
}

export interface PreflightResult {
  readonly vpcCidrBlocks: readonly string[];
}

/**
 * Checks what seed 001 says must be true before a private API can work, and names the fix for
 * each problem: the VPC exists; with private DNS both DNS attributes are on; the subnets and
 * groups belong to the VPC; a group admits TCP 443 from the VPC; every endpoint the request names
 * exists and is within the stage's allowlists; the private-API quota has room. Nothing has been
 * created when it fails.
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

  await checkNamedEndpoints(request, deps);

  const privateApis = await deps.apiGateway.countPrivateRestApis();
  if (privateApis >= deps.privateApiQuota) {
    throw new PrivateApiQuotaReachedError(
      `the account has ${privateApis} private REST APIs in this Region, at the quota of ${deps.privateApiQuota}: ` +
        'delete unused private APIs or raise the quota',
    );
  }
  return { vpcCidrBlocks: vpc.cidrBlocks };
}

/** An endpoint the request names, where it names it, and whether it must be an endpoint of this account. */
interface NamedEndpoint {
  readonly field: string;
  readonly vpcEndpointId: string;
  /** Associated with the API (the request's own, or access.associatedVpcEndpointIds): it must be usable here. */
  readonly associated: boolean;
}

function namedEndpoints(request: StepRequest): NamedEndpoint[] {
  const { network, access } = request;
  return [
    ...(network.vpcEndpointId === undefined
      ? []
      : [{ field: 'network.vpcEndpointId', vpcEndpointId: network.vpcEndpointId, associated: true }]),
    ...access.associatedVpcEndpointIds.map((vpcEndpointId, index) => ({
      field: `access.associatedVpcEndpointIds[${index}]`,
      vpcEndpointId,
      associated: true,
    })),
    ...access.allowedVpcEndpointIds.map((vpcEndpointId, index) => ({
      field: `access.allowedVpcEndpointIds[${index}]`,
      vpcEndpointId,
      associated: false,
    })),
  ];
}

/**
 * The endpoints a request names, looked up in one call: those to associate must be execute-api
 * endpoints of this account and Region that are not failed; with an allowlist in force, every
 * named endpoint must be one whose VPC and account the allowlists hold. An endpoint that cannot be
 * looked up here (another account's) cannot be shown to be within them, so it is refused then:
 * the allowlists bound everything a request can grant.
 */
async function checkNamedEndpoints(request: StepRequest, deps: PreflightDeps): Promise<void> {
  const named = namedEndpoints(request);
  if (named.length === 0) return;
  const found = await deps.ec2.describeEndpoints([...new Set(named.map((entry) => entry.vpcEndpointId))]);
  const serviceName = `com.amazonaws.${deps.region}.execute-api`;
  const unusable: string[] = [];
  const disallowed: string[] = [];
  const allowlisted = deps.allowedVpcIds.length > 0 || deps.allowedAccountIds.length > 0;
  for (const { field, vpcEndpointId, associated } of named) {
    const endpoint = found.get(vpcEndpointId);
    if (associated) {
      const problem = !endpoint
        ? 'does not exist in this account and Region'
        : endpoint.serviceName !== serviceName
          ? `is for ${endpoint.serviceName}, not ${serviceName}`
          : endpointStateOutcome(endpoint.state) === 'failed'
            ? `is ${endpoint.state}`
            : undefined;
      if (problem) {
        unusable.push(`${field}: ${vpcEndpointId} ${problem}`);
        continue;
      }
    }
    if (!allowlisted) continue;
    if (!endpoint) {
      disallowed.push(
        `${field}: ${vpcEndpointId} is not an endpoint of this account and Region, so it cannot be checked against this control plane's allowlists`,
      );
      continue;
    }
    if (deps.allowedVpcIds.length > 0 && !deps.allowedVpcIds.includes(endpoint.vpcId)) {
      disallowed.push(
        `${field}: ${vpcEndpointId} is in ${endpoint.vpcId}, which is not among the VPCs this control plane serves`,
      );
    }
    if (deps.allowedAccountIds.length > 0 && !deps.allowedAccountIds.includes(endpoint.ownerId)) {
      disallowed.push(
        `${field}: ${vpcEndpointId} belongs to account ${endpoint.ownerId}, which this control plane does not serve`,
      );
    }
  }
  if (unusable.length > 0) {
    throw new VpcEndpointNotUsableError(
      `${unusable.join('; ')}: name execute-api interface endpoints of this account and Region`,
    );
  }
  if (disallowed.length > 0) {
    throw new VpcEndpointNotAllowedError(`${disallowed.join('; ')}: remove them from the request`);
  }
}
