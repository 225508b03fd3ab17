import { describeOperation } from '../describe-operation';
import type { NetworkInterfaceRecord } from '../ec2-records';
import type { FilterSpec } from '../filters';
import type { OperationContext } from '../operation-context';
import { renderTagSet } from '../render-tags';
import { fragments, itemSet, leaf, type Xml } from '../xml';

/** us-east-1 hostnames end in `ec2.internal`; other regions in `{region}.compute.internal`. */
function privateDnsNameOf(eni: NetworkInterfaceRecord): string {
  const host = `ip-${eni.privateIpAddress.replaceAll('.', '-')}`;
  return eni.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${eni.region}.compute.internal`;
}

/** The description EC2 gives an endpoint's network interfaces. */
function descriptionOf(eni: NetworkInterfaceRecord): string {
  return `VPC Endpoint Interface ${eni.vpcEndpointId}`;
}

function groupIdsOf(ctx: OperationContext, eni: NetworkInterfaceRecord): string[] {
  return ctx.store.findEndpoint(eni.vpcEndpointId)?.groupIds ?? [];
}

function interfaceFilters(ctx: OperationContext): FilterSpec<NetworkInterfaceRecord> {
  return {
    tagsOf: (eni) => ctx.store.tagsOf(eni.networkInterfaceId),
    fields: {
      'network-interface-id': (eni) => eni.networkInterfaceId,
      'vpc-id': (eni) => eni.vpcId,
      'subnet-id': (eni) => eni.subnetId,
      'availability-zone': (eni) => eni.availabilityZone,
      description: (eni) => descriptionOf(eni),
      'interface-type': () => 'vpc_endpoint',
      'requester-managed': () => true,
      status: () => 'in-use',
      'owner-id': () => ctx.accountId,
      'private-ip-address': (eni) => eni.privateIpAddress,
      'addresses.private-ip-address': (eni) => eni.privateIpAddress,
      'private-dns-name': (eni) => privateDnsNameOf(eni),
      'mac-address': (eni) => eni.macAddress,
      'group-id': (eni) => groupIdsOf(ctx, eni),
      'group-name': (eni) =>
        groupIdsOf(ctx, eni).flatMap((groupId) => ctx.store.securityGroupName(eni.region, groupId) ?? []),
    },
  };
}

function renderInterface(ctx: OperationContext, eni: NetworkInterfaceRecord): Xml {
  const privateDnsName = privateDnsNameOf(eni);
  return fragments(
    leaf('networkInterfaceId', eni.networkInterfaceId),
    leaf('subnetId', eni.subnetId),
    leaf('vpcId', eni.vpcId),
    leaf('availabilityZone', eni.availabilityZone),
    leaf('availabilityZoneId', eni.availabilityZoneId),
    leaf('description', descriptionOf(eni)),
    leaf('ownerId', ctx.accountId),
    leaf('requesterManaged', true),
    leaf('status', 'in-use'),
    leaf('macAddress', eni.macAddress),
    leaf('privateIpAddress', eni.privateIpAddress),
    leaf('privateDnsName', privateDnsName),
    leaf('sourceDestCheck', true),
    itemSet(
      'groupSet',
      groupIdsOf(ctx, eni).map((groupId) =>
        fragments(
          leaf('groupId', groupId),
          leaf('groupName', ctx.store.securityGroupName(eni.region, groupId)),
        ),
      ),
    ),
    renderTagSet(ctx.store.tagsOf(eni.networkInterfaceId)),
    itemSet('privateIpAddressesSet', [
      fragments(
        leaf('privateIpAddress', eni.privateIpAddress),
        leaf('privateDnsName', privateDnsName),
        leaf('primary', true),
      ),
    ]),
    itemSet('ipv6AddressesSet', []),
    leaf('interfaceType', 'vpc_endpoint'),
  );
}

/**
 * DescribeNetworkInterfaces: the endpoints' network interfaces (the only ones the local cloud
 * has), by `NetworkInterfaceId.N` and filters, paged.
 */
export const describeNetworkInterfaces = describeOperation<NetworkInterfaceRecord>({
  idParam: 'NetworkInterfaceId',
  setName: 'networkInterfaceSet',
  all: ({ store, region }) => store.interfacesIn(region),
  byId: ({ store, region }, id) => store.requireInterface(region, id),
  filters: interfaceFilters,
  render: renderInterface,
});
