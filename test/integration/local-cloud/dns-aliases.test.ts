import { Resolver } from 'node:dns/promises';
import {
  APIGatewayClient,
  CreateRestApiCommand,
  DeleteRestApiCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { dnsResolver } from '../../../shared/aws/dns-resolver';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** 60 s for the endpoint and 90 s for the alias take 60 ms and 90 ms of real time. */
const TIME_SCALE = 1000;
const AVAILABLE_AFTER_MS = 60_000;
const ALIAS_PROPAGATION_MS = 90_000;
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
});

/** Settles a lookup that must fail and gives its error code. */
const failureCodeOf = (lookup: Promise<unknown>): Promise<unknown> =>
  lookup.then(
    () => 'resolved',
    (error: unknown) => (typeof error === 'object' && error !== null && 'code' in error ? error.code : error),
  );

describe('local DNS with the real EC2 and API Gateway services', () => {
  let cloud: TestCloud;
  let ec2: EC2Client;
  let apigateway: APIGatewayClient;
  let resolver: Resolver;

  beforeEach(async () => {
    cloud = await startTestCloud({
      timeScale: TIME_SCALE,
      quotas: false,
      endpointAvailableAfterMs: AVAILABLE_AFTER_MS,
      aliasPropagationMs: ALIAS_PROPAGATION_MS,
    });
    ec2 = new EC2Client({ ...cloud.clientConfig, maxAttempts: 1 });
    apigateway = new APIGatewayClient({ ...cloud.clientConfig, maxAttempts: 1 });
    resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([`127.0.0.1:${cloud.dnsPort}`]);
  });

  afterEach(async () => {
    ec2.destroy();
    apigateway.destroy();
    await cloud.stop();
  });

  async function availableEndpoint(privateDnsEnabled: boolean) {
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: 'vpc-0f1e2d3c4b5a69781',
        ServiceName: 'com.amazonaws.us-east-1.execute-api',
        VpcEndpointType: 'Interface',
        SubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
        SecurityGroupIds: ['sg-0a1b2c3d4e5f60443'],
        PrivateDnsEnabled: privateDnsEnabled,
      }),
    );
    const { NetworkInterfaces = [] } = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: VpcEndpoint?.NetworkInterfaceIds }),
    );
    await cloud.clock.sleep(AVAILABLE_AFTER_MS);
    return {
      vpcEndpointId: VpcEndpoint?.VpcEndpointId ?? '',
      addresses: NetworkInterfaces.map((eni) => eni.PrivateIpAddress ?? '').sort(),
    };
  }

  async function privateApi(): Promise<string> {
    const { id } = await apigateway.send(
      new CreateRestApiCommand({
        name: 'dns-test',
        endpointConfiguration: { types: ['PRIVATE'] },
        policy: POLICY,
      }),
    );
    return id ?? '';
  }

  it('resolves an association alias to the endpoint addresses only after propagation, and drops it on disassociation', async () => {
    // Prepare
    const endpoint = await availableEndpoint(false);
    const restApiId = await privateApi();
    const alias = `${restApiId}-${endpoint.vpcEndpointId}.execute-api.us-east-1.amazonaws.com`;
    const patch = (op: 'add' | 'remove') =>
      apigateway.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [
            { op, path: '/endpointConfiguration/vpcEndpointIds', value: endpoint.vpcEndpointId },
          ],
        }),
      );

    // Act
    await patch('add');
    const early = await failureCodeOf(resolver.resolve4(alias));
    await cloud.clock.sleep(ALIAS_PROPAGATION_MS);
    const propagated = (await resolver.resolve4(alias)).sort();
    await patch('remove');
    const removed = await failureCodeOf(resolver.resolve4(alias));

    // Assess
    expect(early).toBe('ENOTFOUND');
    expect(propagated).toEqual(endpoint.addresses);
    expect(removed).toBe('ENOTFOUND');
  });

  it("resolves an API default name inside the endpoint's VPC, for any API id, while the endpoint lives", async () => {
    // Prepare
    const endpoint = await availableEndpoint(true);
    const restApiId = await privateApi();
    const name = `${restApiId}.execute-api.us-east-1.amazonaws.com`;
    const resolve = dnsResolver([`127.0.0.1:${cloud.dnsPort}`]);
    const fromTheVpc = { asSeenFrom: '10.20.1.99' };

    // Act
    const resolved = await resolve(name, fromTheVpc);
    const publicly = await failureCodeOf(resolver.resolve4(name));
    await apigateway.send(new DeleteRestApiCommand({ restApiId }));
    const afterApiDeleted = await resolve(name, fromTheVpc);
    await ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpoint.vpcEndpointId] }));
    const afterEndpointDeleted = await resolve(name, fromTheVpc);

    // Assess
    expect(resolved === 'nxdomain' ? resolved : [...resolved].sort()).toEqual(endpoint.addresses);
    expect(publicly).toBe('ENOTFOUND');
    expect(afterApiDeleted === 'nxdomain' ? afterApiDeleted : [...afterApiDeleted].sort()).toEqual(
      endpoint.addresses,
    );
    expect(afterEndpointDeleted).toBe('nxdomain');
  });

  it('answers the DNS control API over HTTP', async () => {
    // Prepare
    const endpoint = await availableEndpoint(false);

    // Act
    const response = await fetch(`${cloud.endpoint}/_local/dns/status`, { method: 'POST', body: '{}' });
    const status = (await response.json()) as { names: { name: string; addresses: string[] }[] };

    // Assess
    expect(response.status).toBe(200);
    expect(status.names.some((entry) => entry.name.startsWith(`${endpoint.vpcEndpointId}-`))).toBe(true);
  });
});
