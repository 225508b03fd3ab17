// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold Fn::Sub placeholders, not JavaScript ones
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListExportsCommand,
  ListStacksCommand,
  type Parameter,
  type Stack,
  type StackEvent,
  UpdateStackCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { CustomResourceEvent } from '../../../local/services/cloudformation';
import { functionArn } from '../../../local/services/lambda';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** A simulated hour takes 3.6 real seconds: ServiceTimeout runs on the cloud's clock. */
const TIME_SCALE = 1000;
const PROVIDER = 'cfn-test-provider';

/**
 * A custom resource provider as a template author writes one, driven by its properties:
 * `On{Create,Update,Delete}` says SUCCESS (the default), FAILED or SILENT (never answers);
 * `Value` names the physical resource, `Replace: "true"` makes an update a replacement,
 * `NoEcho: "true"` answers NoEcho.
 */
async function provider(event: CustomResourceEvent): Promise<void> {
  received.push(event);
  const properties = event.ResourceProperties as Record<string, unknown>;
  const behaviour = String(properties[`On${event.RequestType}`] ?? 'SUCCESS');
  if (behaviour === 'SILENT') return;
  const value = String(properties.Value ?? 'none');
  const physicalId =
    event.RequestType === 'Create' || (event.RequestType === 'Update' && properties.Replace === 'true')
      ? `phys-${value}-${received.length}`
      : (event.PhysicalResourceId ?? 'unknown');
  const answer = {
    Status: behaviour,
    Reason: behaviour === 'FAILED' ? `${event.RequestType} refused: ${value}` : undefined,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { Echo: value, Length: String(value.length) },
    NoEcho: properties.NoEcho === 'true',
  };
  const response = await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify(answer) });
  if (!response.ok)
    throw new Error(`PUT to ResponseURL answered ${response.status}: ${await response.text()}`);
}
let received: CustomResourceEvent[] = [];

const FINAL = /(_COMPLETE|_FAILED)$/;

describe('local CloudFormation', () => {
  let cloud: TestCloud;
  let cfn: CloudFormationClient;
  let serviceToken: string;

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: TIME_SCALE });
    cfn = new CloudFormationClient(cloud.clientConfig);
    cloud.services.lambda.register({ functionName: PROVIDER, handler: provider, timeoutSeconds: 30 });
    serviceToken = functionArn(cloud.region, cloud.accountId, PROVIDER);
  });

  afterAll(async () => {
    cfn.destroy();
    await cloud.stop();
  });

  beforeEach(() => {
    received = [];
  });

  /** Polls DescribeStacks (by id, which finds deleted stacks too) until the stack's status is final. */
  async function settled(stackId: string): Promise<Stack> {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackId }));
      const stack = Stacks?.[0];
      if (
        stack?.StackStatus !== undefined &&
        FINAL.test(stack.StackStatus) &&
        !stack.StackStatus.endsWith('CLEANUP_IN_PROGRESS')
      ) {
        return stack;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`stack ${stackId} did not settle`);
  }

  async function events(stackId: string): Promise<StackEvent[]> {
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }));
    return [...(StackEvents ?? [])].reverse();
  }

  const statusesOf = (list: readonly StackEvent[], logicalId: string) =>
    list.filter((event) => event.LogicalResourceId === logicalId).map((event) => event.ResourceStatus);

  async function create(stackName: string, template: object, parameters: Parameter[] = []): Promise<string> {
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: stackName,
        TemplateBody: JSON.stringify(template),
        Parameters: parameters,
      }),
    );
    if (StackId === undefined) throw new Error('no StackId');
    return StackId;
  }

  const custom = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    Type: 'Custom::Probe',
    Properties: { ServiceToken: serviceToken, ...properties },
    ...extra,
  });

  it('creates a stack through CREATE_IN_PROGRESS to CREATE_COMPLETE, with outputs from the custom resource Data', async () => {
    // Prepare
    const template = {
      Resources: {
        Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
        Probe: custom({ Value: 'alpha', Count: 3, Enabled: true, Nested: { List: [1, 'two'] } }),
      },
      Outputs: {
        Echo: { Value: { 'Fn::GetAtt': ['Probe', 'Echo'] } },
        Physical: { Value: { Ref: 'Probe' } },
      },
    };

    // Act
    const stackId = await create('created', template);
    const stack = await settled(stackId);

    // Assess
    expect(stackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/created\/[0-9a-f-]{36}$/);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs).toEqual(
      expect.arrayContaining([
        { OutputKey: 'Echo', OutputValue: 'alpha' },
        { OutputKey: 'Physical', OutputValue: 'phys-alpha-1' },
      ]),
    );
    const list = await events(stackId);
    expect(statusesOf(list, 'created')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(list[0]?.ResourceStatusReason).toBe('User Initiated');
    expect(statusesOf(list, 'Probe')).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_IN_PROGRESS',
      'CREATE_COMPLETE',
    ]);
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'created' }));
    expect(StackResources?.map((resource) => [resource.LogicalResourceId, resource.ResourceStatus])).toEqual([
      ['Handle', 'CREATE_COMPLETE'],
      ['Probe', 'CREATE_COMPLETE'],
    ]);
  });

  it('masks in Outputs what a NoEcho custom resource returned, and hands the real value to other resources', async () => {
    // Prepare
    const template = {
      Resources: {
        Secret: custom({ Value: 'hidden', NoEcho: 'true' }),
        Reader: custom({ Value: { 'Fn::GetAtt': ['Secret', 'Echo'] } }),
      },
      Outputs: {
        Masked: { Value: { 'Fn::GetAtt': ['Secret', 'Echo'] } },
        Plain: { Value: { 'Fn::GetAtt': ['Reader', 'Echo'] } },
      },
    };

    // Act
    const stack = await settled(await create('no-echo', template));

    // Assess
    expect(stack.Outputs).toEqual(
      expect.arrayContaining([
        { OutputKey: 'Masked', OutputValue: '*****' },
        { OutputKey: 'Plain', OutputValue: 'hidden' },
      ]),
    );
    expect(received[1]?.ResourceProperties.Value).toBe('hidden');
  });

  it('sends the custom resource request in the real shape: every property a string, asynchronously', async () => {
    // Prepare
    const template = {
      Resources: { Probe: custom({ Value: 'shape', Count: 3, Enabled: true, Nested: { List: [1, 'two'] } }) },
    };

    // Act
    const stackId = await create('request-shape', template);
    await settled(stackId);

    // Assess
    const [request] = received;
    expect(request).toMatchObject({
      RequestType: 'Create',
      ServiceToken: serviceToken,
      StackId: stackId,
      LogicalResourceId: 'Probe',
      ResourceType: 'Custom::Probe',
      ResourceProperties: {
        ServiceToken: serviceToken,
        Value: 'shape',
        Count: '3',
        Enabled: 'true',
        Nested: { List: ['1', 'two'] },
      },
    });
    expect(request?.PhysicalResourceId).toBeUndefined();
    expect(request?.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(request?.ResponseURL).toContain('/cloudformation-custom-resource-response-useast1/');
    expect(request?.ResponseURL).toContain('X-Amz-Signature=');
    const invocations = cloud.services.lambda.invocations(PROVIDER);
    expect(invocations.at(-1)?.invocationType).toBe('Event');
  });

  it("takes defaults, masks NoEcho parameters and refuses a value outside AllowedValues with AWS's message", async () => {
    // Prepare
    const template = {
      Parameters: {
        Stage: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
        Secret: { Type: 'String', NoEcho: true },
        Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      },
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
      Outputs: { Joined: { Value: { 'Fn::Join': ['+', { Ref: 'Subnets' }] } } },
    };

    // Act
    const refused = cfn
      .send(
        new CreateStackCommand({
          StackName: 'bad-parameters',
          TemplateBody: JSON.stringify(template),
          Parameters: [
            { ParameterKey: 'Stage', ParameterValue: 'qa' },
            { ParameterKey: 'Secret', ParameterValue: 'x' },
            { ParameterKey: 'Subnets', ParameterValue: 'subnet-1' },
          ],
        }),
      )
      .catch((error: unknown) => error);
    const stackId = await create('parameters', template, [
      { ParameterKey: 'Secret', ParameterValue: 's3cret' },
      { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
    ]);
    const stack = await settled(stackId);

    // Assess
    expect(await refused).toMatchObject({
      name: 'ValidationError',
      message: "Parameter 'Stage' must be one of AllowedValues",
    });
    expect(stack.Parameters).toEqual(
      expect.arrayContaining([
        { ParameterKey: 'Stage', ParameterValue: 'dev' },
        { ParameterKey: 'Secret', ParameterValue: '****' },
        { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
      ]),
    );
    expect(stack.Outputs).toEqual([{ OutputKey: 'Joined', OutputValue: 'subnet-1+subnet-2' }]);
  });

  it('evaluates intrinsics and conditions, and leaves out a resource whose condition is false', async () => {
    // Prepare
    const template = [
      'Parameters:',
      '  Env: { Type: String, Default: prod }',
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      '  IsDev: !Not [!Condition IsProd]',
      'Resources:',
      '  Probe:',
      '    Type: AWS::CloudFormation::CustomResource',
      '    Properties:',
      `      ServiceToken: ${serviceToken}`,
      '      Value: !Sub "${AWS::StackName}-${Env}"',
      '      Optional: !If [IsDev, present, !Ref AWS::NoValue]',
      '  DevOnly:',
      '    Type: AWS::CloudFormation::WaitConditionHandle',
      '    Condition: IsDev',
      'Outputs:',
      '  Sub: { Value: !Sub "${Probe.Echo}/${AWS::Region}/${AWS::AccountId}" }',
      '  Second: { Value: !Select [1, !Split [",", "a,b,c"]] }',
      '  Size: { Value: !If [IsProd, large, small] }',
      '  Partition: { Value: !Join ["", [!Ref AWS::Partition, ".", !Ref AWS::URLSuffix]] }',
      '  Dev: { Condition: IsDev, Value: dev }',
    ].join('\n');

    // Act
    const { StackId } = await cfn.send(
      new CreateStackCommand({ StackName: 'intrinsics', TemplateBody: template }),
    );
    const stack = await settled(StackId ?? '');

    // Assess
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(
      Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue])),
    ).toEqual({
      Sub: 'intrinsics-prod/us-east-1/000000000000',
      Second: 'b',
      Size: 'large',
      Partition: 'aws.amazonaws.com',
    });
    expect(received[0]?.ResourceProperties).toEqual({ ServiceToken: serviceToken, Value: 'intrinsics-prod' });
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'intrinsics' }));
    expect(StackResources?.map((resource) => resource.LogicalResourceId)).toEqual(['Probe']);
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'intrinsics' }));
    expect(TemplateBody).toBe(template);
  });

  it('lists exports, resolves ImportValue, and keeps an exporting stack while another imports it', async () => {
    // Prepare
    const exporting = await create('exporter', {
      Resources: { Probe: custom({ Value: 'shared' }) },
      Outputs: { Id: { Value: { Ref: 'Probe' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-Id' } } } },
    });
    await settled(exporting);
    const importing = await create('importer', {
      Resources: { Probe: custom({ Value: { 'Fn::ImportValue': 'exporter-Id' } }) },
    });
    await settled(importing);

    // Act
    const { Exports } = await cfn.send(new ListExportsCommand({}));
    const missing = cfn
      .send(
        new CreateStackCommand({
          StackName: 'importer-of-nothing',
          TemplateBody: JSON.stringify({
            Resources: { Probe: custom({ Value: { 'Fn::ImportValue': 'nope' } }) },
          }),
        }),
      )
      .catch((error: unknown) => error);
    await cfn.send(new DeleteStackCommand({ StackName: 'exporter' }));

    // Assess
    expect(Exports).toEqual(
      expect.arrayContaining([{ ExportingStackId: exporting, Name: 'exporter-Id', Value: 'phys-shared-1' }]),
    );
    expect(received.find((event) => event.StackId === importing)?.ResourceProperties.Value).toBe(
      'phys-shared-1',
    );
    expect(await missing).toMatchObject({
      name: 'ValidationError',
      message: 'No export named nope found.',
    });
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'exporter' }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const newest = (await events(exporting)).at(-1);
    expect(newest?.ResourceStatusReason).toBe(
      'Export exporter-Id cannot be deleted as it is in use by importer',
    );
  });

  it("rolls a failed create back, with the provider's reason in the events and a Delete for what was made", async () => {
    // Prepare
    const template = {
      Resources: {
        First: custom({ Value: 'first' }),
        Broken: custom({ Value: 'broken', OnCreate: 'FAILED' }, { DependsOn: 'First' }),
      },
    };

    // Act
    const stackId = await create('failed-create', template);
    const stack = await settled(stackId);

    // Assess
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const list = await events(stackId);
    expect(statusesOf(list, 'failed-create')).toEqual([
      'CREATE_IN_PROGRESS',
      'ROLLBACK_IN_PROGRESS',
      'ROLLBACK_COMPLETE',
    ]);
    const failed = list.find(
      (event) => event.LogicalResourceId === 'Broken' && event.ResourceStatus === 'CREATE_FAILED',
    );
    expect(failed?.ResourceStatusReason).toMatch(
      /^Received response status \[FAILED\] from custom resource\. Message returned: Create refused: broken \(RequestId: [0-9a-f-]{36}\)$/,
    );
    expect(list.find((event) => event.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe(
      'The following resource(s) failed to create: [Broken]. Rollback requested by user.',
    );
    expect(statusesOf(list, 'First')).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_IN_PROGRESS',
      'CREATE_COMPLETE',
      'DELETE_IN_PROGRESS',
      'DELETE_COMPLETE',
    ]);
    expect(received.map((event) => `${event.RequestType} ${event.LogicalResourceId}`)).toEqual([
      'Create First',
      'Create Broken',
      'Delete Broken',
      'Delete First',
    ]);
  });

  it('fails a custom resource that never answers at its ServiceTimeout on the simulated clock', async () => {
    // Prepare
    const template = {
      Resources: { Silent: custom({ Value: 'silent', OnCreate: 'SILENT', ServiceTimeout: 120 }) },
    };
    const started = cloud.clock.now();

    // Act
    const stackId = await create('silent', template);
    const stack = await settled(stackId);

    // Assess
    const list = await events(stackId);
    const failed = list.find((event) => event.ResourceStatus === 'CREATE_FAILED');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(failed?.ResourceStatusReason).toMatch(
      /^CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]\./,
    );
    const waitedMs = (failed?.Timestamp?.getTime() ?? 0) - started;
    expect(waitedMs).toBeGreaterThanOrEqual(120_000);
    expect(waitedMs).toBeLessThan(3_600_000);
    expect(received.map((event) => event.RequestType)).toEqual(['Create', 'Delete']);
  });

  it('replaces a resource whose update returns a new PhysicalResourceId, deleting the old one in the cleanup', async () => {
    // Prepare
    const templateOf = (value: string) => ({
      Resources: { Probe: custom({ Value: value, Replace: 'true' }) },
      Outputs: { Echo: { Value: { 'Fn::GetAtt': ['Probe', 'Echo'] } } },
    });
    const stackId = await create('replaced', templateOf('v1'));
    await settled(stackId);

    // Act
    await cfn.send(
      new UpdateStackCommand({ StackName: 'replaced', TemplateBody: JSON.stringify(templateOf('v2')) }),
    );
    const stack = await settled(stackId);

    // Assess
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stack.Outputs).toEqual([{ OutputKey: 'Echo', OutputValue: 'v2' }]);
    const list = await events(stackId);
    expect(statusesOf(list, 'replaced')).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_COMPLETE',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_COMPLETE',
    ]);
    const update = received.find((event) => event.RequestType === 'Update');
    expect(update?.PhysicalResourceId).toBe('phys-v1-1');
    expect(update?.OldResourceProperties).toMatchObject({ Value: 'v1' });
    expect(update?.ResourceProperties).toMatchObject({ Value: 'v2' });
    const cleanup = list.findIndex(
      (event) => String(event.ResourceStatus) === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    );
    const oldDelete = list.findIndex(
      (event) => event.ResourceStatus === 'DELETE_COMPLETE' && event.PhysicalResourceId === 'phys-v1-1',
    );
    expect(oldDelete).toBeGreaterThan(cleanup);
    expect(received.at(-1)).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: 'phys-v1-1' });
  });

  it('rolls a failed update back with an Update carrying the old properties', async () => {
    // Prepare
    const stackId = await create('update-rollback', { Resources: { Probe: custom({ Value: 'good' }) } });
    await settled(stackId);

    // Act
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'update-rollback',
        TemplateBody: JSON.stringify({ Resources: { Probe: custom({ Value: 'bad', OnUpdate: 'FAILED' }) } }),
      }),
    );
    const stack = await settled(stackId);

    // Assess
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const list = await events(stackId);
    expect(statusesOf(list, 'update-rollback').slice(2)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE',
    ]);
    expect(statusesOf(list, 'Probe').slice(3)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_FAILED',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE',
    ]);
    const updates = received.filter((event) => event.RequestType === 'Update');
    expect(updates.map((event) => event.ResourceProperties.Value)).toEqual(['bad', 'good']);
    expect(updates[1]?.OldResourceProperties).toMatchObject({ Value: 'bad', OnUpdate: 'FAILED' });
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'update-rollback' }));
    expect(TemplateBody).toContain('"good"');
  });

  it('ends DELETE_FAILED when a Delete answers FAILED, naming the resource', async () => {
    // Prepare
    const stackId = await create('delete-failed', {
      Resources: { Stubborn: custom({ Value: 'stubborn', OnDelete: 'FAILED' }) },
    });
    await settled(stackId);

    // Act
    await cfn.send(new DeleteStackCommand({ StackName: 'delete-failed' }));
    const stack = await settled(stackId);

    // Assess
    expect(stack.StackStatus).toBe('DELETE_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to delete: [Stubborn]. ');
    const list = await events(stackId);
    expect(statusesOf(list, 'Stubborn').slice(-2)).toEqual(['DELETE_IN_PROGRESS', 'DELETE_FAILED']);
    expect(list.at(-2)?.ResourceStatusReason).toContain('Message returned: Delete refused: stubborn');
  });

  it('deletes a stack in reverse dependency order and keeps it visible by id only', async () => {
    // Prepare
    const stackId = await create('deleted', {
      Resources: { Parent: custom({ Value: 'parent' }), Child: custom({ Value: { Ref: 'Parent' } }) },
    });
    await settled(stackId);

    // Act
    await cfn.send(new DeleteStackCommand({ StackName: 'deleted' }));
    const stack = await settled(stackId);

    // Assess
    expect(stack.StackStatus).toBe('DELETE_COMPLETE');
    expect(stack.DeletionTime).toBeInstanceOf(Date);
    expect(received.map((event) => `${event.RequestType} ${event.LogicalResourceId}`)).toEqual([
      'Create Parent',
      'Create Child',
      'Delete Child',
      'Delete Parent',
    ]);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'deleted' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Stack with id deleted does not exist',
    });
    const { StackSummaries } = await cfn.send(
      new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }),
    );
    expect(StackSummaries?.map((summary) => summary.StackId)).toContain(stackId);
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'deleted' }))).resolves.toBeDefined();
  });

  it('reads a TemplateURL from the local S3, path style or virtual-hosted, and names a missing key as AWS does', async () => {
    // Prepare
    const s3 = new S3Client({ ...cloud.clientConfig, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    const body =
      'Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\nOutputs:\n  Region: { Value: !Ref AWS::Region }\n';
    await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'stacks/handle.yaml', Body: body }));
    s3.destroy();

    // Act
    const pathStyle = await cfn.send(
      new CreateStackCommand({
        StackName: 'from-url',
        TemplateURL: `${cloud.endpoint}/templates/stacks/handle.yaml`,
      }),
    );
    const virtualHosted = await cfn.send(
      new CreateStackCommand({
        StackName: 'from-virtual-host',
        TemplateURL: 'https://templates.s3.amazonaws.com/stacks/handle.yaml',
      }),
    );
    const missing = await cfn
      .send(
        new CreateStackCommand({
          StackName: 'from-nothing',
          TemplateURL: `${cloud.endpoint}/templates/nope.yaml`,
        }),
      )
      .catch((error: unknown) => error);

    // Assess
    expect((await settled(pathStyle.StackId ?? '')).Outputs).toEqual([
      { OutputKey: 'Region', OutputValue: 'us-east-1' },
    ]);
    expect((await settled(virtualHosted.StackId ?? '')).StackStatus).toBe('CREATE_COMPLETE');
    const { TemplateBody } = await cfn.send(new GetTemplateCommand({ StackName: 'from-url' }));
    expect(TemplateBody).toBe(body);
    expect(missing).toMatchObject({
      name: 'ValidationError',
      message:
        'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
    });
  });

  it('leaves a failed create CREATE_FAILED, resources kept, when OnFailure is DO_NOTHING', async () => {
    // Prepare
    const template = {
      Resources: {
        Kept: custom({ Value: 'kept' }),
        Broken: custom({ Value: 'x', OnCreate: 'FAILED' }, { DependsOn: 'Kept' }),
      },
    };

    // Act
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: 'no-rollback',
        TemplateBody: JSON.stringify(template),
        OnFailure: 'DO_NOTHING',
      }),
    );
    const stack = await settled(StackId ?? '');

    // Assess
    expect(stack.StackStatus).toBe('CREATE_FAILED');
    expect(stack.DisableRollback).toBe(true);
    expect(received.map((event) => event.RequestType)).toEqual(['Create', 'Create']);
    const { StackResources } = await cfn.send(
      new DescribeStackResourcesCommand({ StackName: 'no-rollback' }),
    );
    expect(StackResources?.map((resource) => [resource.LogicalResourceId, resource.ResourceStatus])).toEqual([
      ['Kept', 'CREATE_COMPLETE'],
      ['Broken', 'CREATE_FAILED'],
    ]);
  });

  it('describes one resource and validates a template as CloudFormation does', async () => {
    // Prepare
    const stackId = await create('described', {
      Resources: { Probe: custom({ Value: 'one' }, { Metadata: { Owner: 'tests' } }) },
    });
    await settled(stackId);
    const body = JSON.stringify({
      Description: 'validated',
      Parameters: {
        Size: { Type: 'Number', Default: 2, Description: 'how many' },
        Key: { Type: 'String', NoEcho: true },
      },
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    });

    // Act
    const { StackResourceDetail } = await cfn.send(
      new DescribeStackResourceCommand({ StackName: 'described', LogicalResourceId: 'Probe' }),
    );
    const validated = await cfn.send(new ValidateTemplateCommand({ TemplateBody: body }));
    const unknown = await cfn
      .send(new DescribeStackResourceCommand({ StackName: 'described', LogicalResourceId: 'Nope' }))
      .catch((error: unknown) => error);

    // Assess
    expect(StackResourceDetail).toMatchObject({
      StackId: stackId,
      LogicalResourceId: 'Probe',
      PhysicalResourceId: 'phys-one-1',
      ResourceType: 'Custom::Probe',
      ResourceStatus: 'CREATE_COMPLETE',
      Metadata: JSON.stringify({ Owner: 'tests' }),
    });
    expect(validated.Description).toBe('validated');
    expect(validated.Parameters).toEqual([
      { ParameterKey: 'Size', DefaultValue: '2', NoEcho: false, Description: 'how many' },
      { ParameterKey: 'Key', NoEcho: true },
    ]);
    expect(unknown).toMatchObject({
      name: 'ValidationError',
      message: 'Resource Nope does not exist for stack described',
    });
  });

  it('refuses what CloudFormation refuses on submit, in its words', async () => {
    // Prepare
    const unsupported = JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' } } });
    const first = await create('twice', {
      Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    });
    await settled(first);

    // Act / Assess
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'unsupported', TemplateBody: unsupported })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Template format error: Unrecognized resource types: [AWS::S3::Bucket]',
    });
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'twice', TemplateBody: unsupported })),
    ).rejects.toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [twice] already exists' });
    await expect(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'twice',
          TemplateBody: JSON.stringify({
            Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
          }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });
    await expect(
      cfn.send(new ValidateTemplateCommand({ TemplateBody: 'Resources: [' })),
    ).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
