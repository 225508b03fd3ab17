import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../../../../local/core/aws-error';
import { Clock } from '../../../../local/core/clock';
import type { CloudRequest } from '../../../../local/core/types';
import { createEc2Service, type Ec2Service, loadSeed } from '../../../../local/services/ec2';

const VPC = 'vpc-0f1e2d3c4b5a69781';
const SUBNET_A = 'subnet-0a1b2c3d4e5f60001';
const SUBNET_B = 'subnet-0a1b2c3d4e5f60002';
const AVAILABLE_AFTER_MS = 60_000;

function request(body: string, region = 'us-east-1'): CloudRequest {
  const headers: IncomingHttpHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers,
    body: Buffer.from(`${body}&Version=2016-11-15`),
    region,
    accountId: '000000000000',
    service: 'ec2',
    requestId: 'request-1',
  };
}

async function call(service: Ec2Service, body: string): Promise<string> {
  const req = request(body);
  const operation = service.operationOf(req);
  if (operation instanceof AwsError) throw operation;
  const response = await service.handle(req, operation);
  return String(response.body);
}

function newService(clock = new Clock(1)): Ec2Service {
  return createEc2Service(
    { clock, accountId: '000000000000', defaultRegion: 'us-east-1' },
    { seed: loadSeed(), endpointAvailableAfterMs: AVAILABLE_AFTER_MS },
  );
}

const createBody = `Action=CreateVpcEndpoint&VpcId=${VPC}&ServiceName=com.amazonaws.us-east-1.execute-api&VpcEndpointType=Interface&SubnetId.1=${SUBNET_B}&SubnetId.2=${SUBNET_A}`;

function endpointIdIn(xml: string): string {
  const id = /<vpcEndpointId>(vpce-[0-9a-f]+)<\/vpcEndpointId>/.exec(xml)?.[1];
  if (!id) throw new Error(`no endpoint id in ${xml}`);
  return id;
}

describe('local EC2 service', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers InvalidAction for an unknown Action before any work is done', () => {
    // Prepare
    const service = newService();

    // Act
    const operation = service.operationOf(request('Action=RunInstances'));

    // Assess
    expect(operation).toBeInstanceOf(AwsError);
    expect(operation).toMatchObject({ code: 'InvalidAction', status: 400 });
  });

  it('renders errors as EC2 XML with the status of the error', () => {
    // Prepare
    const service = newService();
    const throttled = new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);

    // Act
    const response = service.errorResponse(throttled, request('Action=DescribeVpcs'));

    // Assess
    expect(response.status).toBe(503);
    expect(String(response.body)).toContain(
      '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>request-1</RequestID></Response>',
    );
  });

  it('shows the view an endpoint in zone order, zonal names matching addresses, once available', async () => {
    // Prepare
    const clock = new Clock(1);
    const service = newService(clock);
    const id = endpointIdIn(await call(service, createBody));

    // Act
    const pending = service.view.vpcEndpoints()[0];
    jest.spyOn(clock, 'now').mockReturnValue(Date.now() + AVAILABLE_AFTER_MS + 1000);
    const available = service.view.vpcEndpoints()[0];

    // Assess
    expect(pending).toMatchObject({ vpcEndpointId: id, state: 'pending', privateDnsEnabled: true });
    expect(available?.state).toBe('available');
    expect(available?.ipAddresses[0]).toMatch(/^10\.20\.1\./);
    expect(available?.ipAddresses[1]).toMatch(/^10\.20\.2\./);
    expect(available?.dnsNames[1]).toMatch(/-us-east-1a\.execute-api\.us-east-1\.vpce\.amazonaws\.com$/);
    expect(available?.dnsNames[2]).toMatch(/-us-east-1b\.execute-api\.us-east-1\.vpce\.amazonaws\.com$/);
  });

  it('keeps endpoints, their interfaces and tags across snapshot and restore', async () => {
    // Prepare
    const first = newService();
    const id = endpointIdIn(
      await call(
        first,
        `${createBody}&TagSpecification.1.ResourceType=vpc-endpoint&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=kept`,
      ),
    );
    await call(first, `Action=ModifyVpcAttribute&VpcId=vpc-0f1e2d3c4b5a69782&EnableDnsSupport.Value=true`);

    // Act
    const second = newService();
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    const described = await call(second, `Action=DescribeVpcEndpoints&VpcEndpointId.1=${id}`);
    const attribute = await call(
      second,
      'Action=DescribeVpcAttribute&VpcId=vpc-0f1e2d3c4b5a69782&Attribute=enableDnsSupport',
    );

    // Assess
    expect(described).toContain(`<vpcEndpointId>${id}</vpcEndpointId>`);
    expect(described).toContain('<key>Name</key><value>kept</value>');
    expect(described.match(/<item>eni-[0-9a-f]{17}<\/item>/g)).toHaveLength(2);
    expect(attribute).toContain('<enableDnsSupport><value>true</value></enableDnsSupport>');
  });

  it('rejects a state file that is not an EC2 snapshot, naming the field', () => {
    // Prepare
    const service = newService();

    // Act
    const restore = () => service.restore({ version: 1, vpcs: 'nope' });

    // Assess
    expect(restore).toThrow(/vpcs/);
  });

  it('answers a DryRun with DryRunOperation and does nothing', async () => {
    // Prepare
    const service = newService();

    // Act
    const attempt = call(service, `${createBody}&DryRun=true`);

    // Assess
    await expect(attempt).rejects.toMatchObject({ code: 'DryRunOperation', status: 412 });
    expect(service.view.vpcEndpoints()).toHaveLength(0);
  });
});
