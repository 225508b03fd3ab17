import { GetRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { controlPlaneNames } from '../../../shared/naming';
import { policyAdmits } from '../../../shared/policy';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { createOwnEndpoint, createRequest, SEED } from './fixtures';

/**
 * The stage's allowlists bound everything a request can grant (issue 8.4), and endpoints a
 * request names are checked before anything is made (issue 8.6).
 */
describe('allowlists and named endpoints, checked before anything is made', () => {
  let plane: ControlPlaneHarness;
  /** A team's endpoint in the second VPC, which this stage does not serve. */
  let foreignVpcEndpoint: string;

  beforeAll(async () => {
    plane = await startControlPlane({
      settings: { ALLOWED_VPC_IDS: SEED.vpcId, REQUEST_SOURCES: 'test.portal' },
    });
    foreignVpcEndpoint = await createOwnEndpoint(plane.ec2, {
      vpcId: SEED.noDnsVpcId,
      subnetId: SEED.noDnsSubnet,
      securityGroupId: SEED.noDnsHttpsGroup,
    });
  });
  afterAll(() => plane.stop());

  async function counts() {
    const { items = [] } = await plane.apiGateway.send(new GetRestApisCommand({ limit: 500 }));
    const { VpcEndpoints = [] } = await plane.ec2.send(new DescribeVpcEndpointsCommand({}));
    return { apis: items.length, endpoints: VpcEndpoints.length };
  }

  it('rejects at intake a request whose policy would admit a VPC the stage does not serve', async () => {
    // Act
    await plane.submit(
      createRequest('allow-vpc-1', 'allow-vpc', { access: { allowedVpcIds: [SEED.noDnsVpcId] } }),
    );
    const record = await plane.waitForStatus('allow-vpc-1');

    // Assess
    expect(record.status).toBe('REJECTED');
    expect(record.reasons).toEqual([
      { field: 'access.allowedVpcIds[0]', message: expect.stringContaining(SEED.noDnsVpcId) },
    ]);
  });

  it("fails at preflight, creating nothing, a create that associates another VPC's endpoint", async () => {
    // Prepare
    const before = await counts();

    // Act
    await plane.submit(
      createRequest('allow-endpoint-1', 'allow-endpoint', {
        access: { allowedVpcIds: [SEED.vpcId], associatedVpcEndpointIds: [foreignVpcEndpoint] },
      }),
    );
    const record = await plane.waitForStatus('allow-endpoint-1');

    // Assess
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatchObject({
      step: 'preflight',
      name: 'VpcEndpointNotAllowedError',
      message: expect.stringContaining(`${foreignVpcEndpoint} is in ${SEED.noDnsVpcId}`),
    });
    expect(await counts()).toEqual(before);
  });

  it("fails an update that would associate another VPC's endpoint, and leaves the API as it was", async () => {
    // Prepare
    await plane.submit(createRequest('allow-update-create', 'allow-update'));
    const created = await plane.waitForStatus('allow-update-create');
    expect(created.status).toBe('SUCCEEDED');
    const apiId = String(created.outputs?.apiId);
    const policyBefore = (await plane.apiGateway.send(new GetRestApiCommand({ restApiId: apiId }))).policy;

    // Act
    await plane.submit({
      ...createRequest('allow-update-1', 'allow-update', {
        access: { associatedVpcEndpointIds: [foreignVpcEndpoint] },
      }),
      action: 'update',
    });
    const record = await plane.waitForStatus('allow-update-1');

    // Assess
    expect(record.error).toMatchObject({ step: 'preflight', name: 'VpcEndpointNotAllowedError' });
    const api = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: apiId }));
    expect(api.policy).toBe(policyBefore);
    expect(policyAdmits(api.policy, { vpcEndpointId: foreignVpcEndpoint })).toBe(false);
    expect(api.endpointConfiguration?.vpcEndpointIds).toEqual([created.outputs?.vpcEndpointId]);
    expect(await plane.store.getManagedApi('allow-update')).toMatchObject({ state: 'ACTIVE' });
  });

  it.each([
    ['network.vpcEndpointId', { network: { vpcEndpointId: 'vpce-0ddddddddddddddd4', privateDns: false } }],
    [
      'access.associatedVpcEndpointIds[0]',
      { access: { associatedVpcEndpointIds: ['vpce-0ddddddddddddddd4'] } },
    ],
  ])(
    'fails at preflight, creating nothing, when %s names an endpoint that does not exist',
    async (field, overrides) => {
      // Prepare
      const before = await counts();
      const requestId = `missing-endpoint-${field.length}`;

      // Act
      await plane.submit(createRequest(requestId, requestId, overrides));
      const record = await plane.waitForStatus(requestId);

      // Assess
      expect(record.error).toMatchObject({
        step: 'preflight',
        name: 'VpcEndpointNotUsableError',
        message: expect.stringContaining(`${field}: vpce-0ddddddddddddddd4 does not exist`),
      });
      expect(await counts()).toEqual(before);
    },
  );

  it('takes requests only from the sources the stage serves', async () => {
    // Prepare: the same request from a source the stage does not name
    const { Entries = [] } = await plane.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: plane.deployed.eventBusName,
            Source: 'rogue.portal',
            DetailType: 'PrivateApiRequest',
            Detail: JSON.stringify(createRequest('rogue-source-1', 'rogue-source')),
          },
        ],
      }),
    );
    const rogueEventId = Entries[0]?.EventId;

    // Act: a request from the stage's source, delivered after it
    await plane.submit(createRequest('served-source-1', 'served-source'));
    await plane.waitForStatus('served-source-1');

    // Assess: the rogue event reached the bus, was never handed to intake, and left no record
    expect(rogueEventId).toBeDefined();
    const { deliveries } = (await plane.cloud.control('events', 'list-deliveries', {
      rule: controlPlaneNames('local').intakeRuleName,
    })) as { deliveries: { eventId: string }[] };
    expect(deliveries.map((delivery) => delivery.eventId)).not.toContain(rogueEventId);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(await plane.store.getRequest('rogue-source-1')).toBeUndefined();
  });
});
