import { endpointDnsEntries } from './dns-entries';
import type { VpcEndpointRecord } from './ec2-records';
import type { Ec2Store } from './ec2-store';
import { endpointStateAt } from './endpoint-lifecycle';
import { renderTagSet } from './render-tags';
import { fragments, itemSet, leaf, node, stringSet, type Xml } from './xml';

/** The Availability Zones of an endpoint's subnets, in its subnet order. */
export function endpointZones(store: Ec2Store, endpoint: VpcEndpointRecord): string[] {
  return store.interfacesOf(endpoint.vpcEndpointId).map((eni) => eni.availabilityZone);
}

/** One VpcEndpoint as DescribeVpcEndpoints and CreateVpcEndpoint return it. */
export function renderVpcEndpoint(
  store: Ec2Store,
  endpoint: VpcEndpointRecord,
  now: number,
  accountId: string,
): Xml {
  const state = endpointStateAt(endpoint, now);
  const interfaces = store.interfacesOf(endpoint.vpcEndpointId);
  const groups = endpoint.groupIds.map((groupId) => ({
    groupId,
    groupName: store.securityGroupsIn(endpoint.region).find((group) => group.groupId === groupId)?.groupName,
  }));
  const dnsEntries = endpointDnsEntries(endpoint, endpointZones(store, endpoint), state === 'available');
  return fragments(
    leaf('vpcEndpointId', endpoint.vpcEndpointId),
    leaf('vpcEndpointType', endpoint.vpcEndpointType),
    leaf('vpcId', endpoint.vpcId),
    leaf('serviceName', endpoint.serviceName),
    leaf('state', state),
    leaf('policyDocument', endpoint.policyDocument),
    stringSet('routeTableIdSet', []),
    stringSet('subnetIdSet', endpoint.subnetIds),
    itemSet(
      'groupSet',
      groups.map((group) => fragments(leaf('groupId', group.groupId), leaf('groupName', group.groupName))),
    ),
    leaf('ipAddressType', 'ipv4'),
    node('dnsOptions', leaf('dnsRecordIpType', 'ipv4')),
    leaf('privateDnsEnabled', endpoint.privateDnsEnabled),
    leaf('requesterManaged', false),
    stringSet(
      'networkInterfaceIdSet',
      interfaces.map((eni) => eni.networkInterfaceId),
    ),
    itemSet(
      'dnsEntrySet',
      dnsEntries.map((entry) =>
        fragments(leaf('dnsName', entry.dnsName), leaf('hostedZoneId', entry.hostedZoneId)),
      ),
    ),
    leaf('creationTimestamp', new Date(endpoint.createdAtMs).toISOString()),
    renderTagSet(store.tagsOf(endpoint.vpcEndpointId)),
    leaf('ownerId', accountId),
    state === 'failed'
      ? node(
          'lastError',
          leaf('code', 'Server.InternalError'),
          leaf('message', 'The VPC endpoint could not be created.'),
        )
      : fragments(),
  );
}
