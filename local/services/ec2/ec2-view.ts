import type { Clock } from '../../core/clock';
import type { Ec2View, EndpointView, VpcView } from '../../core/views';
import { endpointDnsName } from './dns-entries';
import type { Ec2Store } from './ec2-store';
import { endpointStateAt } from './endpoint-lifecycle';
import type { Ec2Timings } from './operation-context';

/**
 * What the DNS server sees of the local EC2: every endpoint with its state at this moment,
 * its ENI addresses and its own DNS names. `dnsNames[0]` is the regional name and
 * `dnsNames[1 + i]` the zonal name of the Availability Zone whose interface holds
 * `ipAddresses[i]` (both in the endpoint's Availability Zone order); and every VPC with its CIDR
 * blocks, from which the DNS server tells which VPC a query stands in.
 */
export function createEc2View(store: Ec2Store, clock: Clock, timings: Ec2Timings): Ec2View {
  return {
    vpcEndpoints(): EndpointView[] {
      const now = clock.now();
      store.sweepDeleted(now, timings.endpointDeletedAfterMs);
      return store.allEndpoints().map((endpoint) => {
        const interfaces = store.interfacesOf(endpoint.vpcEndpointId);
        return {
          vpcEndpointId: endpoint.vpcEndpointId,
          vpcId: endpoint.vpcId,
          region: endpoint.region,
          serviceName: endpoint.serviceName,
          state: endpointStateAt(endpoint, now),
          privateDnsEnabled: endpoint.privateDnsEnabled,
          ipAddresses: interfaces.map((eni) => eni.privateIpAddress),
          dnsNames: [
            endpointDnsName(endpoint),
            ...interfaces.map((eni) => endpointDnsName(endpoint, eni.availabilityZone)),
          ],
        };
      });
    },
    vpcs(): VpcView[] {
      return store
        .allVpcs()
        .map((vpc) => ({ vpcId: vpc.vpcId, region: vpc.region, cidrBlocks: [vpc.cidrBlock] }));
    },
  };
}
