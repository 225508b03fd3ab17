import { AwsError } from '../../../core/aws-error';
import { executeApiServiceName } from '../dns-entries';
import {
  idempotentParameterMismatch,
  invalidParameter,
  invalidParameterValue,
  invalidServiceName,
} from '../ec2-errors';
import type { VpcEndpointRecord } from '../ec2-records';
import {
  assertPrivateDnsAllowed,
  createInterfaces,
  DEFAULT_ENDPOINT_POLICY,
  resolveGroups,
  resolveSubnets,
  validatePolicyDocument,
} from '../endpoint-rules';
import { newDnsSuffix, newHostedZoneId, newResourceId } from '../ids';
import type { Ec2Operation, OperationContext } from '../operation-context';
import { renderVpcEndpoint } from '../render-vpc-endpoint';
import { assertTagLimit, validateTags } from '../tag-rules';
import { fragments, leaf, node, type Xml } from '../xml';

/** ClientToken: up to 64 ASCII characters (EC2 idempotency). */
const MAX_CLIENT_TOKEN_LENGTH = 64;
const ENDPOINT_TYPES = ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];

function answer(ctx: OperationContext, endpoint: VpcEndpointRecord, clientToken: string | undefined): Xml {
  return fragments(
    node('vpcEndpoint', renderVpcEndpoint(ctx.store, endpoint, ctx.now, ctx.accountId)),
    leaf('clientToken', clientToken),
  );
}

/** The tags of `TagSpecification.N` whose ResourceType must be `vpc-endpoint`. */
function endpointTags(ctx: OperationContext): [string, string][] {
  const tags: [string, string][] = [];
  for (const spec of ctx.params.tagSpecifications()) {
    if (spec.resourceType !== 'vpc-endpoint') {
      throw invalidParameterValue(
        `'${spec.resourceType ?? ''}' is not a valid taggable resource type for this operation.`,
      );
    }
    tags.push(...validateTags(spec.tags));
  }
  assertTagLimit(new Map(), tags);
  return tags;
}

/**
 * CreateVpcEndpoint for `com.amazonaws.{region}.execute-api` interface endpoints. Idempotent by
 * ClientToken: the same token with the same parameters returns the endpoint it made; with other
 * parameters it fails with IdempotentParameterMismatch. Private DNS defaults to on for AWS
 * services, and needs the VPC's DNS attributes and a VPC free of a conflicting endpoint.
 */
export const createVpcEndpoint: Ec2Operation = (ctx) => {
  const { store, params, region, now } = ctx;
  const clientToken = params.string('ClientToken');
  const fingerprint = params.fingerprint(['ClientToken']);
  if (clientToken !== undefined) {
    if (clientToken.length > MAX_CLIENT_TOKEN_LENGTH || !/^[\x20-\x7e]*$/.test(clientToken)) {
      throw invalidParameterValue(
        `Value (${clientToken}) for parameter clientToken is invalid. It must be at most ${MAX_CLIENT_TOKEN_LENGTH} ASCII characters.`,
      );
    }
    const earlier = store.clientToken(region, clientToken);
    const made = earlier && store.findEndpoint(earlier.vpcEndpointId);
    if (earlier && made) {
      if (earlier.fingerprint !== fingerprint) throw idempotentParameterMismatch(clientToken);
      return answer(ctx, made, clientToken);
    }
  }

  const vpc = store.requireVpc(region, params.required('VpcId'));
  const serviceName = params.required('ServiceName');
  if (serviceName !== executeApiServiceName(region)) throw invalidServiceName(serviceName);
  // EC2 defaults VpcEndpointType to Gateway; execute-api only offers Interface endpoints.
  const type = params.string('VpcEndpointType') ?? 'Gateway';
  if (!ENDPOINT_TYPES.includes(type)) {
    throw invalidParameterValue(`Value (${type}) for parameter vpcEndpointType is invalid.`);
  }
  if (type !== 'Interface') {
    throw invalidParameter(`Endpoint type (${type}) does not match available service types ([Interface]).`);
  }
  if (params.list('RouteTableId').length > 0) {
    throw invalidParameter('Route table IDs are only supported for Gateway type VPC Endpoint.');
  }
  const ipAddressType = params.string('IpAddressType') ?? 'ipv4';
  if (ipAddressType !== 'ipv4') {
    throw invalidParameter(`IpAddressType ${ipAddressType} requires subnets with IPv6 CIDR blocks.`);
  }
  const subnets = resolveSubnets(store, region, vpc, params.list('SubnetId'));
  const groupIds = params.list('SecurityGroupId');
  const defaultGroup = store.defaultSecurityGroup(vpc.vpcId);
  const groups =
    groupIds.length > 0 ? resolveGroups(store, region, vpc, groupIds) : defaultGroup ? [defaultGroup] : [];
  if (groups.length === 0) {
    throw new AwsError('InvalidGroup.NotFound', `The VPC '${vpc.vpcId}' has no default security group`);
  }
  const privateDnsEnabled = params.boolean('PrivateDnsEnabled') ?? true;
  if (privateDnsEnabled) assertPrivateDnsAllowed(store, vpc, serviceName, now);
  const policy = params.string('PolicyDocument');
  const policyDocument = policy === undefined ? DEFAULT_ENDPOINT_POLICY : validatePolicyDocument(policy);
  const tags = endpointTags(ctx);

  const endpoint: VpcEndpointRecord = {
    vpcEndpointId: newResourceId('vpce'),
    region,
    vpcId: vpc.vpcId,
    serviceName,
    vpcEndpointType: 'Interface',
    subnetIds: subnets.map((subnet) => subnet.subnetId),
    groupIds: groups.map((group) => group.groupId),
    privateDnsEnabled,
    policyDocument,
    dnsSuffix: newDnsSuffix(),
    privateHostedZoneId: newHostedZoneId(),
    createdAtMs: now,
    availableAtMs: now + ctx.timings.endpointAvailableAfterMs,
    held: false,
  };
  store.putEndpoint(endpoint);
  createInterfaces(store, endpoint, subnets);
  store.setTags(endpoint.vpcEndpointId, tags);
  if (clientToken !== undefined) {
    store.rememberClientToken(region, clientToken, { fingerprint, vpcEndpointId: endpoint.vpcEndpointId });
  }
  return answer(ctx, endpoint, clientToken);
};
