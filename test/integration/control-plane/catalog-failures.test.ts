import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ListExecutionsCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { controlPlaneNames } from '../../../shared/naming';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import {
  createProductStack,
  deleteProductStack,
  outputsOf,
  settledStack,
  stackEvents,
} from '../../support/product-stacks';
import { apisTagged, rejected, SEED } from './fixtures';

const LAUNCH = {
  VpcId: SEED.vpcId,
  SubnetIds: `${SEED.subnetA},${SEED.subnetB}`,
  SecurityGroupIds: SEED.httpsGroup,
};

/**
 * The product launched through the local CloudFormation, failing: whatever goes wrong, the stack
 * fails with a reason a person can act on, long before ServiceTimeout, and its rollback leaves
 * nothing the control plane made (issue 9: the tests of failures and of the safety net).
 */
describe('a launch of the product that fails', () => {
  let plane: ControlPlaneHarness;
  let cloudFormation: CloudFormationClient;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500, settings: { ABANDONED_REQUEST_AFTER_SECONDS: '1' } });
    cloudFormation = new CloudFormationClient(plane.cloud.clientConfig);
  });
  afterAll(async () => {
    cloudFormation.destroy();
    await plane.stop();
  });
  afterEach(async () => {
    plane.cloud.faults.clear();
    await plane.cloud.control('dns', 'never-propagate', { enabled: false });
  });

  async function liveEndpointsOfVpc(): Promise<string[]> {
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.vpcId] }] }),
    );
    return VpcEndpoints.filter((endpoint) => !/^deleted|deleting$/i.test(endpoint.State ?? '')).map(
      (endpoint) => endpoint.VpcEndpointId ?? '',
    );
  }

  /** The reason of the custom resource's CREATE_FAILED event. */
  async function createFailedReason(stackId: string): Promise<string> {
    const failed = (await stackEvents(cloudFormation, stackId)).find(
      (event) => event.LogicalResourceId === 'PrivateApi' && event.ResourceStatus === 'CREATE_FAILED',
    );
    return failed?.ResourceStatusReason ?? '';
  }

  it.each([
    ['ensure-endpoint', () => [rejected('ec2', 'CreateVpcEndpoint')]],
    ['create-api', () => [rejected('apigateway', 'CreateRestApi')]],
    ['attach-policy', () => [rejected('apigateway', 'UpdateRestApi')]],
    ['associate-endpoint', () => [rejected('apigateway', 'UpdateRestApi', { skip: 1 })]],
    ['deploy-stage', () => [rejected('apigateway', 'CreateDeployment')]],
  ] as const)(
    'fails at %s: the stack names the step and its rollback leaves no API and no endpoint',
    async (step, faults) => {
      // Prepare
      for (const fault of faults()) plane.cloud.faults.add(fault);
      const stackName = `fails-at-${step}`;

      // Act
      const stackId = await createProductStack(cloudFormation, stackName, { ...LAUNCH, ApiName: stackName });
      const stack = await settledStack(cloudFormation, stackId);

      // Assess
      expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
      const reason = await createFailedReason(stackId);
      expect(reason).toContain(`Failed at step ${step}:`);
      expect(reason).toContain(`injected`);
      const events = await stackEvents(cloudFormation, stackId);
      expect(
        events.some(
          (event) => event.LogicalResourceId === 'PrivateApi' && event.ResourceStatus === 'DELETE_COMPLETE',
        ),
      ).toBe(true);
      const apiKey =
        events.find((event) => event.ResourceStatus === 'CREATE_FAILED')?.PhysicalResourceId ?? '';
      expect(await apisTagged(plane.apiGateway, apiKey)).toEqual([]);
      expect(await liveEndpointsOfVpc()).toEqual([]);
    },
  );

  it('fails at check-dns when the alias never resolves, and rolls back clean', async () => {
    // Prepare
    await plane.cloud.control('dns', 'never-propagate', { enabled: true });

    // Act
    const stackId = await createProductStack(cloudFormation, 'fails-at-check-dns', {
      ...LAUNCH,
      ApiName: 'fails-at-check-dns',
    });
    const stack = await settledStack(cloudFormation, stackId, 120_000);

    // Assess
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(await createFailedReason(stackId)).toContain('Failed at step check-dns:');
    expect(await liveEndpointsOfVpc()).toEqual([]);
  }, 150_000);

  it('creates once when the provider crashes after taking the request and Lambda invokes it again', async () => {
    // Prepare
    const provider = controlPlaneNames('local').functionName('privateApiResource');
    await plane.cloud.control('lambda', 'crash-after-handler', { functionName: provider, count: 1 });
    const earlier = plane.cloud.services.lambda.invocations(provider).length;

    // Act
    const stackId = await createProductStack(cloudFormation, 'crashes-once', {
      ...LAUNCH,
      ApiName: 'crashes-once',
    });
    const stack = await settledStack(cloudFormation, stackId);

    // Assess: the retry of the async invocation ran, and it is the same request
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    const attempts = plane.cloud.services.lambda.invocations(provider).slice(earlier);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.errorType])).toEqual([
      [1, 'Runtime.ExitError'],
      [2, undefined],
    ]);
    const { ApiKey, ApiId } = outputsOf(stack);
    expect((await apisTagged(plane.apiGateway, ApiKey ?? '')).map((api) => api.id)).toEqual([ApiId]);
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    const requestId = (await plane.store.getManagedApi(ApiKey ?? ''))?.lastRequestId;
    expect(executions.filter((execution) => execution.name === `papi-${requestId}`)).toHaveLength(1);

    // Clean up
    expect((await deleteProductStack(cloudFormation, stackId)).StackStatus).toBe('DELETE_COMPLETE');
  });

  it('still completes when the first PUT of the answer to the ResponseURL fails', async () => {
    // Prepare
    plane.cloud.faults.add({
      service: 's3',
      operation: 'PutObject',
      kind: 'error',
      status: 503,
      errorCode: 'SlowDown',
      message: 'Please reduce your request rate.',
      count: 1,
    });

    // Act
    const stackId = await createProductStack(cloudFormation, 'first-put-fails', {
      ...LAUNCH,
      ApiName: 'first-put-fails',
    });
    const stack = await settledStack(cloudFormation, stackId);

    // Assess
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(plane.cloud.faults.list()).toEqual([]);
    expect((await deleteProductStack(cloudFormation, stackId)).StackStatus).toBe('DELETE_COMPLETE');
  });

  it('fails with the reason when the execution is aborted, long before ServiceTimeout', async () => {
    // Prepare: the workflow waits in its DNS step (the alias never resolves) until it is stopped
    await plane.cloud.control('dns', 'never-propagate', { enabled: true });
    const startedAt = plane.cloud.clock.now();
    const stackId = await createProductStack(cloudFormation, 'aborted', { ...LAUNCH, ApiName: 'aborted' });
    const executionArn = await runningExecution(startedAt);

    // Act
    await plane.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'stopped by hand' }),
    );
    const stack = await settledStack(cloudFormation, stackId);

    // Assess: failed within minutes of simulated time, not at the hour of ServiceTimeout
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    expect(await createFailedReason(stackId)).toContain('ended ABORTED');
    const failedAt = (await stackEvents(cloudFormation, stackId)).find(
      (event) => event.ResourceStatus === 'CREATE_FAILED',
    )?.Timestamp;
    expect((failedAt?.getTime() ?? Number.POSITIVE_INFINITY) - startedAt).toBeLessThan(30 * 60_000);
  });

  /** The running execution started at or after `since` (simulated ms): this test's own. */
  async function runningExecution(since: number): Promise<string> {
    for (let round = 0; round < 400; round += 1) {
      const { executions = [] } = await plane.sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: plane.deployed.stateMachineArn,
          statusFilter: 'RUNNING',
        }),
      );
      const arn = executions.find(
        (execution) => (execution.startDate?.getTime() ?? 0) >= since,
      )?.executionArn;
      if (arn) return arn;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no running execution');
  }
});
