import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { exitOf, runScript, waitForOutput } from './process';

describe('npm run cloud', () => {
  it('serves the AWS services with the control plane deployed, and stops cleanly on SIGINT', async () => {
    // Prepare
    const cloud = runScript('local/main.ts', ['--port', '0', '--dns-port', '0', '--time-scale', '60']);
    try {
      const [, endpoint] = await waitForOutput(cloud.output, /^ec2\s+(http:\/\/127\.0\.0\.1:\d+)/m);
      await waitForOutput(cloud.output, /^control plane: bus papi-local, table papi-local-status/m);
      const ec2 = new EC2Client({
        endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });

      // Act
      const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({}));
      ec2.destroy();
      cloud.child.kill('SIGINT');
      const code = await exitOf(cloud.child);

      // Assess
      expect(Vpcs.map((vpc) => vpc.VpcId).sort()).toEqual(['vpc-0f1e2d3c4b5a69781', 'vpc-0f1e2d3c4b5a69782']);
      for (const service of ['apigateway', 'ec2', 'dynamodb', 'lambda', 'states', 'events', 's3', 'dns']) {
        expect(cloud.output()).toMatch(new RegExp(`^${service}\\s`, 'm'));
      }
      expect(cloud.output()).toMatch(/SIGINT: stopping\nstopped/);
      expect(code).toBe(0);
    } finally {
      cloud.child.kill('SIGKILL');
    }
  });

  it('refuses an unknown option with the usage and exit code 2', async () => {
    // Act
    const cloud = runScript('local/main.ts', ['--colour', 'blue']);
    const code = await exitOf(cloud.child);

    // Assess
    expect(code).toBe(2);
    expect(cloud.output()).toMatch(/Unknown option '--colour'[\s\S]*--time-scale N/);
  });
});
