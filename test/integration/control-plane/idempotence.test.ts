import { GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { FaultRuleInput } from '../../../local/core/faults';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { apisTagged, createRequest, SEED } from './fixtures';

/**
 * "A crash after the AWS call": the call takes effect and its answer is lost (a 502 after the
 * side effect), exactly what a Lambda that dies after its call looks like to the next attempt.
 */
const lostAnswer = (service: string, operation: string): FaultRuleInput => ({
  service,
  operation,
  kind: 'error-after',
  status: 502,
  errorCode: 'InternalFailure',
  count: 1,
});

describe('every step is safe to run again after its AWS call succeeded', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    plane = await startControlPlane({ timeScale: 500 });
  });
  afterAll(() => plane.stop());
  afterEach(() => plane.cloud.faults.clear());

  // The first case creates the VPC's endpoint; the others reuse it.
  it.each([
    ['ensure-endpoint', lostAnswer('ec2', 'CreateVpcEndpoint')],
    ['create-api (CreateRestApi)', lostAnswer('apigateway', 'CreateRestApi')],
    ['create-api (PutRestApi)', lostAnswer('apigateway', 'PutRestApi')],
    ['attach-policy and associate-endpoint (UpdateRestApi)', lostAnswer('apigateway', 'UpdateRestApi')],
    ['deploy-stage', lostAnswer('apigateway', 'CreateDeployment')],
    ['intake (StartExecution)', lostAnswer('states', 'StartExecution')],
    ['record-result (PutEvents)', lostAnswer('events', 'PutEvents')],
    ['status writes (UpdateItem)', lostAnswer('dynamodb', 'UpdateItem')],
  ])('creates nothing twice when %s loses its answer', async (_step, fault) => {
    // Prepare
    const apiKey = `crash-${fault.service}-${String(fault.operation).toLowerCase()}`;
    const requestId = `${apiKey}-1`;
    const injected = plane.cloud.faults.add(fault);

    // Act
    await plane.submit(createRequest(requestId, apiKey));
    const record = await plane.waitForStatus(requestId);

    // Assess
    expect(injected.hits).toBe(1);
    expect(record.status).toBe('SUCCEEDED');
    const apis = await apisTagged(plane.apiGateway, apiKey);
    expect(apis).toHaveLength(1);
    const { VpcEndpoints = [] } = await plane.ec2.send(
      new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [SEED.vpcId] }] }),
    );
    expect(VpcEndpoints).toHaveLength(1);
    const deployments = await plane.apiGateway.send(new GetDeploymentsCommand({ restApiId: apis[0]?.id }));
    expect(deployments.items).toHaveLength(1);
    const { executions = [] } = await plane.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: plane.deployed.stateMachineArn }),
    );
    expect(executions.filter((execution) => execution.name === `papi-${requestId}`)).toHaveLength(1);
  });

  it('succeeds through a throttling storm on API Gateway and EC2', async () => {
    // Prepare: a third of all management calls throttled
    plane.cloud.faults.add({ service: 'apigateway', kind: 'throttle', probability: 0.3 });
    plane.cloud.faults.add({ service: 'ec2', kind: 'throttle', probability: 0.3 });

    // Act
    await Promise.all(
      ['storm-a', 'storm-b', 'storm-c'].map((apiKey) => plane.submit(createRequest(`${apiKey}-1`, apiKey))),
    );
    const records = await Promise.all(
      ['storm-a', 'storm-b', 'storm-c'].map((apiKey) =>
        plane.waitForStatus(`${apiKey}-1`, undefined, 120_000),
      ),
    );

    // Assess
    expect(records.map((record) => record.error ?? record.status)).toEqual([
      'SUCCEEDED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    expect(plane.cloud.faults.list().reduce((hits, rule) => hits + rule.hits, 0)).toBeGreaterThan(0);
  });
});
