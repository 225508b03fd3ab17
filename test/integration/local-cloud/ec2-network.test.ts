import {
  CreateTagsCommand,
  CreateVpcEndpointCommand,
  DeleteTagsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const VPC = 'vpc-0f1e2d3c4b5a69781';
const NO_DNS_VPC = 'vpc-0f1e2d3c4b5a69782';
const SUBNET_A = 'subnet-0a1b2c3d4e5f60001';
const SG_HTTPS = 'sg-0a1b2c3d4e5f60443';

/** Settles a call that must fail and gives its error, so that several can be checked in Assess. */
const failureOf = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );

describe('local EC2: seeded network, tags and errors (real SDK v3 client)', () => {
  let cloud: TestCloud;
  let ec2: EC2Client;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: 100, quotas: false });
    ec2 = new EC2Client({ ...cloud.clientConfig, maxAttempts: 1 });
  });

  afterAll(async () => {
    ec2.destroy();
    await cloud.stop();
  });

  /** An endpoint without private DNS, so that several can share the VPC. */
  async function createEndpoint() {
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: VPC,
        ServiceName: 'com.amazonaws.us-east-1.execute-api',
        VpcEndpointType: 'Interface',
        SubnetIds: [SUBNET_A],
        SecurityGroupIds: [SG_HTTPS],
        PrivateDnsEnabled: false,
      }),
    );
    return VpcEndpoint;
  }

  it('finds the seeded VPCs by Name tag and reports their DNS attributes', async () => {
    // Act
    const { Vpcs = [] } = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['papi-*'] }] }),
    );
    const support = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: VPC, Attribute: 'enableDnsSupport' }),
    );
    const hostnames = await ec2.send(
      new DescribeVpcAttributeCommand({ VpcId: NO_DNS_VPC, Attribute: 'enableDnsHostnames' }),
    );

    // Assess
    expect(Vpcs.map((vpc) => [vpc.VpcId, vpc.CidrBlock]).sort()).toEqual([
      [VPC, '10.20.0.0/16'],
      [NO_DNS_VPC, '10.30.0.0/16'],
    ]);
    expect(support.EnableDnsSupport?.Value).toBe(true);
    expect(hostnames.EnableDnsHostnames?.Value).toBe(false);
  });

  it('lists the subnets of a VPC with their Availability Zones', async () => {
    // Act
    const { Subnets = [] } = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] }),
    );

    // Assess
    expect(
      Subnets.map((subnet) => [subnet.SubnetId, subnet.AvailabilityZone, subnet.CidrBlock]).sort(),
    ).toEqual([
      [SUBNET_A, 'us-east-1a', '10.20.1.0/24'],
      ['subnet-0a1b2c3d4e5f60002', 'us-east-1b', '10.20.2.0/24'],
    ]);
  });

  it('describes security groups with their HTTPS rules from the VPC CIDR', async () => {
    // Act
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC] }] }),
    );

    // Assess
    const https = SecurityGroups.find((group) => group.GroupId === SG_HTTPS);
    expect(https?.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [expect.objectContaining({ CidrIp: '10.20.0.0/16' })],
      }),
    ]);
    const others = SecurityGroups.filter((group) => group.GroupId !== SG_HTTPS);
    expect(others.some((group) => group.IpPermissions?.some((rule) => rule.FromPort === 443))).toBe(false);
    expect(others.map((group) => group.GroupName)).toContain('default');
  });

  it('names EC2 errors by their code, so callers can match on error.name', async () => {
    // Act
    const unknownVpc = await failureOf(
      ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })),
    );
    const malformedVpc = await failureOf(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-xyz'] })));
    const unknownGroup = await failureOf(
      ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })),
    );
    const badAttribute = await failureOf(
      ec2.send(new DescribeVpcAttributeCommand({ VpcId: VPC, Attribute: undefined })),
    );

    // Assess
    expect(unknownVpc).toMatchObject({
      name: 'InvalidVpcID.NotFound',
      message: "The vpc ID 'vpc-0123456789abcdef0' does not exist",
      $metadata: { httpStatusCode: 400 },
    });
    expect(malformedVpc).toMatchObject({ name: 'InvalidVpcID.Malformed' });
    expect(unknownGroup).toMatchObject({ name: 'InvalidGroup.NotFound' });
    expect(badAttribute).toMatchObject({ name: 'MissingParameter' });
  });

  it('sees none of the seeded network from another region', async () => {
    // Prepare
    const west = new EC2Client({ ...cloud.clientConfig, region: 'us-west-2', maxAttempts: 1 });

    // Act
    const { Vpcs } = await west.send(new DescribeVpcsCommand({}));
    const create = await failureOf(
      west.send(
        new CreateVpcEndpointCommand({
          VpcId: VPC,
          ServiceName: 'com.amazonaws.us-west-2.execute-api',
          VpcEndpointType: 'Interface',
        }),
      ),
    );

    // Assess
    expect(Vpcs).toEqual([]);
    expect(create).toMatchObject({ name: 'InvalidVpcID.NotFound' });
    west.destroy();
  });

  it('tags and untags an endpoint and finds the tags with DescribeTags', async () => {
    // Prepare
    const VpcEndpoint = await createEndpoint();
    const id = VpcEndpoint?.VpcEndpointId ?? '';

    // Act
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: 'papi:managed', Value: 'true' },
          { Key: 'Team', Value: 'core' },
        ],
      }),
    );
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'Team' }] }));
    const { Tags = [] } = await ec2.send(
      new DescribeTagsCommand({
        Filters: [
          { Name: 'resource-id', Values: [id] },
          { Name: 'resource-type', Values: ['vpc-endpoint'] },
        ],
      }),
    );
    const reserved = await failureOf(
      ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'aws:owner', Value: 'x' }] })),
    );
    const unknown = await failureOf(
      ec2.send(
        new CreateTagsCommand({ Resources: ['vpce-0123456789abcdef0'], Tags: [{ Key: 'k', Value: 'v' }] }),
      ),
    );

    // Assess
    expect(Tags).toEqual([
      { ResourceId: id, ResourceType: 'vpc-endpoint', Key: 'papi:managed', Value: 'true' },
    ]);
    expect(reserved).toMatchObject({ name: 'InvalidParameterValue' });
    expect(unknown).toMatchObject({ name: 'InvalidVpcEndpointId.NotFound' });
  });

  it("finds an endpoint's network interfaces by description and group", async () => {
    // Prepare
    const VpcEndpoint = await createEndpoint();
    const id = VpcEndpoint?.VpcEndpointId ?? '';

    // Act
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [
          { Name: 'description', Values: [`VPC Endpoint Interface ${id}`] },
          { Name: 'group-id', Values: [SG_HTTPS] },
        ],
      }),
    );

    // Assess
    expect(NetworkInterfaces.map((eni) => eni.NetworkInterfaceId)).toEqual(VpcEndpoint?.NetworkInterfaceIds);
  });

  it('answers InvalidAction in EC2 XML for an action it does not know', async () => {
    // Act
    const response = await fetch(cloud.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=RunInstances&Version=2016-11-15',
    });
    const body = await response.text();

    // Assess
    expect(response.status).toBe(400);
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toContain('<RequestID>');
  });

  it('answers a query-string GET like the form POST', async () => {
    // Act
    // The cloud routes by the SigV4 credential scope (it does not check signatures).
    const response = await fetch(`${cloud.endpoint}/?Action=DescribeVpcs&Version=2016-11-15&VpcId.1=${VPC}`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0',
      },
    });
    const body = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(body).toContain('<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">');
    expect(body).toContain(`<vpcId>${VPC}</vpcId>`);
  });

  it('surfaces a throttled call as RequestLimitExceeded with HTTP 503', async () => {
    // Prepare
    cloud.faults.add({ service: 'ec2', operation: 'DescribeSubnets', kind: 'throttle', count: 1 });

    // Act
    const throttled = await failureOf(ec2.send(new DescribeSubnetsCommand({})));

    // Assess
    expect(throttled).toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
    });
  });
});
