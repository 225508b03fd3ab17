import { Resolver } from 'node:dns/promises';
import { GetRestApiCommand, GetStagesCommand, NotFoundException } from '@aws-sdk/client-api-gateway';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { type PapiIo, runPapi } from '../../../cli/papi';
import { CATALOG_REQUEST_SOURCE } from '../../../shared/events';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import {
  createProductStack,
  deleteProductStack,
  outputsOf,
  settledStack,
  stackEvents,
  updateProductStack,
} from '../../support/product-stacks';
import { type SeededVpc, writeSeedWithVpcs } from '../../support/vpc-seed';
import { apisTagged, rejected, SEED } from './fixtures';

const LAUNCH = {
  ApiName: 'orders',
  VpcId: SEED.vpcId,
  SubnetIds: `${SEED.subnetA},${SEED.subnetB}`,
  SecurityGroupIds: SEED.httpsGroup,
};

/**
 * The product's whole life through the local CloudFormation, with the real SDK v3 client: launch,
 * update in place, a failed update rolled back, a replacement by a new VPC, termination beside a
 * neighbour that shares the endpoint, and a launch with invalid parameters (issue 9).
 */
describe('the Private REST API product, launched as a stack', () => {
  let plane: ControlPlaneHarness;
  let cloudFormation: CloudFormationClient;
  let resolver: Resolver;
  let otherVpc: SeededVpc;

  beforeAll(async () => {
    const seed = writeSeedWithVpcs(1);
    otherVpc = seed.vpcs[0] as SeededVpc;
    plane = await startControlPlane({ timeScale: 500, seedFile: seed.seedFile });
    cloudFormation = new CloudFormationClient(plane.cloud.clientConfig);
    resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${plane.cloud.dnsPort}`]);
  });
  afterAll(async () => {
    cloudFormation.destroy();
    await plane.stop();
  });
  afterEach(() => plane.cloud.faults.clear());

  async function apiExists(restApiId: string): Promise<boolean> {
    try {
      await plane.apiGateway.send(new GetRestApiCommand({ restApiId }));
      return true;
    } catch (error: unknown) {
      if (error instanceof NotFoundException) return false;
      throw error;
    }
  }

  /** The endpoint's state; 'gone' once EC2 no longer knows it (a deleted endpoint is soon NotFound). */
  async function endpointState(vpcEndpointId: string): Promise<string> {
    try {
      const { VpcEndpoints = [] } = await plane.ec2.send(
        new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }),
      );
      return VpcEndpoints[0]?.State ?? 'gone';
    } catch (error: unknown) {
      if (error instanceof Error && error.name === 'InvalidVpcEndpointId.NotFound') return 'gone';
      throw error;
    }
  }

  async function papiStatus(requestId: string): Promise<Record<string, unknown>> {
    const out: string[] = [];
    const io: PapiIo = {
      out: (line) => out.push(line),
      err: () => undefined,
      env: { AWS_ENDPOINT_URL: plane.cloud.endpoint, AWS_REGION: plane.cloud.region },
      sleep: () => new Promise((resolve) => setTimeout(resolve, 10)),
    };
    expect(await runPapi(['status', requestId], io)).toBe(0);
    return JSON.parse(out.join('\n'));
  }

  it('launches, updates in place, rolls a failed update back, replaces for a new VPC and terminates', async () => {
    // Act: launch
    const stackId = await createProductStack(cloudFormation, 'orders-team', LAUNCH);
    const launched = await settledStack(cloudFormation, stackId);

    // Assess: the outputs carry the three URL forms, and the alias resolves on the local DNS
    expect(launched.StackStatus).toBe('CREATE_COMPLETE');
    const outputs = outputsOf(launched);
    expect(outputs).toEqual({
      ApiId: expect.stringMatching(/^\w{10}$/),
      ApiKey: expect.stringMatching(/^orders-team-privateapi-[0-9a-f]{12}$/),
      VpcEndpointId: expect.stringMatching(/^vpce-/),
      PrivateDnsUrl: `https://${outputs.ApiId}.execute-api.us-east-1.amazonaws.com/v1`,
      AliasUrl: `https://${outputs.ApiId}-${outputs.VpcEndpointId}.execute-api.us-east-1.amazonaws.com/v1`,
      EndpointUrl: expect.stringMatching(
        /^https:\/\/vpce-.+\.execute-api\.us-east-1\.vpce\.amazonaws\.com\/v1$/,
      ),
    });
    expect(await resolver.resolve4(new URL(outputs.AliasUrl ?? '').hostname)).not.toHaveLength(0);
    // The request's record says who asked: the catalog's source, the stack and the resource
    const managed = await plane.store.getManagedApi(outputs.ApiKey ?? '');
    expect(await papiStatus(managed?.lastRequestId ?? '')).toMatchObject({
      status: 'SUCCEEDED',
      caller: { source: CATALOG_REQUEST_SOURCE, stackId, logicalResourceId: 'PrivateApi' },
    });

    // Act: an update in place (a new name)
    await updateProductStack(cloudFormation, stackId, { ApiName: 'orders-renamed' });
    const renamed = await settledStack(cloudFormation, stackId);

    // Assess: the same API, renamed
    expect(renamed.StackStatus).toBe('UPDATE_COMPLETE');
    expect(outputsOf(renamed)).toMatchObject({ ApiId: outputs.ApiId, ApiKey: outputs.ApiKey });
    const afterRename = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: outputs.ApiId }));
    expect(afterRename.name).toBe('orders-renamed');

    // Act: an update that fails (its deployment to the new stage is refused), rolled back
    plane.cloud.faults.add(rejected('apigateway', 'CreateDeployment'));
    await updateProductStack(cloudFormation, stackId, { ApiName: 'orders-v2', StageName: 'v2' });
    const rolledBack = await settledStack(cloudFormation, stackId);

    // Assess: the stack names the step; CloudFormation's Update with the old properties put the API back
    expect(rolledBack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const failedUpdate = (await stackEvents(cloudFormation, stackId)).find(
      (event) => event.LogicalResourceId === 'PrivateApi' && event.ResourceStatus === 'UPDATE_FAILED',
    );
    expect(failedUpdate?.ResourceStatusReason).toContain('Failed at step deploy-stage');
    const afterRollback = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: outputs.ApiId }));
    expect(afterRollback.name).toBe('orders-renamed');
    const { item: stages = [] } = await plane.apiGateway.send(
      new GetStagesCommand({ restApiId: outputs.ApiId }),
    );
    expect(stages.map((stage) => stage.stageName)).toContain('v1');
    expect(outputsOf(rolledBack)).toMatchObject({ ApiId: outputs.ApiId });

    // Act: a new VPC is a replacement
    await updateProductStack(cloudFormation, stackId, {
      VpcId: otherVpc.vpcId,
      SubnetIds: otherVpc.subnetIds.join(','),
      SecurityGroupIds: otherVpc.httpsGroupId,
    });
    const replaced = await settledStack(cloudFormation, stackId);

    // Assess: a new API and apiKey; the old API went in the cleanup, after the new one existed
    expect(replaced.StackStatus).toBe('UPDATE_COMPLETE');
    const moved = outputsOf(replaced);
    expect(moved.ApiKey).not.toBe(outputs.ApiKey);
    expect(moved.ApiId).not.toBe(outputs.ApiId);
    expect(await apiExists(outputs.ApiId ?? '')).toBe(false);
    expect(await apiExists(moved.ApiId ?? '')).toBe(true);
    const events = await stackEvents(cloudFormation, stackId);
    const newOneDone = events.findIndex(
      (event) => event.PhysicalResourceId === moved.ApiKey && event.ResourceStatus === 'UPDATE_COMPLETE',
    );
    const oldOneDeleted = events.findIndex(
      (event) => event.PhysicalResourceId === outputs.ApiKey && event.ResourceStatus === 'DELETE_COMPLETE',
    );
    expect(newOneDone).toBeGreaterThan(-1);
    expect(oldOneDeleted).toBeGreaterThan(newOneDone);
    // The first VPC's endpoint served only the old API: released with it
    expect(await endpointState(outputs.VpcEndpointId ?? '')).toMatch(/^(deleting|deleted|gone)$/i);

    // Act: a neighbour in the new VPC shares the endpoint; then the first stack is terminated
    const neighbourId = await createProductStack(cloudFormation, 'billing-team', {
      ApiName: 'billing',
      VpcId: otherVpc.vpcId,
      SubnetIds: otherVpc.subnetIds.join(','),
      SecurityGroupIds: otherVpc.httpsGroupId,
    });
    const neighbour = outputsOf(await settledStack(cloudFormation, neighbourId));
    expect(neighbour.VpcEndpointId).toBe(moved.VpcEndpointId);
    const terminated = await deleteProductStack(cloudFormation, stackId);

    // Assess: the API goes, the endpoint its neighbour uses stays
    expect(terminated.StackStatus).toBe('DELETE_COMPLETE');
    expect(await apiExists(moved.ApiId ?? '')).toBe(false);
    expect(await plane.store.getManagedApi(moved.ApiKey ?? '')).toMatchObject({ state: 'DELETED' });
    expect(await endpointState(moved.VpcEndpointId ?? '')).toBe('available');

    // Act: the last user goes
    expect((await deleteProductStack(cloudFormation, neighbourId)).StackStatus).toBe('DELETE_COMPLETE');

    // Assess: so does the endpoint
    expect(await endpointState(moved.VpcEndpointId ?? '')).toMatch(/^(deleting|deleted|gone)$/i);
  });

  it('fails a launch with invalid parameters within seconds, every field named, nothing created', async () => {
    // Act
    const startedAt = plane.cloud.clock.now();
    const stackId = await createProductStack(cloudFormation, 'invalid-launch', {
      ...LAUNCH,
      ApiName: 'invalid',
      AllowedVpcIds: 'vpc-nope,also bad',
    });
    const stack = await settledStack(cloudFormation, stackId);

    // Assess
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await stackEvents(cloudFormation, stackId);
    const failed = events.find((event) => event.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toMatch(
      /Message returned: Invalid properties: .*AllowedVpcIds\[0\]: .*AllowedVpcIds\[1\]: /,
    );
    expect((failed?.Timestamp?.getTime() ?? Number.POSITIVE_INFINITY) - startedAt).toBeLessThan(10_000);
    expect(
      events.some(
        (event) => event.LogicalResourceId === 'PrivateApi' && event.ResourceStatus === 'DELETE_COMPLETE',
      ),
    ).toBe(true);
    expect(await apisTagged(plane.apiGateway, failed?.PhysicalResourceId ?? '')).toEqual([]);
    expect(await plane.store.getManagedApi(failed?.PhysicalResourceId ?? '')).toBeUndefined();
  });
});
