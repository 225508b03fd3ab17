import type { IpPermission } from '@aws-sdk/client-ec2';
import type {
  Ec2Operations,
  EndpointSummary,
  SecurityGroupSummary,
  SubnetSummary,
  VpcSummary,
} from '../../../../../shared/aws/ec2';
import { ACCOUNT_ID, NETWORK, REGION } from './step-request';

/** One call the control plane made, in order. */
export interface Ec2Call {
  readonly operation: keyof Ec2Operations;
  readonly args: readonly unknown[];
}

type CreateEndpointInput = Parameters<Ec2Operations['createInterfaceEndpoint']>[0];

interface FakeVpc {
  readonly cidrBlocks: string[];
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
}

/** An EC2 error as SDK v3 throws it: not a modelled class, told apart by `name` (AWS-FACTS). */
export function ec2Error(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** Ingress admitting TCP 443 from a CIDR. */
export const httpsFrom = (cidr: string): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: 443,
  ToPort: 443,
  IpRanges: [{ CidrIp: cidr }],
});

/**
 * An in-memory EC2 behind the control plane's Ec2Operations, holding the consumer VPC of
 * NETWORK (both DNS attributes on, two subnets, a group admitting 443 from the VPC). Endpoint
 * creation behaves as EC2 does: the same ClientToken and parameters return the original
 * endpoint, the same token with other parameters is IdempotentParameterMismatch, and a second
 * execute-api endpoint with private DNS in a VPC is InvalidParameter "conflicting DNS domain".
 * Records every call. It has the operations the provisioning steps use; each step's deps
 * (a Pick of Ec2Operations) checks their signatures.
 */
export class FakeEc2 {
  readonly calls: Ec2Call[] = [];
  readonly vpcs = new Map<string, FakeVpc>([
    [NETWORK.vpcId, { cidrBlocks: [NETWORK.vpcCidr], enableDnsSupport: true, enableDnsHostnames: true }],
  ]);
  readonly subnets = new Map<string, SubnetSummary>([
    [NETWORK.subnetA, { subnetId: NETWORK.subnetA, vpcId: NETWORK.vpcId, availabilityZone: `${REGION}a` }],
    [NETWORK.subnetB, { subnetId: NETWORK.subnetB, vpcId: NETWORK.vpcId, availabilityZone: `${REGION}b` }],
  ]);
  readonly groups = new Map<string, SecurityGroupSummary>([
    [
      NETWORK.httpsGroup,
      { groupId: NETWORK.httpsGroup, vpcId: NETWORK.vpcId, ingress: [httpsFrom(NETWORK.vpcCidr)] },
    ],
  ]);
  readonly endpoints = new Map<string, EndpointSummary>();
  /** Private IP of each network interface. */
  readonly interfaceAddresses = new Map<string, string>();
  /** An endpoint another request creates while this one's CreateVpcEndpoint is on its way. */
  private racingEndpoint: EndpointSummary | undefined;
  private readonly clientTokens = new Map<string, { input: string; vpcEndpointId: string }>();
  private nextId = 1;

  /** Puts an endpoint in place as if made earlier; returns its id. */
  seedEndpoint(fields: Partial<EndpointSummary> = {}): string {
    const vpcEndpointId = fields.vpcEndpointId ?? this.newId('vpce');
    const networkInterfaceIds = fields.networkInterfaceIds ?? [this.newInterface(), this.newInterface()];
    this.endpoints.set(vpcEndpointId, {
      vpcEndpointId,
      vpcId: NETWORK.vpcId,
      ownerId: ACCOUNT_ID,
      serviceName: `com.amazonaws.${REGION}.execute-api`,
      endpointType: 'Interface',
      state: 'available',
      privateDnsEnabled: true,
      dnsNames: [`${vpcEndpointId}-abcdefgh.execute-api.${REGION}.vpce.amazonaws.com`],
      tags: {},
      ...fields,
      networkInterfaceIds,
    });
    return vpcEndpointId;
  }

  /** The endpoint's state, failing the test when it does not exist. */
  endpoint(vpcEndpointId: string): EndpointSummary {
    const endpoint = this.endpoints.get(vpcEndpointId);
    if (!endpoint) throw new Error(`fake EC2: no endpoint ${vpcEndpointId}`);
    return endpoint;
  }

  setEndpointState(vpcEndpointId: string, state: string): void {
    this.endpoints.set(vpcEndpointId, { ...this.endpoint(vpcEndpointId), state });
  }

  /** The next CreateVpcEndpoint finds this endpoint already made by a concurrent request. */
  raceNextCreate(fields: Partial<EndpointSummary>): void {
    this.racingEndpoint = { ...this.endpoint(this.seedEndpoint(fields)) };
    this.endpoints.delete(this.racingEndpoint.vpcEndpointId);
  }

  /** Names of the operations called, in order. */
  operations(): (keyof Ec2Operations)[] {
    return this.calls.map((call) => call.operation);
  }

  /** The inputs of every CreateVpcEndpoint call. */
  createInputs(): CreateEndpointInput[] {
    return this.calls
      .filter((call) => call.operation === 'createInterfaceEndpoint')
      .map((call) => call.args[0] as CreateEndpointInput);
  }

  async describeVpc(vpcId: string): Promise<VpcSummary | undefined> {
    this.record('describeVpc', vpcId);
    const vpc = this.vpcs.get(vpcId);
    return vpc ? { vpcId, cidrBlocks: [...vpc.cidrBlocks] } : undefined;
  }

  async vpcDnsAttributes(vpcId: string): Promise<{ enableDnsSupport: boolean; enableDnsHostnames: boolean }> {
    this.record('vpcDnsAttributes', vpcId);
    const vpc = this.vpcs.get(vpcId);
    if (!vpc) throw ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
    return { enableDnsSupport: vpc.enableDnsSupport, enableDnsHostnames: vpc.enableDnsHostnames };
  }

  async describeSubnets(subnetIds: readonly string[]): Promise<Map<string, SubnetSummary | undefined>> {
    this.record('describeSubnets', subnetIds);
    return new Map(subnetIds.map((id) => [id, this.subnets.get(id)]));
  }

  async describeSecurityGroups(
    groupIds: readonly string[],
  ): Promise<Map<string, SecurityGroupSummary | undefined>> {
    this.record('describeSecurityGroups', groupIds);
    return new Map(groupIds.map((id) => [id, this.groups.get(id)]));
  }

  async describeEndpoint(vpcEndpointId: string): Promise<EndpointSummary | undefined> {
    this.record('describeEndpoint', vpcEndpointId);
    return this.endpoints.get(vpcEndpointId);
  }

  async describeEndpoints(
    vpcEndpointIds: readonly string[],
  ): Promise<Map<string, EndpointSummary | undefined>> {
    this.record('describeEndpoints', vpcEndpointIds);
    return new Map(vpcEndpointIds.map((id) => [id, this.endpoints.get(id)]));
  }

  async findEndpoints(filter: Parameters<Ec2Operations['findEndpoints']>[0]): Promise<EndpointSummary[]> {
    this.record('findEndpoints', filter);
    return [...this.endpoints.values()].filter(
      (endpoint) =>
        endpoint.vpcId === filter.vpcId &&
        endpoint.serviceName === filter.serviceName &&
        Object.entries(filter.tags).every(([key, value]) => endpoint.tags[key] === value),
    );
  }

  async createInterfaceEndpoint(input: CreateEndpointInput): Promise<EndpointSummary> {
    this.record('createInterfaceEndpoint', input);
    if (this.racingEndpoint) {
      this.endpoints.set(this.racingEndpoint.vpcEndpointId, this.racingEndpoint);
      this.racingEndpoint = undefined;
    }
    const { clientToken, ...parameters } = input;
    const asText = JSON.stringify(parameters);
    const earlier = this.clientTokens.get(clientToken);
    if (earlier) {
      if (earlier.input !== asText) {
        throw ec2Error(
          'IdempotentParameterMismatch',
          'The client token you have provided is associated with a resource that is already deleted or has different parameters.',
        );
      }
      return this.endpoint(earlier.vpcEndpointId);
    }
    const withPrivateDns = [...this.endpoints.values()].find(
      (endpoint) =>
        endpoint.vpcId === input.vpcId &&
        endpoint.serviceName === input.serviceName &&
        endpoint.privateDnsEnabled &&
        !['deleted', 'failed', 'rejected'].includes(endpoint.state.toLowerCase()),
    );
    if (input.privateDnsEnabled && withPrivateDns) {
      throw ec2Error(
        'InvalidParameter',
        `private-dns-enabled cannot be set because there is already a conflicting DNS domain for execute-api.${REGION}.amazonaws.com in the VPC ${input.vpcId}`,
      );
    }
    const vpcEndpointId = this.seedEndpoint({
      vpcId: input.vpcId,
      serviceName: input.serviceName,
      state: 'pending',
      privateDnsEnabled: input.privateDnsEnabled,
      networkInterfaceIds: input.subnetIds.map(() => this.newInterface()),
      tags: { ...input.tags },
    });
    this.clientTokens.set(clientToken, { input: asText, vpcEndpointId });
    return this.endpoint(vpcEndpointId);
  }

  async networkInterfaceAddresses(networkInterfaceIds: readonly string[]): Promise<string[]> {
    this.record('networkInterfaceAddresses', networkInterfaceIds);
    return networkInterfaceIds.flatMap((id) => {
      const address = this.interfaceAddresses.get(id);
      return address === undefined ? [] : [address];
    });
  }

  private record(operation: keyof Ec2Operations, ...args: unknown[]): void {
    this.calls.push({ operation, args });
  }

  /** A network interface in the VPC with the next private address. */
  private newInterface(): string {
    const id = this.newId('eni');
    this.interfaceAddresses.set(id, `10.20.${this.nextId}.10`);
    return id;
  }

  /** EC2 ids: a prefix and 17 hex digits. */
  private newId(prefix: string): string {
    const id = `${prefix}-${this.nextId.toString(16).padStart(17, '0')}`;
    this.nextId += 1;
    return id;
  }
}
