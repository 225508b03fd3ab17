// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the template holds Fn::Sub placeholders, not JavaScript ones
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** A YAML template as people write them: short-form tags, a condition, an export. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: The CLI conformance stack
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
  ProdOnly:
    Type: AWS::CloudFormation::WaitConditionHandle
    Condition: IsProd
    DependsOn: Handle
Outputs:
  Name:
    Value: !Sub '\${AWS::StackName}-\${Env}'
    Export:
      Name: !Sub '\${AWS::StackName}-Name'
  Zone:
    Value: !Select [0, !GetAZs '']
  Size:
    Value: !If [IsProd, large, small]
`;

interface StackEventJson {
  readonly LogicalResourceId: string;
  readonly ResourceStatus: string;
  readonly ResourceStatusReason?: string;
}

describe('local CloudFormation with the AWS CLI', () => {
  let cloud: TestCloud;
  let cli: AwsCli;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: 1000 });
    cli = createAwsCli(cloud.endpoint, { prefix: 'cloudformation-cli-' });
  });

  afterAll(async () => {
    await cloud.stop();
    cli.dispose();
  });

  const aws = (...args: string[]) => cli.run('cloudformation', ...args);
  const deploy = (templateFile: string, env: string) =>
    aws(
      'deploy',
      '--template-file',
      templateFile,
      '--stack-name',
      'cli-stack',
      '--parameter-overrides',
      `Env=${env}`,
    );

  itWithAwsCli(
    'deploys a YAML template with short-form tags, waits for it, shows its events and exports, and deletes it',
    async () => {
      // Prepare
      const templateFile = join(cli.dir, 'template.yaml');
      writeFileSync(templateFile, TEMPLATE);

      // Act
      const deployed = await deploy(templateFile, 'prod');
      const waited = await aws('wait', 'stack-create-complete', '--stack-name', 'cli-stack');
      const described = (await aws('describe-stacks', '--stack-name', 'cli-stack')).json<{
        Stacks: { StackStatus: string; Outputs: { OutputKey: string; OutputValue: string }[] }[];
      }>();
      const { StackEvents } = (await aws('describe-stack-events', '--stack-name', 'cli-stack')).json<{
        StackEvents: StackEventJson[];
      }>();
      const { Exports } = (await aws('list-exports')).json<{ Exports: { Name: string; Value: string }[] }>();
      const updated = await deploy(templateFile, 'dev');
      const resourcesAfterUpdate = (await aws('describe-stack-resources', '--stack-name', 'cli-stack')).json<{
        StackResources: { LogicalResourceId: string }[];
      }>();
      const unchanged = await deploy(templateFile, 'dev');
      const deleted = await aws('delete-stack', '--stack-name', 'cli-stack');
      const waitedDelete = await aws('wait', 'stack-delete-complete', '--stack-name', 'cli-stack');
      const afterDelete = await aws('describe-stacks', '--stack-name', 'cli-stack');

      // Assess
      expect(deployed.exitCode).toBe(0);
      expect(deployed.stdout).toContain('Successfully created/updated stack - cli-stack');
      expect(waited.exitCode).toBe(0);
      const stack = described.Stacks[0];
      expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
      expect(
        Object.fromEntries((stack?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue])),
      ).toEqual({
        Name: 'cli-stack-prod',
        Zone: 'us-east-1a',
        Size: 'large',
      });
      const oldestFirst = [...StackEvents].reverse();
      expect(
        oldestFirst
          .filter((event) => event.LogicalResourceId === 'cli-stack')
          .map((event) => event.ResourceStatus),
      ).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
      const handleDone = oldestFirst.findIndex(
        (event) => event.LogicalResourceId === 'Handle' && event.ResourceStatus === 'CREATE_COMPLETE',
      );
      const prodStarted = oldestFirst.findIndex((event) => event.LogicalResourceId === 'ProdOnly');
      expect(prodStarted).toBeGreaterThan(handleDone);
      expect(Exports).toContainEqual(
        expect.objectContaining({ Name: 'cli-stack-Name', Value: 'cli-stack-prod' }),
      );
      expect(updated.exitCode).toBe(0);
      expect(resourcesAfterUpdate.StackResources.map((resource) => resource.LogicalResourceId)).toEqual([
        'Handle',
      ]);
      expect(unchanged.exitCode).not.toBe(0);
      expect(`${unchanged.stdout}${unchanged.stderr}`).toContain(
        'No changes to deploy. Stack cli-stack is up to date',
      );
      expect(deleted.exitCode).toBe(0);
      expect(waitedDelete.exitCode).toBe(0);
      expect(afterDelete.exitCode).not.toBe(0);
      expect(afterDelete.stderr).toContain('Stack with id cli-stack does not exist');
    },
    120_000,
  );

  itWithAwsCli(
    "answers a template error as botocore reads it: ValidationError with CloudFormation's message",
    async () => {
      // Prepare
      const templateFile = join(cli.dir, 'bad.yaml');
      writeFileSync(templateFile, 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');

      // Act
      const result = await aws(
        'create-stack',
        '--stack-name',
        'bad',
        '--template-body',
        `file://${templateFile}`,
      );

      // Assess
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain(
        'An error occurred (ValidationError) when calling the CreateStack operation: Template format error: Unrecognized resource types: [AWS::S3::Bucket]',
      );
    },
  );
});
