import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const VPCE = 'vpce-0c1d2e3f4a5b60001';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
});

describe('local API Gateway with the AWS CLI', () => {
  let cloud: TestCloud;
  let cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    cli = createAwsCli(cloud.endpoint, { prefix: 'apigw-cli-' });
  });

  afterAll(async () => {
    await cloud.stop();
    cli.dispose();
  });

  /** Runs `aws apigateway ...`. */
  const aws = (...args: string[]) => cli.run('apigateway', ...args);
  const awsJson = async (...args: string[]) => (await aws(...args)).json();

  itWithAwsCli(
    'creates a private API with a policy, associates an endpoint by patch, reads and deletes it',
    async () => {
      // Prepare
      const created = await awsJson(
        'create-rest-api',
        '--name',
        'cli-api',
        '--endpoint-configuration',
        'types=PRIVATE',
        '--policy',
        POLICY,
      );
      const restApiId = String(created.id);

      // Act
      const updated = await awsJson(
        'update-rest-api',
        '--rest-api-id',
        restApiId,
        '--patch-operations',
        `op=add,path=/endpointConfiguration/vpcEndpointIds,value=${VPCE}`,
      );
      const read = await awsJson('get-rest-api', '--rest-api-id', restApiId);
      const deleted = await aws('delete-rest-api', '--rest-api-id', restApiId);
      const afterDelete = await aws('get-rest-api', '--rest-api-id', restApiId);

      // Assess
      expect(restApiId).toMatch(/^[a-z0-9]{10}$/);
      expect(created.endpointConfiguration).toEqual({ types: ['PRIVATE'] });
      expect(updated.endpointConfiguration).toEqual({ types: ['PRIVATE'], vpcEndpointIds: [VPCE] });
      expect(read).toMatchObject({ id: restApiId, name: 'cli-api', apiStatus: 'AVAILABLE' });
      // botocore parses the epoch seconds; CLI v1 prints them back as a number.
      expect(read.createdDate).toBe(created.createdDate);
      expect(Math.abs(Number(read.createdDate) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(JSON.parse(`"${String(read.policy)}"`))).toHaveProperty(
        'Statement.0.Resource',
        `arn:aws:execute-api:us-east-1:000000000000:${restApiId}/*`,
      );
      expect(deleted.exitCode).toBe(0);
      expect(afterDelete.exitCode).not.toBe(0);
      expect(afterDelete.stderr).toContain('(NotFoundException)');
      expect(afterDelete.stderr).toContain(`Invalid API identifier specified 000000000000:${restApiId}`);
    },
  );

  itWithAwsCli('shows BadRequestException for an unsupported patch path', async () => {
    // Prepare
    const created = await awsJson('create-rest-api', '--name', 'cli-bad-patch');

    // Act
    const result = await aws(
      'update-rest-api',
      '--rest-api-id',
      String(created.id),
      '--patch-operations',
      'op=replace,path=/color,value=blue',
    );

    // Assess
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('(BadRequestException)');
    expect(result.stderr).toContain('/color');
  });

  itWithAwsCli('imports an OpenAPI definition as a PRIVATE API and lists its resources', async () => {
    // Prepare
    const definition = join(cli.dir, 'definition.json');
    writeFileSync(
      definition,
      JSON.stringify({
        openapi: '3.0.1',
        info: { title: 'cli-import', version: '1' },
        paths: {
          '/health': {
            get: {
              responses: { '200': { description: 'ok' } },
              'x-amazon-apigateway-integration': {
                type: 'mock',
                responses: { default: { statusCode: '200' } },
              },
            },
          },
        },
        'x-amazon-apigateway-policy': JSON.parse(POLICY),
      }),
    );

    // Act
    const imported = await awsJson(
      'import-rest-api',
      '--parameters',
      'endpointConfigurationTypes=PRIVATE',
      '--body',
      `fileb://${definition}`,
    );
    const resources = await awsJson('get-resources', '--rest-api-id', String(imported.id));
    const deployment = await awsJson(
      'create-deployment',
      '--rest-api-id',
      String(imported.id),
      '--stage-name',
      'prod',
    );

    // Assess
    expect(imported).toMatchObject({ name: 'cli-import', endpointConfiguration: { types: ['PRIVATE'] } });
    expect((resources.items as { path: string }[]).map((resource) => resource.path)).toEqual([
      '/',
      '/health',
    ]);
    expect(deployment.id).toMatch(/^[a-z0-9]{10}$/);
  });
});
