import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayClient, CreateRestApiCommand, GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateVpcEndpointCommand, DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { waitForTableActive } from '../../../local/control-plane/deploy';
import { startTestCloud } from '../../support/local-cloud';

describe('the local cloud with --state FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papi-state-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps APIs, endpoints and table items across a restart', async () => {
    // Prepare
    const stateFile = join(dir, 'cloud.json');
    const first = await startTestCloud({ stateFile, quotas: false });
    const apiGateway = new APIGatewayClient(first.clientConfig);
    const ec2 = new EC2Client(first.clientConfig);
    const dynamodb = new DynamoDBClient(first.clientConfig);
    const api = await apiGateway.send(
      new CreateRestApiCommand({ name: 'kept', endpointConfiguration: { types: ['PRIVATE'] } }),
    );
    const { VpcEndpoint } = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcEndpointType: 'Interface',
        VpcId: 'vpc-0f1e2d3c4b5a69781',
        ServiceName: 'com.amazonaws.us-east-1.execute-api',
        SubnetIds: ['subnet-0a1b2c3d4e5f60001'],
        SecurityGroupIds: ['sg-0a1b2c3d4e5f60443'],
      }),
    );
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'kept',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await waitForTableActive(dynamodb, 'kept');
    await dynamodb.send(
      new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'one' }, value: { N: '1' } } }),
    );
    for (const client of [apiGateway, ec2, dynamodb]) client.destroy();

    // Act
    await first.stop();
    const second = await startTestCloud({ stateFile, quotas: false });
    const apiGateway2 = new APIGatewayClient(second.clientConfig);
    const ec2Again = new EC2Client(second.clientConfig);
    const dynamodb2 = new DynamoDBClient(second.clientConfig);
    try {
      // Assess
      expect((await apiGateway2.send(new GetRestApiCommand({ restApiId: api.id }))).name).toBe('kept');
      const { VpcEndpoints = [] } = await ec2Again.send(
        new DescribeVpcEndpointsCommand({ VpcEndpointIds: [VpcEndpoint?.VpcEndpointId ?? ''] }),
      );
      expect(VpcEndpoints).toHaveLength(1);
      const { Item } = await dynamodb2.send(
        new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'one' } } }),
      );
      expect(Item?.value).toEqual({ N: '1' });
    } finally {
      for (const client of [apiGateway2, ec2Again, dynamodb2]) client.destroy();
      await second.stop();
    }
  });
});
