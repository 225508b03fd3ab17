import { describeOperation } from '../describe-operation';
import type { SubnetRecord } from '../ec2-records';
import type { FilterSpec } from '../filters';
import { usableAddressCount } from '../ip-allocation';
import type { OperationContext } from '../operation-context';
import { renderTagSet } from '../render-tags';
import { fragments, itemSet, leaf, node, type Xml } from '../xml';

function subnetFilters(ctx: OperationContext): FilterSpec<SubnetRecord> {
  return {
    tagsOf: (subnet) => ctx.store.tagsOf(subnet.subnetId),
    fields: {
      'subnet-id': (subnet) => subnet.subnetId,
      'vpc-id': (subnet) => subnet.vpcId,
      'availability-zone': (subnet) => subnet.availabilityZone,
      'availability-zone-id': (subnet) => subnet.availabilityZoneId,
      'cidr-block': (subnet) => subnet.cidrBlock,
      cidr: (subnet) => subnet.cidrBlock,
      cidrBlock: (subnet) => subnet.cidrBlock,
      'default-for-az': () => false,
      'owner-id': () => ctx.accountId,
      state: () => 'available',
      'subnet-arn': (subnet) => subnetArn(ctx, subnet),
    },
  };
}

function subnetArn(ctx: OperationContext, subnet: SubnetRecord): string {
  return `arn:aws:ec2:${subnet.region}:${ctx.accountId}:subnet/${subnet.subnetId}`;
}

function renderSubnet(ctx: OperationContext, subnet: SubnetRecord): Xml {
  // Each endpoint network interface in the subnet takes one address.
  const free = usableAddressCount(subnet.cidrBlock) - ctx.store.interfacesInSubnet(subnet.subnetId).length;
  return fragments(
    leaf('subnetId', subnet.subnetId),
    leaf('subnetArn', subnetArn(ctx, subnet)),
    leaf('state', 'available'),
    leaf('ownerId', ctx.accountId),
    leaf('vpcId', subnet.vpcId),
    leaf('cidrBlock', subnet.cidrBlock),
    itemSet('ipv6CidrBlockAssociationSet', []),
    leaf('availableIpAddressCount', free),
    leaf('availabilityZone', subnet.availabilityZone),
    leaf('availabilityZoneId', subnet.availabilityZoneId),
    leaf('defaultForAz', false),
    leaf('mapPublicIpOnLaunch', false),
    leaf('assignIpv6AddressOnCreation', false),
    leaf('ipv6Native', false),
    leaf('enableDns64', false),
    node(
      'privateDnsNameOptionsOnLaunch',
      leaf('hostnameType', 'ip-name'),
      leaf('enableResourceNameDnsARecord', false),
      leaf('enableResourceNameDnsAAAARecord', false),
    ),
    node('blockPublicAccessStates', leaf('internetGatewayBlockMode', 'off')),
    renderTagSet(ctx.store.tagsOf(subnet.subnetId)),
  );
}

/** DescribeSubnets: by `SubnetId.N` (each must exist) and filters, paged. */
export const describeSubnets = describeOperation<SubnetRecord>({
  idParam: 'SubnetId',
  setName: 'subnetSet',
  all: ({ store, region }) => store.subnetsIn(region),
  byId: ({ store, region }, id) => store.requireSubnet(region, id),
  filters: subnetFilters,
  render: renderSubnet,
});
