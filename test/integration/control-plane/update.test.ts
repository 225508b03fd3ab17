import { Resolver } from 'node:dns/promises';
import { GetResourcesCommand, GetRestApiCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { aliasHostname } from '../../../shared/naming';
import { policyAdmits } from '../../../shared/policy';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { apisTagged, createOwnEndpoint, createRequest, SEED } from './fixtures';

describe('updating a managed API', () => {
  let plane: ControlPlaneHarness;
  let resolver: Resolver;
  let otherVpcEndpoint: string;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500 });
    resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${plane.cloud.dnsPort}`]);
    // An endpoint of the second VPC (DNS attributes off, so without private DNS), made by its team.
    otherVpcEndpoint = await createOwnEndpoint(plane.ec2, {
      vpcId: SEED.noDnsVpcId,
      subnetId: SEED.noDnsSubnet,
      securityGroupId: SEED.noDnsHttpsGroup,
    });
  });
  afterAll(() => plane.stop());
  afterEach(() => plane.cloud.faults.clear());

  const update = (
    requestId: string,
    apiKey: string,
    overrides: Parameters<typeof createRequest>[2] = {},
  ) => ({
    ...createRequest(requestId, apiKey, overrides),
    action: 'update',
  });

  async function provision(apiKey: string) {
    await plane.submit(createRequest(`${apiKey}-create`, apiKey));
    const record = await plane.waitForStatus(`${apiKey}-create`);
    expect(record.status).toBe('SUCCEEDED');
    return record.outputs as { apiId: string; vpcEndpointId: string };
  }

  async function policyOf(apiId: string) {
    return (await plane.apiGateway.send(new GetRestApiCommand({ restApiId: apiId }))).policy;
  }

  it("associates a second VPC's endpoint, whose alias then resolves, and removes it again", async () => {
    // Prepare
    const { apiId, vpcEndpointId } = await provision('two-vpcs');
    const otherAlias = aliasHostname(apiId, otherVpcEndpoint, 'us-east-1');
    await expect(resolver.resolve4(otherAlias)).rejects.toMatchObject({ code: 'ENOTFOUND' });

    // Act
    await plane.submit(
      update('two-vpcs-add', 'two-vpcs', { access: { associatedVpcEndpointIds: [otherVpcEndpoint] } }),
    );
    const added = await plane.waitForStatus('two-vpcs-add');

    // Assess
    expect(added.reasons ?? added.error ?? added.status).toBe('SUCCEEDED');
    expect(added.outputs?.associatedEndpointIds).toEqual([vpcEndpointId, otherVpcEndpoint]);
    expect(await resolver.resolve4(otherAlias)).not.toHaveLength(0);
    expect(policyAdmits(await policyOf(apiId), { vpcEndpointId: otherVpcEndpoint })).toBe(true);
    expect(await plane.store.getManagedApi('two-vpcs')).toMatchObject({
      state: 'ACTIVE',
      lastRequestId: 'two-vpcs-add',
    });

    // Act: the association goes again
    await plane.submit(update('two-vpcs-remove', 'two-vpcs'));
    const removed = await plane.waitForStatus('two-vpcs-remove');

    // Assess
    expect(removed.status).toBe('SUCCEEDED');
    expect(removed.outputs?.associatedEndpointIds).toEqual([vpcEndpointId]);
    await expect(resolver.resolve4(otherAlias)).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(policyAdmits(await policyOf(apiId), { vpcEndpointId: otherVpcEndpoint })).toBe(false);
    expect(await resolver.resolve4(aliasHostname(apiId, vpcEndpointId, 'us-east-1'))).not.toHaveLength(0);
    expect(
      (await plane.publishedEvents<{ requestId: string }>('PrivateApiUpdated')).map(
        (e) => e.detail.requestId,
      ),
    ).toEqual(expect.arrayContaining(['two-vpcs-add', 'two-vpcs-remove']));
  });

  it('changes the allowed VPCs, the definition and the stage name', async () => {
    // Prepare
    const { apiId } = await provision('reshape');
    const openApi = {
      openapi: '3.0.1',
      info: { title: 'reshape', version: '2' },
      paths: {
        '/items': {
          get: {
            responses: { '200': { description: 'items' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    };

    // Act
    await plane.submit(
      update('reshape-1', 'reshape', {
        api: { stageName: 'v2', openApi, description: 'reshaped' },
        access: { allowedVpcIds: [SEED.noDnsVpcId] },
      }),
    );
    const record = await plane.waitForStatus('reshape-1');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    expect(policyAdmits(await policyOf(apiId), { vpcId: SEED.noDnsVpcId })).toBe(true);
    expect(await plane.apiGateway.send(new GetRestApiCommand({ restApiId: apiId }))).toMatchObject({
      name: 'reshape',
      description: 'reshaped',
    });
    const { items: resources = [] } = await plane.apiGateway.send(
      new GetResourcesCommand({ restApiId: apiId }),
    );
    expect(resources.map((resource) => resource.path).sort()).toEqual(['/', '/items']);
    const { item: stages = [] } = await plane.apiGateway.send(new GetStagesCommand({ restApiId: apiId }));
    expect(stages.map((stage) => stage.stageName)).toEqual(['v2']);
    expect(record.outputs?.invokeUrls).toMatchObject({ alias: expect.stringMatching(/\/v2$/) });
  });

  it('puts the previous policy back when an update fails', async () => {
    // Prepare
    const { apiId } = await provision('rollback');
    const before = await policyOf(apiId);
    plane.cloud.faults.add({
      service: 'apigateway',
      operation: 'CreateDeployment',
      kind: 'error',
      status: 400,
      errorCode: 'BadRequestException',
      message: 'injected deployment failure',
      count: 1,
    });

    // Act
    await plane.submit(update('rollback-1', 'rollback', { access: { allowedVpcIds: [SEED.noDnsVpcId] } }));
    const record = await plane.waitForStatus('rollback-1');

    // Assess
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatchObject({ step: 'deploy-stage', name: 'BadRequestException' });
    expect(record.error?.undone).toEqual(
      expect.arrayContaining([`restored the resource policy of ${apiId}`]),
    );
    const after = await policyOf(apiId);
    expect(policyAdmits(after, { vpcId: SEED.noDnsVpcId })).toBe(false);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(await plane.store.getManagedApi('rollback')).toMatchObject({ state: 'ACTIVE' });
  });

  it('refuses an update of an apiKey that does not exist', async () => {
    // Act
    await plane.submit(update('nobody-1', 'nobody'));
    const record = await plane.waitForStatus('nobody-1', ['REJECTED']);

    // Assess
    expect(record.reasons?.[0]).toMatchObject({
      field: 'apiKey',
      message: expect.stringMatching(/not a managed API/),
    });
  });

  it('ends a concurrent update and delete of one apiKey in a consistent state', async () => {
    // Prepare
    await provision('contested');

    // Act
    await Promise.all([
      plane.submit(update('contested-update', 'contested', { access: { allowedVpcIds: [SEED.noDnsVpcId] } })),
      plane.submit({ requestId: 'contested-delete', action: 'delete', apiKey: 'contested' }),
    ]);
    const updated = await plane.waitForStatus('contested-update', ['SUCCEEDED', 'FAILED', 'REJECTED']);
    const deleted = await plane.waitForStatus('contested-delete');

    // Assess: the delete always wins in the end; the update either ran first or found nothing to update
    expect(deleted.status).toBe('SUCCEEDED');
    expect(['SUCCEEDED', 'FAILED', 'REJECTED']).toContain(updated.status);
    if (updated.status === 'FAILED') expect(updated.error?.name).toBe('ManagedApiStateError');
    expect(await plane.store.getManagedApi('contested')).toMatchObject({ state: 'DELETED' });
    expect(await apisTagged(plane.apiGateway, 'contested')).toHaveLength(0);
  });
});
