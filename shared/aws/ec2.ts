import {
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type IpPermission,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';

export interface VpcSummary {
  readonly vpcId: string;
  readonly cidrBlocks: readonly string[];
}

export interface SubnetSummary {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly availabilityZone: string;
}

export interface SecurityGroupSummary {
  readonly groupId: string;
  readonly vpcId: string;
  readonly ingress: readonly IpPermission[];
}

export interface EndpointSummary {
  readonly vpcEndpointId: string;
  readonly vpcId: string;
  /** The account that owns the endpoint. */
  readonly ownerId: string;
  readonly serviceName: string;
  readonly endpointType: string;
  /** As the service returns it (camelCase); compare case-insensitively (AWS-FACTS). */
  readonly state: string;
  readonly privateDnsEnabled: boolean;
  readonly networkInterfaceIds: readonly string[];
  readonly dnsNames: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
}

/** EC2 errors are not modelled classes in SDK v3: match on `name` (AWS-FACTS). */
const errorName = (error: unknown): string | undefined => (error instanceof Error ? error.name : undefined);

function summarizeEndpoint(endpoint: VpcEndpoint): EndpointSummary {
  return {
    vpcEndpointId: endpoint.VpcEndpointId ?? '',
    vpcId: endpoint.VpcId ?? '',
    ownerId: endpoint.OwnerId ?? '',
    serviceName: endpoint.ServiceName ?? '',
    endpointType: endpoint.VpcEndpointType ?? '',
    state: endpoint.State ?? '',
    privateDnsEnabled: endpoint.PrivateDnsEnabled ?? false,
    networkInterfaceIds: endpoint.NetworkInterfaceIds ?? [],
    dnsNames: (endpoint.DnsEntries ?? []).map((entry) => entry.DnsName ?? '').filter(Boolean),
    tags: Object.fromEntries((endpoint.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
  };
}

/**
 * Describes resources by id in one call. EC2 refuses the whole batch when one id is unknown, so
 * then it asks again one id at a time: every unknown id is reported by name (as undefined).
 */
async function describeEach<T>(
  ids: readonly string[],
  notFoundCode: string,
  describe: (ids: string[]) => Promise<T[]>,
  idOf: (item: T) => string,
): Promise<Map<string, T | undefined>> {
  const found = new Map<string, T | undefined>();
  try {
    for (const item of await describe([...ids])) found.set(idOf(item), item);
  } catch (error: unknown) {
    if (errorName(error) !== notFoundCode) throw error;
    if (ids.length > 1) {
      for (const id of ids) found.set(id, (await describeEach([id], notFoundCode, describe, idOf)).get(id));
    }
  }
  for (const id of ids) if (!found.has(id)) found.set(id, undefined);
  return found;
}

/** The EC2 calls the control plane makes, over one SDK client. */
export function ec2Operations(client: EC2Client) {
  return {
    async describeVpc(vpcId: string): Promise<VpcSummary | undefined> {
      try {
        const { Vpcs = [] } = await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
        const vpc = Vpcs[0];
        if (!vpc) return undefined;
        const cidrs = (vpc.CidrBlockAssociationSet ?? []).map((association) => association.CidrBlock ?? '');
        return { vpcId, cidrBlocks: [...new Set([vpc.CidrBlock ?? '', ...cidrs].filter(Boolean))] };
      } catch (error: unknown) {
        if (errorName(error) === 'InvalidVpcID.NotFound' || errorName(error) === 'InvalidVpcId.NotFound')
          return undefined;
        throw error;
      }
    },

    async vpcDnsAttributes(
      vpcId: string,
    ): Promise<{ enableDnsSupport: boolean; enableDnsHostnames: boolean }> {
      const [support, hostnames] = await Promise.all([
        client.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })),
        client.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })),
      ]);
      return {
        enableDnsSupport: support.EnableDnsSupport?.Value === true,
        enableDnsHostnames: hostnames.EnableDnsHostnames?.Value === true,
      };
    },

    async describeSubnets(subnetIds: readonly string[]): Promise<Map<string, SubnetSummary | undefined>> {
      return describeEach(
        subnetIds,
        'InvalidSubnetID.NotFound',
        async (ids) => {
          const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({ SubnetIds: ids }));
          return Subnets.map((subnet) => ({
            subnetId: subnet.SubnetId ?? '',
            vpcId: subnet.VpcId ?? '',
            availabilityZone: subnet.AvailabilityZone ?? '',
          }));
        },
        (subnet) => subnet.subnetId,
      );
    },

    async describeSecurityGroups(
      groupIds: readonly string[],
    ): Promise<Map<string, SecurityGroupSummary | undefined>> {
      return describeEach(
        groupIds,
        'InvalidGroup.NotFound',
        async (ids) => {
          const { SecurityGroups = [] } = await client.send(
            new DescribeSecurityGroupsCommand({ GroupIds: ids }),
          );
          return SecurityGroups.map((group) => ({
            groupId: group.GroupId ?? '',
            vpcId: group.VpcId ?? '',
            ingress: group.IpPermissions ?? [],
          }));
        },
        (group) => group.groupId,
      );
    },

    async describeEndpoint(vpcEndpointId: string): Promise<EndpointSummary | undefined> {
      try {
        const { VpcEndpoints = [] } = await client.send(
          new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }),
        );
        const endpoint = VpcEndpoints[0];
        return endpoint ? summarizeEndpoint(endpoint) : undefined;
      } catch (error: unknown) {
        if (errorName(error) === 'InvalidVpcEndpointId.NotFound') return undefined;
        throw error;
      }
    },

    /** Endpoints by id, in one call where every id is known (undefined: not in this account and Region). */
    async describeEndpoints(
      vpcEndpointIds: readonly string[],
    ): Promise<Map<string, EndpointSummary | undefined>> {
      if (vpcEndpointIds.length === 0) return new Map();
      return describeEach(
        vpcEndpointIds,
        'InvalidVpcEndpointId.NotFound',
        async (ids) => {
          const { VpcEndpoints = [] } = await client.send(
            new DescribeVpcEndpointsCommand({ VpcEndpointIds: ids }),
          );
          return VpcEndpoints.map(summarizeEndpoint);
        },
        (endpoint) => endpoint.vpcEndpointId,
      );
    },

    /** Endpoints of a VPC for a service that carry every given tag, across pages. */
    async findEndpoints(filter: {
      vpcId: string;
      serviceName: string;
      tags: Readonly<Record<string, string>>;
    }): Promise<EndpointSummary[]> {
      const endpoints: EndpointSummary[] = [];
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeVpcEndpointsCommand({
            Filters: [
              { Name: 'vpc-id', Values: [filter.vpcId] },
              { Name: 'service-name', Values: [filter.serviceName] },
              ...Object.entries(filter.tags).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })),
            ],
            NextToken,
          }),
        );
        endpoints.push(...(page.VpcEndpoints ?? []).map(summarizeEndpoint));
        NextToken = page.NextToken;
      } while (NextToken);
      return endpoints;
    },

    async createInterfaceEndpoint(input: {
      vpcId: string;
      serviceName: string;
      subnetIds: readonly string[];
      securityGroupIds: readonly string[];
      privateDnsEnabled: boolean;
      clientToken: string;
      tags: Record<string, string>;
    }): Promise<EndpointSummary> {
      const { VpcEndpoint } = await client.send(
        new CreateVpcEndpointCommand({
          VpcEndpointType: 'Interface',
          VpcId: input.vpcId,
          ServiceName: input.serviceName,
          SubnetIds: [...input.subnetIds],
          SecurityGroupIds: [...input.securityGroupIds],
          PrivateDnsEnabled: input.privateDnsEnabled,
          ClientToken: input.clientToken,
          TagSpecifications: [
            {
              ResourceType: 'vpc-endpoint',
              Tags: Object.entries(input.tags).map(([Key, Value]) => ({ Key, Value })),
            },
          ],
        }),
      );
      if (!VpcEndpoint) throw new Error('CreateVpcEndpoint returned no endpoint');
      return summarizeEndpoint(VpcEndpoint);
    },

    /** Deletes an endpoint; one that is already gone is success. */
    async deleteVpcEndpoint(vpcEndpointId: string): Promise<void> {
      const { Unsuccessful = [] } = await client.send(
        new DeleteVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }),
      );
      const failure = Unsuccessful.find((item) => item.Error?.Code && !item.Error.Code.endsWith('NotFound'));
      if (failure) {
        const error = new Error(`${failure.Error?.Code}: ${failure.Error?.Message}`);
        error.name = failure.Error?.Code ?? 'DeleteVpcEndpointsFailed';
        throw error;
      }
    },

    async networkInterfaceAddresses(networkInterfaceIds: readonly string[]): Promise<string[]> {
      if (networkInterfaceIds.length === 0) return [];
      const { NetworkInterfaces = [] } = await client.send(
        new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [...networkInterfaceIds] }),
      );
      return NetworkInterfaces.map((eni) => eni.PrivateIpAddress ?? '').filter(Boolean);
    },
  };
}

export type Ec2Operations = ReturnType<typeof ec2Operations>;
