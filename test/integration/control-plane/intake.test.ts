import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { createRequest } from './fixtures';

describe('intake', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    plane = await startControlPlane();
  });
  afterAll(() => plane.stop());

  async function nothingCreated() {
    const { items = [] } = await plane.apiGateway.send(new GetRestApisCommand({}));
    const { VpcEndpoints = [] } = await plane.ec2.send(new DescribeVpcEndpointsCommand({}));
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    return { apis: items.length, endpoints: VpcEndpoints.length, executions: executions.length };
  }

  it('rejects an invalid request with every field-level reason and creates nothing', async () => {
    // Prepare
    const request = {
      ...createRequest('bad-1', 'Orders_Prod'),
      network: {
        vpcId: 'vpc-nope',
        subnetIds: [],
        securityGroupIds: ['sg-0a1b2c3d4e5f60443'],
        colour: 'blue',
      },
    };

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('bad-1', ['REJECTED']);

    // Assess
    const fields = record.reasons?.map((reason) => reason.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['apiKey', 'network.vpcId', 'network.subnetIds']));
    expect(record.reasons?.find((reason) => reason.field === 'network.vpcId')?.message).toMatch(/vpc-/);
    expect(fields.some((field) => field.includes('colour'))).toBe(true);
    expect(await nothingCreated()).toEqual({ apis: 0, endpoints: 0, executions: 0 });
    const events = await plane.publishedEvents<{ requestId: string; reasons: unknown[] }>(
      'PrivateApiRequestRejected',
    );
    expect(events.find((event) => event.detail.requestId === 'bad-1')?.detail.reasons.length).toBe(
      fields.length,
    );
  });

  it('files a rejection under the event id when the requestId itself is unusable', async () => {
    // Act
    const eventId = await plane.submit({ requestId: 'no spaces allowed', action: 'create' });
    const record = await plane.waitForStatus(`rejected-${eventId}`.slice(0, 64), ['REJECTED']);

    // Assess
    expect(record.reasons?.map((reason) => reason.field)).toEqual(
      expect.arrayContaining(['requestId', 'apiKey']),
    );
  });

  it('never sees a detail that is not a JSON object: the bus refuses it', async () => {
    // Act / Assess: EventBridge answers MalformedDetail, so intake gets nothing to crash on
    await expect(plane.submit('just a string')).rejects.toThrow(/MalformedDetail/);
    await expect(plane.submit([1, 2, 3])).rejects.toThrow(/MalformedDetail/);
  });

  it.each([
    ['a string detail', 'just a string'],
    ['a null detail', null],
    ['an array detail', [1, 2, 3]],
    ['no detail at all', undefined],
  ])('files a rejection without crashing when invoked directly with %s', async (_what, detail) => {
    // Prepare: an envelope that did not come through the bus (a replay, a test event, a bug)
    const envelope = {
      id: `direct-${String(_what).replaceAll(' ', '-')}`,
      account: '000000000000',
      'detail-type': 'PrivateApiRequest',
      detail,
    };

    // Act
    const result = await plane.cloud.services.lambda.invoke('papi-local-intake', envelope);

    // Assess
    expect(result.functionError).toBeUndefined();
    const record = await plane.waitForStatus(`rejected-${envelope.id}`, ['REJECTED']);
    expect(record.reasons?.length).toBeGreaterThan(0);
  });

  it('refuses the same requestId with different content and keeps the first record', async () => {
    // Prepare
    await plane.submit({ ...createRequest('same-id', 'first-key'), network: { vpcId: 'vpc-bad' } });
    const first = await plane.waitForStatus('same-id', ['REJECTED']);

    // Act
    await plane.submit(createRequest('same-id', 'second-key'));
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Assess
    const after = await plane.store.getRequest('same-id');
    expect(after).toEqual(first);
    const events = await plane.publishedEvents<{ requestId: string; reasons: { message: string }[] }>(
      'PrivateApiRequestRejected',
    );
    expect(
      events.some(
        (event) =>
          event.detail.requestId === 'same-id' &&
          event.detail.reasons.some((reason) => /already used for a different request/.test(reason.message)),
      ),
    ).toBe(true);
  });

  it('refuses a create for an apiKey another request manages', async () => {
    // Prepare
    await plane.submit(createRequest('owner-1', 'owned-key'));
    await plane.waitForStatus('owner-1', ['IN_PROGRESS', 'SUCCEEDED', 'FAILED']);

    // Act
    await plane.submit(createRequest('intruder-1', 'owned-key'));
    const record = await plane.waitForStatus('intruder-1', ['REJECTED']);

    // Assess
    expect(record.reasons?.[0]).toMatchObject({ field: 'apiKey' });
    expect(record.reasons?.[0]?.message).toMatch(/already managed.*owner-1.*update/);
    expect((await plane.waitForStatus('owner-1')).status).toBe('SUCCEEDED');
  });
});
