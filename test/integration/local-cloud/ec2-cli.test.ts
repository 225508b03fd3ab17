import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const execFileAsync = promisify(execFile);

/** The AWS CLI v1 is an independent client (botocore's model and parsers); skip when it is absent. */
const hasAws = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
const itCli = hasAws ? it : it.skip;
if (!hasAws)
  console.warn('ec2-cli.test.ts: the AWS CLI (`aws`) is not on PATH; skipping the EC2 CLI scenario');

/** Each CLI call takes about a real second; 60 simulated seconds take 600 ms at this scale. */
const TIME_SCALE = 100;
const AVAILABLE_AFTER_MS = 60_000;
/** The local EC2's default `deleting` phase (simulated). */
const DELETED_AFTER_MS = 30_000;
const VPC = 'vpc-0f1e2d3c4b5a69781';
const NO_DNS_VPC = 'vpc-0f1e2d3c4b5a69782';
const SERVICE = 'com.amazonaws.us-east-1.execute-api';

interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface VpcEndpointJson {
  readonly VpcEndpointId: string;
  readonly State: string;
  readonly PrivateDnsEnabled: boolean;
  readonly NetworkInterfaceIds: readonly string[];
  readonly Tags?: readonly { Key: string; Value: string }[];
}

describe('local EC2 with the AWS CLI', () => {
  let cloud: TestCloud;
  let workDir: string;

  beforeAll(async () => {
    cloud = await startTestCloud({
      timeScale: TIME_SCALE,
      quotas: false,
      endpointAvailableAfterMs: AVAILABLE_AFTER_MS,
    });
    workDir = mkdtempSync(join(tmpdir(), 'ec2-cli-'));
  });

  afterAll(async () => {
    await cloud.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Runs `aws ec2 ...` asynchronously: the cloud answers from this same process. */
  async function aws(...args: string[]): Promise<CliResult> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: workDir,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(workDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(workDir, 'credentials'),
      AWS_MAX_ATTEMPTS: '1',
    };
    if (process.env.PYENV_ROOT !== undefined) env.PYENV_ROOT = process.env.PYENV_ROOT;
    try {
      const { stdout, stderr } = await execFileAsync(
        'aws',
        ['--endpoint-url', cloud.endpoint, '--output', 'json', 'ec2', ...args],
        { env },
      );
      return { exitCode: 0, stdout, stderr };
    } catch (error: unknown) {
      // execFile's error carries the exit code and both outputs (an Error of another realm under Jest).
      if (typeof error !== 'object' || error === null) throw error;
      const failed: { code?: unknown; stdout?: unknown; stderr?: unknown } = error;
      return {
        exitCode: typeof failed.code === 'number' ? failed.code : -1,
        stdout: String(failed.stdout ?? ''),
        stderr: String(failed.stderr ?? ''),
      };
    }
  }

  async function awsJson<T>(...args: string[]): Promise<T> {
    const result = await aws(...args);
    if (result.exitCode !== 0) throw new Error(`aws ec2 ${args.join(' ')} failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  }

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

  itCli('creates an endpoint idempotently, sees it become available, and deletes it', async () => {
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

  itCli('reports EC2 errors with their codes on stderr and a failing exit code', async () => {
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
