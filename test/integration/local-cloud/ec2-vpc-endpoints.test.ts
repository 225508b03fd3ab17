import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateVpcEndpointCommand,
  type CreateVpcEndpointCommandInput,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { loadSeed } from '../../../local/seed';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** 60 s of simulated waiting for an endpoint take 600 ms of real time. */
const TIME_SCALE = 100;
const AVAILABLE_AFTER_MS = 60_000;
/** The local EC2's default `deleting` phase (simulated). */
const DELETED_AFTER_MS = 30_000;

const SERVICE = 'com.amazonaws.us-east-1.execute-api';
const VPC = 'vpc-0f1e2d3c4b5a69781';
const NO_DNS_VPC = 'vpc-0f1e2d3c4b5a69782';
const SUBNET_A = 'subnet-0a1b2c3d4e5f60001';
const SUBNET_B = 'subnet-0a1b2c3d4e5f60002';
const NO_DNS_SUBNET = 'subnet-0b1b2c3d4e5f60001';
const SG_HTTPS = 'sg-0a1b2c3d4e5f60443';
const SG_HTTP_ONLY = 'sg-0a1b2c3d4e5f60080';
const SG_DEFAULT = 'sg-0a1b2c3d4e5f60001';
const NO_DNS_SG = 'sg-0b1b2c3d4e5f60443';

/** Settles a call that must fail and gives its error, so that several can be checked in Assess. */
const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('local EC2: execute-api interface endpoints (real SDK v3 client)', () => {
  let cloud: TestCloud;
  let ec2: EC2Client;

  const create = (input: Partial<CreateVpcEndpointCommandInput> = {}) =>
    ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: VPC,
        ServiceName: SERVICE,
        VpcEndpointType: 'Interface',
        SubnetIds: [SUBNET_A, SUBNET_B],
        SecurityGroupIds: [SG_HTTPS],
        ...input,
      }),
    );
  const describe1 = async (vpcEndpointId: string): Promise<VpcEndpoint> => {
    const { VpcEndpoints = [] } = await ec2.send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }),
    );
    const [endpoint] = VpcEndpoints;
    if (!endpoint) throw new Error(`${vpcEndpointId} not described`);
    return endpoint;
  };
  const idOf = (endpoint: VpcEndpoint | undefined): string => endpoint?.VpcEndpointId ?? '';

  beforeEach(async () => {
    cloud = await startTestCloud({
      timeScale: TIME_SCALE,
      quotas: false,
      endpointAvailableAfterMs: AVAILABLE_AFTER_MS,
    });
    ec2 = new EC2Client({ ...cloud.clientConfig, maxAttempts: 1 });
  });

  afterEach(async () => {
    ec2.destroy();
    await cloud.stop();
  });

  it('creates an endpoint pending and reports it available after the simulated delay', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false });

    // Act
    const right = await describe1(idOf(created));
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
    const later = await describe1(idOf(created));

    // Assess
    expect(created).toMatchObject({
      State: 'pending',
      VpcEndpointType: 'Interface',
      ServiceName: SERVICE,
      VpcId: VPC,
    });
    expect(idOf(created)).toMatch(/^vpce-0[0-9a-f]{16}$/);
    expect(right.State).toBe('pending');
    expect(later.State).toBe('available');
  });

  it('gives the endpoint one network interface per subnet with an address of that subnet', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false });

    // Act
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: created?.NetworkInterfaceIds }),
    );

    // Assess
    expect(created?.NetworkInterfaceIds).toHaveLength(2);
    const bySubnet = new Map(NetworkInterfaces.map((eni) => [eni.SubnetId, eni]));
    expect(bySubnet.get(SUBNET_A)?.PrivateIpAddress).toMatch(/^10\.20\.1\.\d+$/);
    expect(bySubnet.get(SUBNET_B)?.PrivateIpAddress).toMatch(/^10\.20\.2\.\d+$/);
    for (const eni of NetworkInterfaces) {
      expect(eni).toMatchObject({
        InterfaceType: 'vpc_endpoint',
        RequesterManaged: true,
        VpcId: VPC,
        Description: `VPC Endpoint Interface ${idOf(created)}`,
        Groups: [{ GroupId: SG_HTTPS, GroupName: 'papi-endpoint-https' }],
      });
    }
  });

  it('allocates distinct addresses when several endpoints share a subnet', async () => {
    // Prepare
    const endpoints = [];
    for (let index = 0; index < 3; index += 1) {
      endpoints.push((await create({ PrivateDnsEnabled: false, SubnetIds: [SUBNET_A] })).VpcEndpoint);
    }

    // Act
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [SUBNET_A] }] }),
    );
    const { Subnets = [] } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET_A] }));

    // Assess
    const addresses = NetworkInterfaces.map((eni) => eni.PrivateIpAddress);
    expect(new Set(addresses).size).toBe(endpoints.length);
    expect(Subnets[0]?.AvailableIpAddressCount).toBe(251 - endpoints.length);
  });

  it('reports DnsEntries in the real formats, with the private zone pending until available', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create();
    const id = idOf(created);

    // Act
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
    const available = await describe1(id);

    // Assess
    const [regional, zoneA, zoneB, domain, wildcard] = created?.DnsEntries ?? [];
    expect(regional?.DnsName).toMatch(
      new RegExp(`^${id}-[a-z0-9]{8}\\.execute-api\\.us-east-1\\.vpce\\.amazonaws\\.com$`),
    );
    expect(zoneA?.DnsName).toMatch(
      new RegExp(`^${id}-[a-z0-9]{8}-us-east-1a\\.execute-api\\.us-east-1\\.vpce\\.amazonaws\\.com$`),
    );
    expect(zoneB?.DnsName).toMatch(/-us-east-1b\.execute-api\.us-east-1\.vpce\.amazonaws\.com$/);
    expect(regional?.HostedZoneId).toBe('Z7HUB22UULQXV');
    expect(domain).toEqual({ DnsName: 'execute-api.us-east-1.amazonaws.com', HostedZoneId: 'ZONEIDPENDING' });
    expect(wildcard).toEqual({
      DnsName: '*.execute-api.us-east-1.amazonaws.com',
      HostedZoneId: 'ZONEIDPENDING',
    });
    expect(available.DnsEntries?.[3]?.HostedZoneId).toMatch(/^Z[0-9A-Z]{20}$/);
  });

  it('returns the same endpoint when the same ClientToken and parameters come again', async () => {
    // Prepare
    const first = await create({ ClientToken: 'papi-run-1' });

    // Act
    const second = await create({ ClientToken: 'papi-run-1' });
    const { VpcEndpoints = [] } = await ec2.send(new DescribeVpcEndpointsCommand({}));

    // Assess
    expect(idOf(second.VpcEndpoint)).toBe(idOf(first.VpcEndpoint));
    expect(second.ClientToken).toBe('papi-run-1');
    expect(VpcEndpoints).toHaveLength(1);
  });

  it('fails with IdempotentParameterMismatch when a ClientToken comes back with other parameters', async () => {
    // Prepare
    await create({ ClientToken: 'papi-run-2' });

    // Act
    const again = await failureOf(create({ ClientToken: 'papi-run-2', SubnetIds: [SUBNET_A] }));

    // Assess
    expect(again).toMatchObject({
      name: 'IdempotentParameterMismatch',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a second private-DNS endpoint in the VPC, even while the first is still deleting', async () => {
    // Prepare
    const { VpcEndpoint: first } = await create();

    // Act
    const second = await failureOf(create({ SubnetIds: [SUBNET_A] }));
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [idOf(first)] }));
    const whileDeleting = await failureOf(create({ SubnetIds: [SUBNET_A] }));

    // Assess
    const conflict = {
      name: 'InvalidParameter',
      message: `private-dns-enabled cannot be set because there is already a conflicting DNS domain for execute-api.us-east-1.amazonaws.com in the VPC ${VPC}`,
    };
    expect(second).toMatchObject(conflict);
    expect(whileDeleting).toMatchObject(conflict);
    await expect(create({ PrivateDnsEnabled: false, SubnetIds: [SUBNET_A] })).resolves.toBeDefined();
  });

  it('allows a new private-DNS endpoint once the old one is gone', async () => {
    // Prepare
    const { VpcEndpoint: first } = await create();
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [idOf(first)] }));

    // Act
    await cloud.clock.sleep(DELETED_AFTER_MS);
    const { VpcEndpoint: second } = await create();

    // Assess
    expect(second?.PrivateDnsEnabled).toBe(true);
  });

  it('refuses private DNS in a VPC without both DNS attributes, and allows it once both are on', async () => {
    // Prepare
    const input = { VpcId: NO_DNS_VPC, SubnetIds: [NO_DNS_SUBNET], SecurityGroupIds: [NO_DNS_SG] };

    // Act
    const refused = await failureOf(create(input));
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: NO_DNS_VPC, EnableDnsSupport: { Value: true } }));
    const halfway = await failureOf(create(input));
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: NO_DNS_VPC, EnableDnsHostnames: { Value: true } }));
    const accepted = await create(input);

    // Assess
    const attributes = {
      name: 'InvalidParameter',
      message: `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${NO_DNS_VPC}`,
    };
    expect(refused).toMatchObject(attributes);
    expect(halfway).toMatchObject(attributes);
    expect(accepted.VpcEndpoint?.PrivateDnsEnabled).toBe(true);
  });

  it('rejects subnets that are unknown or belong to another VPC', async () => {
    // Act
    const unknown = await failureOf(create({ SubnetIds: ['subnet-0ffffffffffffffff'] }));
    const malformed = await failureOf(create({ SubnetIds: ['my-subnet'] }));
    const otherVpc = await failureOf(
      create({ SubnetIds: [SUBNET_A, NO_DNS_SUBNET], PrivateDnsEnabled: false }),
    );

    // Assess
    expect(unknown).toMatchObject({
      name: 'InvalidSubnetID.NotFound',
      message: "The subnet ID 'subnet-0ffffffffffffffff' does not exist",
    });
    expect(malformed).toMatchObject({ name: 'InvalidSubnetID.Malformed' });
    expect(otherVpc).toMatchObject({
      name: 'InvalidParameter',
      message: expect.stringContaining(NO_DNS_SUBNET),
    });
  });

  it('rejects security groups that are unknown or belong to another VPC', async () => {
    // Act
    const unknown = await failureOf(create({ SecurityGroupIds: ['sg-0fffffffffffffff0'] }));
    const otherVpc = await failureOf(create({ SecurityGroupIds: [NO_DNS_SG] }));

    // Assess
    expect(unknown).toMatchObject({
      name: 'InvalidGroup.NotFound',
      message: "The security group 'sg-0fffffffffffffff0' does not exist",
    });
    expect(otherVpc).toMatchObject({
      name: 'InvalidGroup.NotFound',
      message: expect.stringContaining(VPC),
    });
  });

  it('rejects an unknown VPC, other services and endpoint types other than Interface', async () => {
    // Act
    const unknownVpc = await failureOf(create({ VpcId: 'vpc-0ffffffffffffffff' }));
    const otherService = await failureOf(create({ ServiceName: 'com.amazonaws.us-east-1.s3' }));
    const gateway = await failureOf(create({ VpcEndpointType: 'Gateway' }));
    const defaultType = await failureOf(create({ VpcEndpointType: undefined }));

    // Assess
    expect(unknownVpc).toMatchObject({ name: 'InvalidVpcID.NotFound' });
    expect(otherService).toMatchObject({
      name: 'InvalidServiceName',
      message: "The Vpc Endpoint Service 'com.amazonaws.us-east-1.s3' does not exist",
    });
    expect(gateway).toMatchObject({
      name: 'InvalidParameter',
      message: expect.stringContaining('Gateway'),
    });
    expect(defaultType).toMatchObject({ name: 'InvalidParameter' });
  });

  it('fails with MissingParameter when the service name is left out', async () => {
    // Act
    const missing = await failureOf(create({ ServiceName: undefined }));

    // Assess
    expect(missing).toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter ServiceName',
    });
  });

  it('uses the VPC default security group, private DNS and a full-access policy when the call names none', async () => {
    // Act
    const { VpcEndpoint: created } = await create({ SecurityGroupIds: undefined });

    // Assess
    expect(created?.Groups).toEqual([{ GroupId: SG_DEFAULT, GroupName: 'default' }]);
    expect(created?.PrivateDnsEnabled).toBe(true);
    expect(JSON.parse(created?.PolicyDocument ?? '{}')).toEqual({
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
    });
  });

  it('deletes through deleting, after which the id is unknown', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false });
    const id = idOf(created);

    // Act
    const { Unsuccessful } = await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    const deleting = await describe1(id);
    await cloud.clock.sleep(DELETED_AFTER_MS);
    const gone = await failureOf(describe1(id));

    // Assess
    expect(Unsuccessful).toEqual([]);
    expect(deleting.State).toBe('deleting');
    expect(gone).toMatchObject({
      name: 'InvalidVpcEndpointId.NotFound',
      message: `The Vpc Endpoint Id '${id}' does not exist`,
    });
    const { NetworkInterfaces = [] } = await ec2.send(new DescribeNetworkInterfacesCommand({}));
    expect(NetworkInterfaces).toEqual([]);
  });

  it('lists unknown ids of DeleteVpcEndpoints as unsuccessful instead of failing the call', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false });

    // Act
    const { Unsuccessful } = await ec2.send(
      new DeleteVpcEndpointsCommand({ VpcEndpointIds: [idOf(created), 'vpce-0123456789abcdef0'] }),
    );

    // Assess
    expect(Unsuccessful).toEqual([
      {
        ResourceId: 'vpce-0123456789abcdef0',
        Error: {
          Code: 'InvalidVpcEndpoint.NotFound',
          Message: expect.stringContaining('vpce-0123456789abcdef0'),
        },
      },
    ]);
    expect((await describe1(idOf(created))).State).toBe('deleting');
  });

  it('fails DescribeVpcEndpoints with InvalidVpcEndpointId.Malformed for an id of the wrong shape', async () => {
    // Act
    const malformed = await failureOf(
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-nope'] })),
    );

    // Assess
    expect(malformed).toMatchObject({ name: 'InvalidVpcEndpointId.Malformed' });
  });

  it('modifies subnets, security groups, private DNS and the policy', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false, SubnetIds: [SUBNET_A] });
    const id = idOf(created);
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: '*' }],
    });

    // Act
    await ec2.send(
      new ModifyVpcEndpointCommand({
        VpcEndpointId: id,
        AddSubnetIds: [SUBNET_B],
        RemoveSubnetIds: [SUBNET_A],
        AddSecurityGroupIds: [SG_HTTP_ONLY],
        PrivateDnsEnabled: true,
        PolicyDocument: policy,
      }),
    );
    const modified = await describe1(id);
    await ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, ResetPolicy: true }));
    const reset = await describe1(id);

    // Assess
    expect(modified.SubnetIds).toEqual([SUBNET_B]);
    expect(modified.NetworkInterfaceIds).toHaveLength(1);
    expect(modified.NetworkInterfaceIds).not.toEqual(created?.NetworkInterfaceIds);
    expect(modified.Groups?.map((group) => group.GroupId)).toEqual([SG_HTTPS, SG_HTTP_ONLY]);
    expect(modified.PrivateDnsEnabled).toBe(true);
    expect(modified.PolicyDocument).toBe(policy);
    expect(JSON.parse(reset.PolicyDocument ?? '{}').Statement[0].Action).toBe('*');
  });

  it('refuses to modify an endpoint into a second subnet of the same Availability Zone', async () => {
    // Prepare: a seed with two subnets in us-east-1a.
    await cloud.stop();
    const seed = loadSeed();
    const path = join(mkdtempSync(join(tmpdir(), 'papi-seed-')), 'seed.json');
    writeFileSync(
      path,
      JSON.stringify({
        ...seed,
        subnets: [
          ...seed.subnets,
          {
            subnetId: 'subnet-0a1b2c3d4e5f60003',
            vpcId: VPC,
            cidrBlock: '10.20.3.0/24',
            availabilityZone: 'us-east-1a',
            tags: { Name: 'papi-consumer-private-a2' },
          },
        ],
      }),
    );
    cloud = await startTestCloud({ timeScale: TIME_SCALE, quotas: false, seedFile: path });
    ec2 = new EC2Client({ ...cloud.clientConfig, maxAttempts: 1 });

    // Act
    const both = await failureOf(create({ SubnetIds: [SUBNET_A, 'subnet-0a1b2c3d4e5f60003'] }));

    // Assess
    expect(both).toMatchObject({
      name: 'DuplicateSubnetsInSameZone',
      message: `Found another VPC endpoint subnet in the availability zone of ${SUBNET_A}`,
    });
  });

  it('filters and pages DescribeVpcEndpoints', async () => {
    // Prepare
    for (const name of ['papi-a', 'papi-b', 'other']) {
      await create({
        PrivateDnsEnabled: false,
        SubnetIds: [SUBNET_A],
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: name }] }],
      });
    }

    // Act
    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(
        new DescribeVpcEndpointsCommand({
          Filters: [
            { Name: 'tag:Name', Values: ['papi-*'] },
            { Name: 'vpc-endpoint-state', Values: ['pending'] },
            { Name: 'service-name', Values: [SERVICE] },
          ],
          MaxResults: 1,
          NextToken,
        }),
      );
      seen.push(...(page.VpcEndpoints ?? []).map((endpoint) => endpoint.Tags?.[0]?.Value ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    const unknownFilter = await failureOf(
      ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
    );

    // Assess
    expect(seen).toEqual(['papi-a', 'papi-b']);
    expect(unknownFilter).toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('keeps an endpoint pending while held, and forces or removes it through the control API', async () => {
    // Prepare
    const { VpcEndpoint: created } = await create({ PrivateDnsEnabled: false });
    const id = idOf(created);

    // Act
    const held = await fetch(`${cloud.endpoint}/_local/ec2/hold-endpoint`, {
      method: 'POST',
      body: JSON.stringify({ vpcEndpointId: id, hold: true }),
    });
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
    const whileHeld = await describe1(id);
    await cloud.control('ec2', 'hold-endpoint', { vpcEndpointId: id, hold: false });
    const released = await describe1(id);
    await cloud.control('ec2', 'set-endpoint-state', { vpcEndpointId: id, state: 'failed' });
    const failed = await describe1(id);
    await cloud.control('ec2', 'delete-endpoint', { vpcEndpointId: id });
    const vanished = await failureOf(describe1(id));
    const badInput = await fetch(`${cloud.endpoint}/_local/ec2/set-endpoint-state`, {
      method: 'POST',
      body: JSON.stringify({ vpcEndpointId: id, state: 'sleeping' }),
    });

    // Assess
    expect(held.status).toBe(200);
    expect(whileHeld.State).toBe('pending');
    expect(released.State).toBe('available');
    expect(failed.State).toBe('failed');
    expect(vanished).toMatchObject({ name: 'InvalidVpcEndpointId.NotFound' });
    expect(badInput.status).toBe(400);
  });
});
