import { DescribeNetworkInterfacesCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { dnsResolver } from '../../../shared/aws/dns-resolver';
import { privateDnsHostname } from '../../../shared/naming';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { type SeededVpc, writeSeedWithVpcs } from '../../support/vpc-seed';
import { createRequest } from './fixtures';

/** Issue 8.9: one control plane, many teams' VPCs, each with its own private-DNS endpoint. */
const VPC_COUNT = 3;

describe('private APIs in many VPCs, each with private DNS', () => {
  let plane: ControlPlaneHarness;
  let vpcs: SeededVpc[];

  beforeAll(async () => {
    const seeded = writeSeedWithVpcs(VPC_COUNT);
    vpcs = seeded.vpcs;
    plane = await startControlPlane({ seedFile: seeded.seedFile });
  });
  afterAll(() => plane.stop());

  it("provisions one API per VPC, each resolving in its own VPC to that VPC's endpoint", async () => {
    // Prepare: one private-DNS create per VPC, sent one after another through the bus
    const requests = vpcs.map((vpc, index) =>
      createRequest(`team-${index}-create`, `team-${index}-api`, {
        network: {
          vpcId: vpc.vpcId,
          subnetIds: [...vpc.subnetIds],
          securityGroupIds: [vpc.httpsGroupId],
          privateDns: true,
        },
      }),
    );

    // Act
    for (const request of requests) await plane.submit(request);
    const records = await Promise.all(requests.map((request) => plane.waitForStatus(request.requestId)));

    // Assess: all succeeded, each with an endpoint of its own VPC
    expect(records.map((record) => [record.requestId, record.status, record.error])).toEqual(
      requests.map((request) => [request.requestId, 'SUCCEEDED', undefined]),
    );
    const resolve = dnsResolver([`127.0.0.1:${plane.cloud.dnsPort}`]);
    const seen = await Promise.all(
      records.map(async (record, index) => {
        const apiId = String(record.outputs?.apiId);
        const vpcEndpointId = String(record.outputs?.vpcEndpointId);
        const { VpcEndpoints: [endpoint] = [] } = await plane.ec2.send(
          new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }),
        );
        const { NetworkInterfaces = [] } = await plane.ec2.send(
          new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoint?.NetworkInterfaceIds }),
        );
        const addresses = NetworkInterfaces.map((eni) => eni.PrivateIpAddress ?? '').sort();
        // An address of the VPC that is not the endpoint's: a client of the team's, say.
        const clientAddress = `10.${100 + index}.2.250`;
        const fromItsVpc = await resolve(privateDnsHostname(apiId, 'us-east-1'), {
          asSeenFrom: clientAddress,
        });
        return {
          vpcId: endpoint?.VpcId,
          privateDnsEnabled: endpoint?.PrivateDnsEnabled,
          addresses,
          fromItsVpc: fromItsVpc === 'nxdomain' ? fromItsVpc : [...fromItsVpc].sort(),
        };
      }),
    );
    expect(seen.map(({ vpcId, privateDnsEnabled }) => ({ vpcId, privateDnsEnabled }))).toEqual(
      vpcs.map((vpc) => ({ vpcId: vpc.vpcId, privateDnsEnabled: true })),
    );
    for (const { addresses, fromItsVpc } of seen) {
      expect(addresses).toHaveLength(2);
      expect(fromItsVpc).toEqual(addresses);
    }
    expect(new Set(seen.flatMap(({ addresses }) => addresses)).size).toBe(VPC_COUNT * 2);
  });
});
