import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const codeIn = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe('local S3 with the AWS CLI', () => {
  let cloud: TestCloud;
  let cli: AwsCli;
  /** The same CLI configured as AWS's guide says to presign with SigV4 (`s3.signature_version = s3v4`). */
  let sigV4Cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    cli = createAwsCli(cloud.endpoint, { prefix: 's3-cli-' });
    sigV4Cli = createAwsCli(cloud.endpoint, { prefix: 's3-cli-v4-' });
    writeFileSync(join(sigV4Cli.dir, 'config'), '[default]\ns3 =\n    signature_version = s3v4\n');
  });

  afterAll(async () => {
    await cloud.stop();
    cli.dispose();
    sigV4Cli.dispose();
  });

  itWithAwsCli('creates a bucket, puts an object with metadata and gets it back with s3api', async () => {
    // Prepare
    const source = join(cli.dir, 'body.json');
    const target = join(cli.dir, 'got.json');
    writeFileSync(source, '{"from":"the cli"}\n');
    await cli.run('s3api', 'create-bucket', '--bucket', 'papi-cli-objects').then((result) => result.json());

    // Act
    const put = await cli
      .run(
        's3api',
        'put-object',
        '--bucket',
        'papi-cli-objects',
        '--key',
        'dir/body.json',
        '--body',
        source,
        '--content-type',
        'application/json',
        '--metadata',
        'team=payments',
      )
      .then((result) => result.json());
    const got = await cli
      .run('s3api', 'get-object', '--bucket', 'papi-cli-objects', '--key', 'dir/body.json', target)
      .then((result) => result.json());
    const missing = await cli.run(
      's3api',
      'get-object',
      '--bucket',
      'papi-cli-objects',
      '--key',
      'absent',
      target,
    );

    // Assess
    expect(put.ETag).toBe('"3546816a96c49c4cda517e1c107a0e79"');
    expect(got).toMatchObject({
      ETag: put.ETag,
      ContentType: 'application/json',
      ContentLength: 19,
      Metadata: { team: 'payments' },
    });
    expect(readFileSync(target, 'utf8')).toBe('{"from":"the cli"}\n');
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toMatch(/NoSuchKey/);
  });

  itWithAwsCli('needs a LocationConstraint outside us-east-1, as S3 does', async () => {
    // Prepare
    const eu = createAwsCli(cloud.endpoint, { prefix: 's3-cli-eu-', region: 'eu-west-1' });

    // Act
    const refused = await eu.run('s3api', 'create-bucket', '--bucket', 'papi-cli-eu');
    const created = await eu.run(
      's3api',
      'create-bucket',
      '--bucket',
      'papi-cli-eu',
      '--create-bucket-configuration',
      'LocationConstraint=eu-west-1',
    );
    const head = await eu.run('s3api', 'head-bucket', '--bucket', 'papi-cli-eu');
    eu.dispose();

    // Assess
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toMatch(/IllegalLocationConstraintException/);
    expect(created.exitCode).toBe(0);
    expect(head.json()).toMatchObject({ BucketRegion: 'eu-west-1' });
  });

  itWithAwsCli('copies a file up and down and lists it with aws s3', async () => {
    // Prepare
    const source = join(cli.dir, 'report.txt');
    writeFileSync(source, 'quarterly report\n');
    await cli.run('s3api', 'create-bucket', '--bucket', 'papi-cli-copies').then((result) => result.json());

    // Act
    const up = await cli.run('s3', 'cp', source, 's3://papi-cli-copies/reports/q1.txt');
    const down = await cli.run('s3', 'cp', 's3://papi-cli-copies/reports/q1.txt', '-');
    const listed = await cli.run('s3', 'ls', 's3://papi-cli-copies/reports/');

    // Assess
    expect(up.exitCode).toBe(0);
    expect(down.stdout).toBe('quarterly report\n');
    expect(listed.stdout).toMatch(/\s17 q1\.txt$/m);
    expect(cloud.services.s3.readObject('papi-cli-copies', 'reports/q1.txt')?.headers['content-type']).toBe(
      'text/plain',
    );
  });

  itWithAwsCli('serves an aws s3 presign URL (SigV4) until the cloud clock passes its expiry', async () => {
    // Prepare
    await cli.run('s3api', 'create-bucket', '--bucket', 'papi-cli-presign').then((result) => result.json());
    const source = join(cli.dir, 'shared.txt');
    writeFileSync(source, 'shared by url');
    await cli.run('s3', 'cp', source, 's3://papi-cli-presign/shared.txt');

    // Act
    const presigned = await sigV4Cli.run(
      's3',
      'presign',
      's3://papi-cli-presign/shared.txt',
      '--expires-in',
      '120',
    );
    const url = presigned.stdout.trim();
    const inTime = await fetch(url);
    const body = await inTime.text();
    cloud.clock.setTimeScale(1000);
    await cloud.clock.sleep(121_000);
    cloud.clock.setTimeScale(1);
    const late = await fetch(url);

    // Assess
    expect(new URL(url).searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(new URL(url).pathname).toBe('/papi-cli-presign/shared.txt');
    expect(inTime.status).toBe(200);
    expect(body).toBe('shared by url');
    expect(late.status).toBe(403);
    expect(codeIn(await late.text())).toBe('AccessDenied');
  });

  itWithAwsCli(
    "refuses the CLI's default Signature Version 2 presigned URL as S3 does for new buckets",
    async () => {
      // Prepare
      await cli.run('s3api', 'create-bucket', '--bucket', 'papi-cli-sigv2').then((result) => result.json());

      // Act
      const presigned = await cli.run('s3', 'presign', 's3://papi-cli-sigv2/any.txt');
      const url = presigned.stdout.trim();
      const response = await fetch(url);
      const text = await response.text();

      // Assess
      expect(new URL(url).searchParams.has('AWSAccessKeyId')).toBe(true);
      expect(response.status).toBe(400);
      expect(codeIn(text)).toBe('InvalidRequest');
      expect(text).toMatch(/Please use AWS4-HMAC-SHA256/);
    },
  );
});
