import { CreateRestApiCommand, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../../../shared/naming';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { createOwnEndpoint, createRequest, SEED } from './fixtures';

const deleteRequest = (requestId: string, apiKey: string) => ({ requestId, action: 'delete', apiKey });

/**
 * Ownership is the control plane's own records, never a tag anyone can write; one managed
 * endpoint per VPC and private-DNS setting, whatever the requests' parameters (issue 8.3, 8.5).
 */
describe('ownership: records, not tags', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500 });
  });
  afterAll(() => plane.stop());

  async function liveEndpoints(vpcId: string): Promise<{ id: string; groups: string[] }[]> {
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    return VpcEndpoints.filter(
      (endpoint) => !['deleting', 'deleted'].includes(String(endpoint.State).toLowerCase()),
    )
      .map((endpoint) => ({
        id: endpoint.VpcEndpointId ?? '',
        groups: (endpoint.Groups ?? []).map((group) => group.GroupId ?? '').sort(),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  it('converges concurrent creates of one VPC with different security groups on one endpoint', async () => {
    // Prepare: five creates without private DNS in the seed VPC, two sets of security groups
    const groupSets = [[SEED.httpsGroup], [SEED.httpsGroup, SEED.httpOnlyGroup]];
    const requests = [0, 1, 2, 3, 4].map((index) =>
      createRequest(`converge-${index}`, `converge-${index}`, {
        network: { privateDns: false, securityGroupIds: groupSets[index % 2] },
      }),
    );

    // Act
    await Promise.all(requests.map((request) => plane.submit(request)));
    const records = await Promise.all(requests.map((request) => plane.waitForStatus(request.requestId)));

    // Assess: every one succeeded on the same endpoint, made with one request's groups
    expect(records.map((record) => record.status)).toEqual(Array(5).fill('SUCCEEDED'));
    const endpoints = new Set(records.map((record) => record.outputs?.vpcEndpointId));
    expect(endpoints.size).toBe(1);
    const live = await liveEndpoints(SEED.vpcId);
    expect(live).toHaveLength(1);
    expect(groupSets.map((groups) => [...groups].sort())).toContainEqual(live[0]?.groups);
    expect(records.filter((record) => record.outputs?.endpointCreated === true)).toHaveLength(1);

    // Act: all five go
    await Promise.all(
      requests.map((request) => plane.submit(deleteRequest(`${request.apiKey}-delete`, request.apiKey))),
    );
    const deleted = await Promise.all(
      requests.map((request) => plane.waitForStatus(`${request.apiKey}-delete`)),
    );

    // Assess: and so does the endpoint
    expect(deleted.map((record) => record.status)).toEqual(Array(5).fill('SUCCEEDED'));
    expect(await liveEndpoints(SEED.vpcId)).toEqual([]);
  });

  it('never deletes a named endpoint that carries a copied managed-by tag', async () => {
    // Prepare: a team's endpoint with the control plane's tags copied onto it
    const copied = await createOwnEndpoint(
      plane.ec2,
      { vpcId: SEED.vpcId, subnetId: SEED.subnetA, securityGroupId: SEED.httpsGroup },
      {
        [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
        [MANAGED_TAG_KEYS.vpcId]: SEED.vpcId,
        [MANAGED_TAG_KEYS.requestId]: 'copied-create',
      },
    );
    await plane.submit(
      createRequest('copied-create', 'copied-tag', { network: { vpcEndpointId: copied, privateDns: false } }),
    );
    expect((await plane.waitForStatus('copied-create')).status).toBe('SUCCEEDED');

    // Act
    await plane.submit(deleteRequest('copied-delete', 'copied-tag'));
    const record = await plane.waitForStatus('copied-delete');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    expect(record.outputs).toMatchObject({ deletedEndpoints: [] });
    expect((await liveEndpoints(SEED.vpcId)).map((endpoint) => endpoint.id)).toContain(copied);
    expect(await plane.store.getEndpoint(copied)).toMatchObject({ createdByControlPlane: false });
  });

  it('neither adopts nor deletes a REST API that carries copied tags of an apiKey', async () => {
    // Prepare: someone's API tagged as if it were the managed API of "copied-api"
    const planted = await plane.apiGateway.send(
      new CreateRestApiCommand({
        name: 'not-yours',
        endpointConfiguration: { types: ['PRIVATE'] },
        tags: {
          [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
          [MANAGED_TAG_KEYS.apiKey]: 'copied-api',
          [MANAGED_TAG_KEYS.requestId]: 'copied-api-create',
        },
      }),
    );

    // Act
    await plane.submit(createRequest('copied-api-create', 'copied-api', { network: { privateDns: false } }));
    const created = await plane.waitForStatus('copied-api-create');
    await plane.submit(deleteRequest('copied-api-delete', 'copied-api'));
    const deleted = await plane.waitForStatus('copied-api-delete');

    // Assess: the control plane made, and removed, its own API; the planted one is as it was
    expect(created.status).toBe('SUCCEEDED');
    expect(created.outputs?.apiId).not.toBe(planted.id);
    expect(deleted).toMatchObject({ status: 'SUCCEEDED', outputs: { apiId: created.outputs?.apiId } });
    const survivor = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: planted.id }));
    expect(survivor.name).toBe('not-yours');
    expect(survivor.policy).toBeUndefined();
  });
});
