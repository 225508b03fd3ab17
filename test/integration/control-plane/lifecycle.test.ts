import { Resolver } from 'node:dns/promises';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FaultRuleInput } from '../../../local/core/faults';
import { aliasHostname } from '../../../shared/naming';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { apisTagged, createOwnEndpoint, createRequest, SEED } from './fixtures';

const deleteRequest = (requestId: string, apiKey: string) => ({ requestId, action: 'delete', apiKey });

describe('the lifecycle: delete, shared endpoints, undo', () => {
  let plane: ControlPlaneHarness;
  let resolver: Resolver;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500 });
    resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${plane.cloud.dnsPort}`]);
  });
  afterAll(() => plane.stop());
  afterEach(() => plane.cloud.faults.clear());

  /** Endpoints of the seed VPC that are not on their way out. */
  async function liveEndpoints(): Promise<{ id: string; managed: boolean }[]> {
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.vpcId] }] }),
    );
    return VpcEndpoints.filter(
      (endpoint) => !['deleting', 'deleted'].includes(String(endpoint.State).toLowerCase()),
    ).map((endpoint) => ({
      id: endpoint.VpcEndpointId ?? '',
      managed: (endpoint.Tags ?? []).some((tag) => tag.Key === 'papi:managed-by'),
    }));
  }

  /** Waits until no endpoint of the seed VPC is still being deleted (it holds the private DNS name). */
  async function settled(): Promise<void> {
    for (let round = 0; round < 200; round += 1) {
      const { VpcEndpoints = [] } = await plane.ec2.send(
        new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.vpcId] }] }),
      );
      if (!VpcEndpoints.some((endpoint) => String(endpoint.State).toLowerCase() === 'deleting')) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('an endpoint of the seed VPC stayed deleting');
  }

  async function provision(apiKey: string, overrides: Parameters<typeof createRequest>[2] = {}) {
    await plane.submit(createRequest(`${apiKey}-create`, apiKey, overrides));
    const record = await plane.waitForStatus(`${apiKey}-create`);
    expect(record.status).toBe('SUCCEEDED');
    return record.outputs as { apiId: string; vpcEndpointId: string };
  }

  async function remove(apiKey: string) {
    await plane.submit(deleteRequest(`${apiKey}-delete`, apiKey));
    return plane.waitForStatus(`${apiKey}-delete`);
  }

  it('deletes the last API of a VPC together with the endpoint it created', async () => {
    // Prepare
    const { apiId, vpcEndpointId } = await provision('solo');
    const alias = aliasHostname(apiId, vpcEndpointId, 'us-east-1');
    expect(await resolver.resolve4(alias)).not.toHaveLength(0);

    // Act
    const record = await remove('solo');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    expect(record.outputs).toMatchObject({ apiId, deletedEndpoints: [vpcEndpointId] });
    expect(await apisTagged(plane.apiGateway, 'solo')).toHaveLength(0);
    expect(await liveEndpoints()).toEqual([]);
    await expect(resolver.resolve4(alias)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(await plane.store.getManagedApi('solo')).toMatchObject({ state: 'DELETED' });
    expect(
      (await plane.publishedEvents<{ requestId: string }>('PrivateApiDeleted')).map(
        (e) => e.detail.requestId,
      ),
    ).toContain('solo-delete');
  });

  it('keeps the endpoint while another API of the VPC uses it', async () => {
    // Prepare
    const first = await provision('pair-a');
    const second = await provision('pair-b');
    expect(second.vpcEndpointId).toBe(first.vpcEndpointId);

    // Act
    const record = await remove('pair-a');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    expect(record.outputs).toMatchObject({ deletedEndpoints: [] });
    expect(await liveEndpoints()).toEqual([{ id: first.vpcEndpointId, managed: true }]);
    expect(
      await resolver.resolve4(aliasHostname(second.apiId, second.vpcEndpointId, 'us-east-1')),
    ).not.toHaveLength(0);
    expect((await plane.store.getEndpoint(first.vpcEndpointId))?.users).toEqual(['pair-b']);

    // Act: the last user goes
    const last = await remove('pair-b');

    // Assess
    expect(last.outputs).toMatchObject({ deletedEndpoints: [first.vpcEndpointId] });
    expect(await liveEndpoints()).toEqual([]);
  });

  it('never deletes an endpoint it did not create', async () => {
    // Prepare: the team's own endpoint, made outside the control plane
    const ownEndpoint = await createOwnEndpoint(plane.ec2, {
      vpcId: SEED.vpcId,
      subnetId: SEED.subnetA,
      securityGroupId: SEED.httpsGroup,
    });
    await provision('own-endpoint', { network: { vpcEndpointId: ownEndpoint, privateDns: false } });

    // Act
    const record = await remove('own-endpoint');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    expect(record.outputs).toMatchObject({ releasedEndpoints: [ownEndpoint], deletedEndpoints: [] });
    expect(await liveEndpoints()).toEqual([{ id: ownEndpoint, managed: false }]);
    await plane.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [ownEndpoint] }));
  });

  it.each([
    ['DeleteRestApi', { service: 'apigateway', operation: 'DeleteRestApi' }],
    ['DeleteVpcEndpoints', { service: 'ec2', operation: 'DeleteVpcEndpoints' }],
    ['UpdateItem (status table)', { service: 'dynamodb', operation: 'UpdateItem' }],
  ])('finishes a delete whose %s answer was lost, leaving nothing behind', async (_call, target) => {
    // Prepare: the call takes effect, its answer is lost (as if the Lambda died right after it)
    const apiKey = `lost-${target.operation.toLowerCase()}`;
    const before = await liveEndpoints();
    await provision(apiKey);
    const fault = plane.cloud.faults.add({ ...target, kind: 'error-after', status: 502, count: 1 });

    // Act
    const record = await remove(apiKey);

    // Assess
    expect(fault.hits).toBe(1);
    expect(record.status).toBe('SUCCEEDED');
    expect(await apisTagged(plane.apiGateway, apiKey)).toHaveLength(0);
    expect(await liveEndpoints()).toEqual(before);
  });

  const failAt = (service: string, operation: string, errorCode: string): FaultRuleInput => ({
    service,
    operation,
    kind: 'error',
    status: 400,
    errorCode,
    message: `injected failure of ${operation}`,
    count: 1,
  });

  it.each([
    ['ensure-endpoint', failAt('ec2', 'CreateVpcEndpoint', 'InvalidParameter')],
    ['create-api (CreateRestApi)', failAt('apigateway', 'CreateRestApi', 'BadRequestException')],
    ['create-api (PutRestApi)', failAt('apigateway', 'PutRestApi', 'BadRequestException')],
    ['attach-policy', failAt('apigateway', 'UpdateRestApi', 'BadRequestException')],
    ['deploy-stage', failAt('apigateway', 'CreateDeployment', 'BadRequestException')],
  ])('leaves no API and no orphan endpoint when create fails at %s', async (_step, fault) => {
    // Prepare: only the team's own endpoint from the test before is in the VPC, and no endpoint
    // is still being deleted (a new one would wait for it rather than fail)
    await settled();
    const before = await liveEndpoints();
    const apiKey = `undo-${String(fault.operation).toLowerCase()}`;
    plane.cloud.faults.add(fault);

    // Act
    await plane.submit(createRequest(`${apiKey}-create`, apiKey));
    const record = await plane.waitForStatus(`${apiKey}-create`);

    // Assess
    expect(record.status).toBe('FAILED');
    expect(record.error?.message).toContain(`injected failure of ${fault.operation}`);
    expect(record.error?.undoError).toBeUndefined();
    expect(await apisTagged(plane.apiGateway, apiKey)).toHaveLength(0);
    expect(await liveEndpoints()).toEqual(before);
    expect(await plane.store.getManagedApi(apiKey)).toMatchObject({ state: 'FAILED' });
  });

  it('reports what it undid on the failed request', async () => {
    // Act
    const record = await plane.waitForStatus('undo-createdeployment-create');

    // Assess
    expect(record.error).toMatchObject({ step: 'deploy-stage', name: 'BadRequestException' });
    expect(record.error?.undone).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^deleted REST API \w+$/),
        expect.stringMatching(/^deleted VPC endpoint vpce-/),
      ]),
    );
  });

  it('serializes a delete behind the create of the same apiKey', async () => {
    // Prepare: a create that is still running (its deployment takes a simulated minute)
    plane.cloud.faults.add({
      service: 'apigateway',
      operation: 'CreateDeployment',
      kind: 'latency',
      latencyMs: 60_000,
    });
    await plane.submit(createRequest('serial-create', 'serial'));
    await plane.waitForStatus('serial-create', ['IN_PROGRESS', 'SUCCEEDED']);

    // Act
    await plane.submit(deleteRequest('serial-delete', 'serial'));
    const created = await plane.waitForStatus('serial-create');
    const deleted = await plane.waitForStatus('serial-delete');

    // Assess: the delete waited for the lease, then ran after the create had ended
    expect([created.status, deleted.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    const waits = deleted.steps.filter(
      (entry) => entry.step === 'acquire-lease' && entry.outcome === 'failed',
    );
    expect(waits.length).toBeGreaterThan(0);
    expect(waits[0]?.error?.name).toBe('LeaseHeldError');
    const prepared = deleted.steps.find((entry) => entry.step === 'prepare-delete');
    expect(Date.parse(prepared?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(await apisTagged(plane.apiGateway, 'serial')).toHaveLength(0);
    expect(await plane.store.getManagedApi('serial')).toMatchObject({ state: 'DELETED' });
  });

  it("takes over a crashed holder's expired lease, and waits out a live one", async () => {
    // Prepare: two APIs whose leases a crashed request left behind, one expired, one not
    await provision('stale-lease');
    await provision('live-lease');
    const table = plane.deployed.tableName;
    const lease = (apiKey: string, expiresAt: number) =>
      plane.documentClient.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `LEASE#${apiKey}`, sk: 'LEASE', apiKey, holder: 'crashed-request', expiresAt },
        }),
      );
    await lease('stale-lease', Date.now() - 1000);
    await lease('live-lease', Date.now() + 3_600_000);

    // Act
    const stale = await remove('stale-lease');
    const live = await remove('live-lease');

    // Assess
    expect(stale.status).toBe('SUCCEEDED');
    expect(live.status).toBe('FAILED');
    expect(live.error).toMatchObject({ step: 'acquire-lease', name: 'LeaseHeldError' });
    expect(live.error?.message).toMatch(/busy with request crashed-request/);
    expect(await apisTagged(plane.apiGateway, 'live-lease')).toHaveLength(1);

    // Act: once the lease is gone, a new delete goes through
    await plane.documentClient.send(
      new DeleteCommand({ TableName: table, Key: { pk: 'LEASE#live-lease', sk: 'LEASE' } }),
    );
    await plane.submit(deleteRequest('live-lease-delete-2', 'live-lease'));

    // Assess
    expect((await plane.waitForStatus('live-lease-delete-2')).status).toBe('SUCCEEDED');
    expect(await apisTagged(plane.apiGateway, 'live-lease')).toHaveLength(0);
  });

  it('records a failed delete as the step that failed, undoes nothing, and lets a new delete finish', async () => {
    // Prepare
    const { apiId } = await provision('half-deleted');
    plane.cloud.faults.add({
      service: 'apigateway',
      operation: 'DeleteRestApi',
      kind: 'error',
      errorCode: 'BadRequestException',
      message: 'Injected: the API cannot be deleted now',
      status: 400,
      count: 1,
    });

    // Act
    const failed = await remove('half-deleted');

    // Assess: the record names remove-api's error, with no undo and no undo failure
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatchObject({ step: 'remove-api', undone: [] });
    expect(failed.error?.undoError).toBeUndefined();
    expect(failed.steps.some((entry) => entry.step === 'undo')).toBe(false);
    expect(await plane.store.getManagedApi('half-deleted')).toMatchObject({ state: 'DELETING' });
    const refusedCreate = createRequest('half-deleted-create-again', 'half-deleted');
    await plane.submit(refusedCreate);
    expect((await plane.waitForStatus('half-deleted-create-again')).status).toBe('REJECTED');

    // Act: a new delete finishes the job
    await plane.submit(deleteRequest('half-deleted-delete-2', 'half-deleted'));
    const finished = await plane.waitForStatus('half-deleted-delete-2');

    // Assess
    expect(finished.status).toBe('SUCCEEDED');
    expect(finished.outputs).toMatchObject({ apiId });
    expect(await apisTagged(plane.apiGateway, 'half-deleted')).toHaveLength(0);
    await settled();
  });

  it('refuses to delete an apiKey that is not managed', async () => {
    // Act
    await plane.submit(deleteRequest('ghost-delete', 'ghost'));
    const record = await plane.waitForStatus('ghost-delete', ['REJECTED']);

    // Assess
    expect(record.reasons?.[0]?.message).toMatch(/not a managed API/);
  });

  it('ends 10 interleaved creates and deletes in one VPC with exactly the endpoints still in use', async () => {
    // Prepare: only the team's own endpoint is there
    const own = await liveEndpoints();
    const keys = Array.from({ length: 10 }, (_, index) => `swarm-${index}`);

    // Act: all created at once; the even ones deleted as soon as each is up
    await Promise.all(keys.map((key) => plane.submit(createRequest(`${key}-create`, key))));
    await Promise.all(
      keys.map(async (key, index) => {
        await plane.waitForStatus(`${key}-create`, undefined, 120_000);
        if (index % 2 === 0) await plane.submit(deleteRequest(`${key}-delete`, key));
      }),
    );
    await Promise.all(
      keys
        .filter((_, index) => index % 2 === 0)
        .map((key) => plane.waitForStatus(`${key}-delete`, undefined, 120_000)),
    );

    // Assess: the odd APIs share one managed endpoint; nothing else is left
    const survivors = await plane.store.listManagedApis(['ACTIVE']);
    const swarm = survivors.filter((api) => api.apiKey.startsWith('swarm-'));
    expect(swarm.map((api) => api.apiKey).sort()).toEqual([
      'swarm-1',
      'swarm-3',
      'swarm-5',
      'swarm-7',
      'swarm-9',
    ]);
    const inUse = [...new Set(swarm.map((api) => api.vpcEndpointId))];
    expect(inUse).toHaveLength(1);
    const managed = (await liveEndpoints())
      .filter((endpoint) => endpoint.managed)
      .map((endpoint) => endpoint.id);
    expect(managed).toEqual(inUse);
    expect((await plane.store.getEndpoint(inUse[0] ?? ''))?.users).toEqual([
      'swarm-1',
      'swarm-3',
      'swarm-5',
      'swarm-7',
      'swarm-9',
    ]);

    // Act: the rest go too
    await Promise.all(swarm.map((api) => plane.submit(deleteRequest(`${api.apiKey}-delete`, api.apiKey))));
    await Promise.all(swarm.map((api) => plane.waitForStatus(`${api.apiKey}-delete`, undefined, 120_000)));

    // Assess
    expect(await liveEndpoints()).toEqual(own);
  });
});
