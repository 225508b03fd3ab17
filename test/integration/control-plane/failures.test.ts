import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { apisTagged, createRequest, SEED } from './fixtures';

describe('provisioning failures end FAILED with the step and a reason', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500 });
  });
  afterAll(() => plane.stop());
  afterEach(() => plane.cloud.faults.clear());

  it('fails at preflight when the VPC has its DNS attributes off, naming the fix', async () => {
    // Act
    await plane.submit(
      createRequest('pf-dns', 'pf-dns', {
        network: {
          vpcId: SEED.noDnsVpcId,
          subnetIds: [SEED.noDnsSubnet],
          securityGroupIds: [SEED.noDnsHttpsGroup],
        },
      }),
    );
    const record = await plane.waitForStatus('pf-dns');

    // Assess
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatchObject({ step: 'preflight', name: 'VpcDnsAttributesOffError' });
    expect(record.error?.message).toMatch(
      /enableDnsSupport and enableDnsHostnames.*modify-vpc-attribute|privateDns: false/,
    );
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.noDnsVpcId] }] }),
    );
    expect(VpcEndpoints).toHaveLength(0);
  });

  it('fails at preflight when a subnet belongs to another VPC', async () => {
    // Act
    await plane.submit(
      createRequest('pf-subnet', 'pf-subnet', { network: { subnetIds: [SEED.subnetA, SEED.noDnsSubnet] } }),
    );
    const record = await plane.waitForStatus('pf-subnet');

    // Assess
    expect(record.error).toMatchObject({ step: 'preflight', name: 'SubnetNotInVpcError' });
    expect(record.error?.message).toContain(SEED.noDnsSubnet);
  });

  it('names the unknown subnet when one of several does not exist', async () => {
    // Act: EC2 refuses the whole DescribeSubnets batch; preflight must still name the one at fault
    await plane.submit(
      createRequest('pf-unknown-subnet', 'pf-unknown-subnet', {
        network: { subnetIds: [SEED.subnetA, 'subnet-0ffffffffffffffff'] },
      }),
    );
    const record = await plane.waitForStatus('pf-unknown-subnet');

    // Assess
    expect(record.error).toMatchObject({ step: 'preflight', name: 'SubnetNotInVpcError' });
    expect(record.error?.message).toContain('subnet-0ffffffffffffffff');
    expect(record.error?.message).not.toContain(SEED.subnetA);
  });

  it('fails at preflight when no security group admits TCP 443 from the VPC', async () => {
    // Act
    await plane.submit(
      createRequest('pf-443', 'pf-443', { network: { securityGroupIds: [SEED.httpOnlyGroup] } }),
    );
    const record = await plane.waitForStatus('pf-443');

    // Assess
    expect(record.error).toMatchObject({ step: 'preflight', name: 'NoHttpsIngressError' });
    expect(record.error?.message).toMatch(/TCP 443 from 10\.20\.0\.0\/16/);
  });

  it('publishes a PrivateApiRequestFailed event for a failed request', async () => {
    // Prepare
    await plane.waitForStatus('pf-443');

    // Act
    const events = await plane.publishedEvents<{ requestId: string; step: string; error: { name: string } }>(
      'PrivateApiRequestFailed',
    );

    // Assess
    expect(events.find((event) => event.detail.requestId === 'pf-443')?.detail).toMatchObject({
      step: 'preflight',
      error: { name: 'NoHttpsIngressError' },
    });
  });

  it('redeploys exactly once when the alias never resolves, then fails with the reason', async () => {
    // Prepare
    await plane.cloud.control('dns', 'never-propagate', { enabled: true });

    // Act
    await plane.submit(createRequest('dns-never', 'dns-never'));
    const record = await plane.waitForStatus('dns-never', undefined, 90_000);
    await plane.cloud.control('dns', 'never-propagate', { enabled: false });

    // Assess: failed at the DNS step, with exactly one redeployment before it gave up
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatchObject({ step: 'check-dns', name: 'DnsNotResolvingError' });
    const { events = [] } = await plane.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: record.executionArn, maxResults: 1000 }),
    );
    const entered = events.map((event) => event.stateEnteredEventDetails?.name).filter(Boolean);
    expect(entered.filter((name) => name === 'RedeployForDns')).toHaveLength(1);
    expect(entered.filter((name) => name === 'DeployStage')).toHaveLength(1);
    // and the failed create was undone: no API is left behind
    expect(record.error?.undone).toEqual(
      expect.arrayContaining([expect.stringMatching(/^deleted REST API /)]),
    );
    expect(await apisTagged(plane.apiGateway, 'dns-never')).toHaveLength(0);
  });
});
