import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** Each CLI call takes about a real second; 60 simulated seconds take 600 ms at this scale. */
const TIME_SCALE = 100;
const AVAILABLE_AFTER_MS = 60_000;
/** The local EC2's default `deleting` phase (simulated). */
const DELETED_AFTER_MS = 30_000;
const VPC = 'vpc-0f1e2d3c4b5a69781';
const NO_DNS_VPC = 'vpc-0f1e2d3c4b5a69782';
const SERVICE = 'com.amazonaws.us-east-1.execute-api';

interface VpcEndpointJson {
  readonly VpcEndpointId: string;
  readonly State: string;
  readonly PrivateDnsEnabled: boolean;
  readonly NetworkInterfaceIds: readonly string[];
  readonly Tags?: readonly { Key: string; Value: string }[];
}

describe('local EC2 with the AWS CLI', () => {
  let cloud: TestCloud;
  let cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({
      timeScale: TIME_SCALE,
      quotas: false,
      endpointAvailableAfterMs: AVAILABLE_AFTER_MS,
    });
    cli = createAwsCli(cloud.endpoint, { prefix: 'ec2-cli-' });
  });

  afterAll(async () => {
    await cloud.stop();
    cli.dispose();
  });

  /** Runs `aws ec2 ...`. */
  const aws = (...args: string[]) => cli.run('ec2', ...args);
  const awsJson = async <T>(...args: string[]) => (await aws(...args)).json<T>();

  const createArgs = [
    'create-vpc-endpoint',
    '--vpc-id',
    VPC,
    '--vpc-endpoint-type',
    'Interface',
    '--service-name',
    SERVICE,
    '--subnet-ids',
    'subnet-0a1b2c3d4e5f60001',
    'subnet-0a1b2c3d4e5f60002',
    '--security-group-ids',
    'sg-0a1b2c3d4e5f60443',
    '--tag-specifications',
    'ResourceType=vpc-endpoint,Tags=[{Key=Name,Value=papi-cli}]',
    '--client-token',
    'papi-cli-token-1',
  ];

  itWithAwsCli('creates an endpoint idempotently, sees it become available, and deletes it', async () => {
    // Prepare
    const { VpcEndpoint: created } = await awsJson<{ VpcEndpoint: VpcEndpointJson }>(...createArgs);

    // Act
    const { VpcEndpoint: again } = await awsJson<{ VpcEndpoint: VpcEndpointJson }>(...createArgs);
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
    const available = await awsJson<string[]>(
      'describe-vpc-endpoints',
      '--filters',
      'Name=vpc-endpoint-state,Values=available',
      'Name=tag:Name,Values=papi-cli',
      '--query',
      'VpcEndpoints[].VpcEndpointId',
    );
    const deleted = await awsJson<{ Unsuccessful: { ResourceId: string; Error: { Code: string } }[] }>(
      'delete-vpc-endpoints',
      '--vpc-endpoint-ids',
      created.VpcEndpointId,
      'vpce-0123456789abcdef0',
    );
    await cloud.clock.sleep(DELETED_AFTER_MS);
    const gone = await aws('describe-vpc-endpoints', '--vpc-endpoint-ids', created.VpcEndpointId);

    // Assess
    expect(created).toMatchObject({
      State: 'pending',
      PrivateDnsEnabled: true,
      Tags: [{ Key: 'Name', Value: 'papi-cli' }],
    });
    expect(created.NetworkInterfaceIds).toHaveLength(2);
    expect(again.VpcEndpointId).toBe(created.VpcEndpointId);
    expect(available).toEqual([created.VpcEndpointId]);
    expect(deleted.Unsuccessful).toEqual([
      expect.objectContaining({
        ResourceId: 'vpce-0123456789abcdef0',
        Error: expect.objectContaining({ Code: 'InvalidVpcEndpoint.NotFound' }),
      }),
    ]);
    expect(gone.exitCode).not.toBe(0);
    expect(gone.stderr).toContain('(InvalidVpcEndpointId.NotFound)');
  });

  itWithAwsCli('reports EC2 errors with their codes on stderr and a failing exit code', async () => {
    // Act
    const noDns = await aws(
      'create-vpc-endpoint',
      '--vpc-id',
      NO_DNS_VPC,
      '--vpc-endpoint-type',
      'Interface',
      '--service-name',
      SERVICE,
      '--subnet-ids',
      'subnet-0b1b2c3d4e5f60001',
    );
    const unknown = await aws('describe-vpc-endpoints', '--vpc-endpoint-ids', 'vpce-0123456789abcdef0');

    // Assess
    expect(noDns.exitCode).not.toBe(0);
    expect(noDns.stderr).toContain('(InvalidParameter)');
    expect(noDns.stderr).toContain(
      'Enabling private DNS requires both enableDnsSupport and enableDnsHostnames',
    );
    expect(unknown.exitCode).not.toBe(0);
    expect(unknown.stderr).toContain('(InvalidVpcEndpointId.NotFound)');
  });
});
