import { Resolver } from 'node:dns/promises';
import { GetRestApiCommand, GetStageCommand } from '@aws-sdk/client-api-gateway';
import { DescribeNetworkInterfacesCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { dnsResolver } from '../../../shared/aws/dns-resolver';
import { aliasHostname, privateDnsHostname } from '../../../shared/naming';
import { policyAdmits } from '../../../shared/policy';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { apisTagged, createRequest, SEED } from './fixtures';

interface Outputs {
  apiId: string;
  vpcEndpointId: string;
  stageName: string;
  endpointCreated: boolean;
  invokeUrls: {
    privateDns?: string;
    alias: string;
    endpoint: { url: string; headers: Record<string, string> };
  };
}

describe('provisioning a private API from a request event', () => {
  let plane: ControlPlaneHarness;
  let resolver: Resolver;

  beforeAll(async () => {
    plane = await startControlPlane();
    resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${plane.cloud.dnsPort}`]);
  });
  afterAll(() => plane.stop());

  it('makes a private API reachable through a new endpoint and proves the alias resolves', async () => {
    // Prepare
    const request = createRequest('happy-1', 'orders-happy');

    // Act
    await plane.submit(request);
    const record = await plane.waitForStatus('happy-1');

    // Assess: the record
    expect(record.status).toBe('SUCCEEDED');
    const outputs = record.outputs as unknown as Outputs;
    expect(outputs.endpointCreated).toBe(true);
    expect(record.steps.map((entry) => entry.step)).toEqual(
      expect.arrayContaining([
        'preflight',
        'ensure-endpoint',
        'create-api',
        'attach-policy',
        'associate-endpoint',
        'deploy-stage',
        'check-dns',
      ]),
    );
    // Assess: the API as AWS sees it
    const api = await plane.apiGateway.send(new GetRestApiCommand({ restApiId: outputs.apiId }));
    expect(api.endpointConfiguration?.types).toEqual(['PRIVATE']);
    expect(api.endpointConfiguration?.vpcEndpointIds).toEqual([outputs.vpcEndpointId]);
    expect(policyAdmits(api.policy, { vpcEndpointId: outputs.vpcEndpointId })).toBe(true);
    expect(policyAdmits(api.policy, { vpcEndpointId: 'vpce-0aaaaaaaaaaaaaaaa' })).toBe(false);
    expect(policyAdmits(api.policy, { vpcId: SEED.noDnsVpcId })).toBe(false);
    const stage = await plane.apiGateway.send(
      new GetStageCommand({ restApiId: outputs.apiId, stageName: 'v1' }),
    );
    expect(stage.deploymentId).toBeTruthy();
    // Assess: DNS answers with the endpoint's addresses
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [outputs.vpcEndpointId] }),
    );
    const { NetworkInterfaces = [] } = await plane.ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoints[0]?.NetworkInterfaceIds }),
    );
    const eniAddresses = NetworkInterfaces.map((eni) => eni.PrivateIpAddress).sort();
    expect(eniAddresses).toHaveLength(2);
    expect(
      (await resolver.resolve4(aliasHostname(outputs.apiId, outputs.vpcEndpointId, 'us-east-1'))).sort(),
    ).toEqual(eniAddresses);
    // The private DNS name resolves only inside the VPC (asked as from 10.20.3.3, an address of
    // the seed's VPC): from outside every VPC it does not exist.
    const fromTheVpc = await dnsResolver([`127.0.0.1:${plane.cloud.dnsPort}`])(
      privateDnsHostname(outputs.apiId, 'us-east-1'),
      { asSeenFrom: '10.20.3.3' },
    );
    expect(fromTheVpc === 'nxdomain' ? fromTheVpc : [...fromTheVpc].sort()).toEqual(eniAddresses);
    await expect(resolver.resolve4(privateDnsHostname(outputs.apiId, 'us-east-1'))).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    // Assess: the three invoke URL forms
    expect(outputs.invokeUrls.privateDns).toBe(
      `https://${outputs.apiId}.execute-api.us-east-1.amazonaws.com/v1`,
    );
    expect(outputs.invokeUrls.alias).toBe(
      `https://${outputs.apiId}-${outputs.vpcEndpointId}.execute-api.us-east-1.amazonaws.com/v1`,
    );
    expect(outputs.invokeUrls.endpoint.url).toMatch(
      new RegExp(
        `^https://${outputs.vpcEndpointId}-[a-z0-9]+\\.execute-api\\.us-east-1\\.vpce\\.amazonaws\\.com/v1$`,
      ),
    );
    expect(outputs.invokeUrls.endpoint.headers).toEqual({ 'x-apigw-api-id': outputs.apiId });
    // Assess: the managed-API record and the event
    const managed = await plane.store.getManagedApi('orders-happy');
    expect(managed).toMatchObject({
      state: 'ACTIVE',
      apiId: outputs.apiId,
      vpcEndpointId: outputs.vpcEndpointId,
    });
    const events = await plane.publishedEvents<{ requestId: string }>('PrivateApiProvisioned');
    expect(events.map((event) => event.detail.requestId)).toContain('happy-1');
  });

  it('shares the endpoint of the VPC with a second API', async () => {
    // Prepare
    const first = await plane.waitForStatus('happy-1');

    // Act
    await plane.submit(createRequest('share-2', 'orders-share'));
    const second = await plane.waitForStatus('share-2');

    // Assess
    expect(second.status).toBe('SUCCEEDED');
    expect(second.outputs?.vpcEndpointId).toBe(first.outputs?.vpcEndpointId);
    expect(second.outputs?.endpointCreated).toBe(false);
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.vpcId] }] }),
    );
    expect(VpcEndpoints).toHaveLength(1);
  });

  it('uses the endpoint the request names and leaves the private DNS name out when privateDns is false', async () => {
    // Prepare: the VPC's endpoint, named explicitly
    const first = await plane.waitForStatus('happy-1');
    const vpcEndpointId = String(first.outputs?.vpcEndpointId);

    // Act
    await plane.submit(
      createRequest('given-3', 'orders-given', { network: { vpcEndpointId, privateDns: false } }),
    );
    const record = await plane.waitForStatus('given-3');

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    const outputs = record.outputs as unknown as Outputs;
    expect(outputs.vpcEndpointId).toBe(vpcEndpointId);
    expect(outputs.endpointCreated).toBe(false);
    expect(outputs.invokeUrls.privateDns).toBeUndefined();
  });

  it('runs one execution and makes one API when the same event is delivered twice', async () => {
    // Prepare
    const request = createRequest('dup-4', 'orders-dup');

    // Act
    await Promise.all([plane.submit(request), plane.submit(request)]);
    const record = await plane.waitForStatus('dup-4');
    await plane.submit(request); // a late third delivery after the end

    // Assess
    expect(record.status).toBe('SUCCEEDED');
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    expect(executions.filter((execution) => execution.name === 'papi-dup-4')).toHaveLength(1);
    expect(await apisTagged(plane.apiGateway, 'orders-dup')).toHaveLength(1);
    expect((await plane.store.getRequest('dup-4'))?.status).toBe('SUCCEEDED');
  });
});
