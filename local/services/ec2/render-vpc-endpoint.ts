import { endpointDnsEntries } from './dns-entries';
import type { VpcEndpointRecord } from './ec2-records';
import type { Ec2Store } from './ec2-store';
import { endpointStateAt } from './endpoint-lifecycle';
import { renderTagSet } from './render-tags';
import { fragments, itemSet, leaf, node, stringSet, type Xml } from './xml';

/** One VpcEndpoint as DescribeVpcEndpoints and CreateVpcEndpoint return it. */
export function renderVpcEndpoint(
  store: Ec2Store,
  endpoint: VpcEndpointRecord,
  now: number,
  accountId: string,
): Xml {
  const state = endpointStateAt(endpoint, now);
  const interfaces = store.interfacesOf(endpoint.vpcEndpointId);
  const dnsEntries = endpointDnsEntries(
    endpoint,
    interfaces.map((eni) => eni.availabilityZone),
    state === 'available',
  );
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
      endpoint.groupIds.map((groupId) =>
        fragments(
          leaf('groupId', groupId),
          leaf('groupName', store.securityGroupName(endpoint.region, groupId)),
        ),
      ),
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
