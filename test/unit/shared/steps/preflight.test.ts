import {
  NoHttpsIngressError,
  PrivateApiQuotaReachedError,
  SecurityGroupNotInVpcError,
  SubnetNotInVpcError,
  VpcDnsAttributesOffError,
  VpcEndpointNotAllowedError,
  VpcEndpointNotUsableError,
  VpcNotFoundError,
} from '../../../../shared/errors';
import { type PreflightDeps, preflight } from '../../../../shared/steps/preflight';
import { caught } from './fakes/caught';
import { FakeApiGateway } from './fakes/fake-api-gateway';
import { FakeEc2, httpsFrom } from './fakes/fake-ec2';
import { NETWORK, REGION, stepRequest } from './fakes/step-request';

/** AWS-FACTS: 600 private REST APIs per Region. */
const PRIVATE_API_QUOTA = 600;

describe('preflight', () => {
  let ec2: FakeEc2;
  let apiGateway: FakeApiGateway;
  let deps: PreflightDeps;

  beforeEach(() => {
    ec2 = new FakeEc2();
    apiGateway = new FakeApiGateway();
    deps = {
      ec2,
      apiGateway,
      privateApiQuota: PRIVATE_API_QUOTA,
      region: REGION,
      allowedVpcIds: [],
      allowedAccountIds: [],
    };
  });

  it("passes a good request and returns the VPC's CIDR blocks", async () => {
    // Prepare
    const request = stepRequest();

    // Act
    const result = await preflight(request, deps);

    // Assess
    expect(result).toEqual({ vpcCidrBlocks: [NETWORK.vpcCidr] });
  });

  it('names network.vpcId when the VPC does not exist', async () => {
    // Prepare
    const request = stepRequest({ network: { vpcId: NETWORK.otherVpcId } });

    // Act
    const error = await caught(preflight(request, deps));

    // Assess
    expect(error).toBeInstanceOf(VpcNotFoundError);
    expect(error.name).toBe('VpcNotFoundError');
    expect(error.message).toContain(NETWORK.otherVpcId);
    expect(error.message).toContain('network.vpcId');
  });

  it.each([
    ['enableDnsSupport', { enableDnsSupport: false, enableDnsHostnames: true }, '--enable-dns-support'],
    ['enableDnsHostnames', { enableDnsSupport: true, enableDnsHostnames: false }, '--enable-dns-hostnames'],
  ])('names the command that turns %s on when private DNS needs it', async (attribute, dns, flag) => {
    // Prepare
    Object.assign(ec2.vpcs.get(NETWORK.vpcId) ?? {}, dns);

    // Act
    const error = await caught(preflight(stepRequest(), deps));

    // Assess
    expect(error).toBeInstanceOf(VpcDnsAttributesOffError);
    expect(error.message).toContain(`has ${attribute} off`);
    expect(error.message).toContain(`aws ec2 modify-vpc-attribute --vpc-id ${NETWORK.vpcId} ${flag}`);
    expect(error.message).toContain('network.privateDns: false');
  });

  it('names both DNS attributes when both are off', async () => {
    // Prepare
    Object.assign(ec2.vpcs.get(NETWORK.vpcId) ?? {}, { enableDnsSupport: false, enableDnsHostnames: false });

    // Act
    const error = await caught(preflight(stepRequest(), deps));

    // Assess
    expect(error).toBeInstanceOf(VpcDnsAttributesOffError);
    expect(error.message).toContain('enableDnsSupport and enableDnsHostnames off');
  });

  it('does not look at the DNS attributes when private DNS is off', async () => {
    // Prepare
    Object.assign(ec2.vpcs.get(NETWORK.vpcId) ?? {}, { enableDnsSupport: false, enableDnsHostnames: false });
    const request = stepRequest({ network: { privateDns: false } });

    // Act
    const result = await preflight(request, deps);

    // Assess
    expect(result.vpcCidrBlocks).toEqual([NETWORK.vpcCidr]);
    expect(ec2.operations()).not.toContain('vpcDnsAttributes');
  });

  it('names every subnet that is in another VPC or does not exist', async () => {
    // Prepare
    const foreign = 'subnet-0ccccccccccccccc1';
    const missing = 'subnet-0ddddddddddddddd1';
    ec2.subnets.set(foreign, {
      subnetId: foreign,
      vpcId: NETWORK.otherVpcId,
      availabilityZone: 'us-east-1c',
    });
    const request = stepRequest({ network: { subnetIds: [NETWORK.subnetA, foreign, missing] } });

    // Act
    const error = await caught(preflight(request, deps));

    // Assess
    expect(error).toBeInstanceOf(SubnetNotInVpcError);
    expect(error.message).toContain(`subnet(s) ${foreign}, ${missing} are not in VPC ${NETWORK.vpcId}`);
    expect(error.message).not.toContain(NETWORK.subnetA);
    expect(error.message).toContain('network.subnetIds');
  });

  it('names a security group that is in another VPC', async () => {
    // Prepare
    const foreign = 'sg-0eeeeeeeeeeeeeee1';
    ec2.groups.set(foreign, {
      groupId: foreign,
      vpcId: NETWORK.otherVpcId,
      ingress: [httpsFrom('0.0.0.0/0')],
    });
    const request = stepRequest({ network: { securityGroupIds: [NETWORK.httpsGroup, foreign] } });

    // Act
    const error = await caught(preflight(request, deps));

    // Assess
    expect(error).toBeInstanceOf(SecurityGroupNotInVpcError);
    expect(error.message).toContain(`security group(s) ${foreign} is not in VPC ${NETWORK.vpcId}`);
    expect(error.message).toContain('network.securityGroupIds');
  });

  it('names the rule to add when no group admits TCP 443 from the VPC', async () => {
    // Prepare
    const httpOnly = 'sg-0a1b2c3d4e5f60080';
    ec2.groups.set(httpOnly, {
      groupId: httpOnly,
      vpcId: NETWORK.vpcId,
      ingress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: NETWORK.vpcCidr }] }],
    });
    const request = stepRequest({ network: { securityGroupIds: [httpOnly] } });

    // Act
    const error = await caught(preflight(request, deps));

    // Assess
    expect(error).toBeInstanceOf(NoHttpsIngressError);
    expect(error.message).toContain(`add an inbound rule for TCP 443 from ${NETWORK.vpcCidr}`);
  });

  it('refuses 443 ingress from only part of the VPC', async () => {
    // Prepare
    const narrow = 'sg-0a1b2c3d4e5f60444';
    ec2.groups.set(narrow, { groupId: narrow, vpcId: NETWORK.vpcId, ingress: [httpsFrom('10.20.1.0/24')] });
    const request = stepRequest({ network: { securityGroupIds: [narrow] } });

    // Act
    const error = await caught(preflight(request, deps));

    // Assess
    expect(error).toBeInstanceOf(NoHttpsIngressError);
  });

  it('passes when 443 is admitted from another group of the request in the VPC', async () => {
    // Prepare
    const clients = 'sg-0a1b2c3d4e5f60445';
    const endpointGroup = 'sg-0a1b2c3d4e5f60446';
    ec2.groups.set(clients, { groupId: clients, vpcId: NETWORK.vpcId, ingress: [] });
    ec2.groups.set(endpointGroup, {
      groupId: endpointGroup,
      vpcId: NETWORK.vpcId,
      ingress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: clients }] }],
    });
    const request = stepRequest({ network: { securityGroupIds: [clients, endpointGroup] } });

    // Act
    const result = await preflight(request, deps);

    // Assess
    expect(result.vpcCidrBlocks).toEqual([NETWORK.vpcCidr]);
  });

  it('refuses when the account is at its private API quota, naming the count', async () => {
    // Prepare
    const quota = 3;
    for (let index = 0; index < quota; index += 1) apiGateway.seedApi();
    apiGateway.seedApi({ endpointTypes: ['REGIONAL'] });

    // Act
    const error = await caught(preflight(stepRequest(), { ...deps, privateApiQuota: quota }));

    // Assess
    expect(error).toBeInstanceOf(PrivateApiQuotaReachedError);
    expect(error.message).toContain(
      `has ${quota} private REST APIs in this Region, at the quota of ${quota}`,
    );
  });

  it('passes with one private API of room left under the quota', async () => {
    // Prepare
    const quota = 3;
    for (let index = 0; index < quota - 1; index += 1) apiGateway.seedApi();

    // Act
    const result = await preflight(stepRequest(), { ...deps, privateApiQuota: quota });

    // Assess
    expect(result.vpcCidrBlocks).toEqual([NETWORK.vpcCidr]);
  });

  it('only reads: it creates and changes nothing', async () => {
    // Prepare
    const request = stepRequest();

    // Act
    await preflight(request, deps);

    // Assess
    expect(new Set(ec2.operations())).toEqual(
      new Set(['describeVpc', 'vpcDnsAttributes', 'describeSubnets', 'describeSecurityGroups']),
    );
    expect(apiGateway.operations()).toEqual(['countPrivateRestApis']);
  });

  describe('the endpoints a request names', () => {
    it('refuses ones to associate that do not exist, before anything is created', async () => {
      // Prepare
      const request = stepRequest({
        network: { vpcEndpointId: 'vpce-0aaaaaaaaaaaaaaa1' },
        access: { associatedVpcEndpointIds: ['vpce-0bbbbbbbbbbbbbbb2'] },
      });

      // Act
      const error = await caught(preflight(request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointNotUsableError);
      expect(error.message).toContain(
        'network.vpcEndpointId: vpce-0aaaaaaaaaaaaaaa1 does not exist in this account',
      );
      expect(error.message).toContain(
        'access.associatedVpcEndpointIds[0]: vpce-0bbbbbbbbbbbbbbb2 does not exist',
      );
      expect(ec2.operations()).toContain('describeEndpoints');
    });

    it('refuses one to associate that is for another service', async () => {
      // Prepare
      const s3 = ec2.seedEndpoint({ serviceName: `com.amazonaws.${REGION}.s3` });

      // Act
      const error = await caught(
        preflight(stepRequest({ access: { associatedVpcEndpointIds: [s3] } }), deps),
      );

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointNotUsableError);
      expect(error.message).toContain(`${s3} is for com.amazonaws.${REGION}.s3`);
    });

    it('admits an endpoint of another account in access.allowedVpcEndpointIds when no allowlist is set', async () => {
      // Act
      const result = await preflight(
        stepRequest({ access: { allowedVpcEndpointIds: ['vpce-0ccccccccccccccc3'] } }),
        deps,
      );

      // Assess
      expect(result.vpcCidrBlocks).toEqual([NETWORK.vpcCidr]);
    });

    it('refuses, with a VPC allowlist, an associated endpoint in a VPC the allowlist does not name (the bypass of issue 8.4)', async () => {
      // Prepare: the stage serves the request's VPC only; the other VPC's endpoint is named
      deps = { ...deps, allowedVpcIds: [NETWORK.vpcId] };
      const other = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId });
      const request = stepRequest({ access: { associatedVpcEndpointIds: [other] } });

      // Act
      const error = await caught(preflight(request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointNotAllowedError);
      expect(error.name).toBe('VpcEndpointNotAllowedError');
      expect(error.message).toContain(
        `access.associatedVpcEndpointIds[0]: ${other} is in ${NETWORK.otherVpcId}, which is not among the VPCs this control plane serves`,
      );
    });

    it('refuses, with an allowlist, an endpoint it cannot look up, and one of an account it does not serve', async () => {
      // Prepare
      deps = { ...deps, allowedAccountIds: ['111111111111'] };
      const ours = ec2.seedEndpoint();
      const request = stepRequest({
        access: { allowedVpcEndpointIds: ['vpce-0ccccccccccccccc3', ours] },
      });

      // Act
      const error = await caught(preflight(request, deps));

      // Assess
      expect(error).toBeInstanceOf(VpcEndpointNotAllowedError);
      expect(error.message).toContain(
        'access.allowedVpcEndpointIds[0]: vpce-0ccccccccccccccc3 is not an endpoint of this account and Region',
      );
      expect(error.message).toContain(
        `access.allowedVpcEndpointIds[1]: ${ours} belongs to account 000000000000`,
      );
    });

    it('passes endpoints within the allowlists', async () => {
      // Prepare
      deps = {
        ...deps,
        allowedVpcIds: [NETWORK.vpcId, NETWORK.otherVpcId],
        allowedAccountIds: ['000000000000'],
      };
      const other = ec2.seedEndpoint({ vpcId: NETWORK.otherVpcId });

      // Act
      const result = await preflight(stepRequest({ access: { associatedVpcEndpointIds: [other] } }), deps);

      // Assess
      expect(result.vpcCidrBlocks).toEqual([NETWORK.vpcCidr]);
    });
  });
});
