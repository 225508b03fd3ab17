import { RestApiNotFoundError } from '../../../../shared/errors';
import { buildResourcePolicy, policyAdmits, serializePolicy } from '../../../../shared/policy';
import { type AttachPolicyDeps, attachPolicy } from '../../../../shared/steps/attach-policy';
import { caught } from './fakes/caught';
import { FakeApiGateway, policyAsApiGatewayReturnsIt } from './fakes/fake-api-gateway';
import { ACCOUNT_ID, NETWORK, REGION, stepRequest } from './fakes/step-request';

const ENDPOINT = 'vpce-0aaaaaaaaaaaaaaa1';
const PARTNER_ENDPOINT = 'vpce-0bbbbbbbbbbbbbbb2';
const PARTNER_VPC = 'vpc-0ccccccccccccccc3';
const STRANGER_ENDPOINT = 'vpce-0ddddddddddddddd4';

describe('attachPolicy', () => {
  let apiGateway: FakeApiGateway;
  let deps: AttachPolicyDeps;

  beforeEach(() => {
    apiGateway = new FakeApiGateway();
    deps = { apiGateway, region: REGION, accountId: ACCOUNT_ID };
  });

  it("writes a policy that admits only the request's endpoint when the API has none", async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();

    // Act
    const result = await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps);

    // Assess
    expect(result).toEqual({ changed: true });
    const policy = apiGateway.api(restApiId).summary.policy;
    expect(policyAdmits(policy, { vpcEndpointId: ENDPOINT })).toBe(true);
    expect(policyAdmits(policy, { vpcEndpointId: STRANGER_ENDPOINT, vpcId: NETWORK.vpcId })).toBe(false);
    expect(policyAdmits(policy, {})).toBe(false);
  });

  it('admits the allowed endpoints and VPCs of the request as well', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    const request = stepRequest({
      access: { allowedVpcEndpointIds: [PARTNER_ENDPOINT], allowedVpcIds: [PARTNER_VPC] },
    });

    // Act
    await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request }, deps);

    // Assess
    const policy = apiGateway.api(restApiId).summary.policy;
    expect(policyAdmits(policy, { vpcEndpointId: PARTNER_ENDPOINT })).toBe(true);
    expect(policyAdmits(policy, { vpcEndpointId: STRANGER_ENDPOINT, vpcId: PARTNER_VPC })).toBe(true);
    expect(policyAdmits(policy, { vpcEndpointId: STRANGER_ENDPOINT, vpcId: NETWORK.otherVpcId })).toBe(false);
  });

  it('writes the compact JSON UpdateRestApi takes, with execute-api:/* resources', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();

    // Act
    await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps);

    // Assess
    const [write] = apiGateway.calls.filter((call) => call.operation === 'replacePolicy');
    const text = String(write?.args[1]);
    expect(JSON.parse(text)).toMatchObject({ Version: '2012-10-17' });
    expect(text).not.toMatch(/\s/);
    expect(text).toContain('"Resource":"execute-api:/*"');
  });

  it('writes nothing when the current policy, as API Gateway returns it (escaped, expanded), means the same', async () => {
    // Prepare
    const desired = serializePolicy(
      buildResourcePolicy({
        region: REGION,
        accountId: ACCOUNT_ID,
        vpcEndpointIds: [ENDPOINT],
        allowedVpcIds: [],
      }),
    );
    const restApiId = 'a1b2c3d4e5';
    apiGateway.seedApi({ restApiId, policy: policyAsApiGatewayReturnsIt(desired, restApiId) });

    // Act
    const result = await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps);

    // Assess
    expect(apiGateway.api(restApiId).summary.policy).toContain(
      `arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${restApiId}/*`,
    );
    expect(result).toEqual({ changed: false });
    expect(apiGateway.operations()).toEqual(['getRestApi']);
  });

  it('writes once when it runs twice', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    const input = { restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() };
    await attachPolicy(input, deps);

    // Act
    const second = await attachPolicy(input, deps);

    // Assess
    expect(second).toEqual({ changed: false });
    expect(apiGateway.operations().filter((operation) => operation === 'replacePolicy')).toHaveLength(1);
  });

  it('replaces a policy that admits another endpoint', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    await attachPolicy({ restApiId, vpcEndpointId: STRANGER_ENDPOINT, request: stepRequest() }, deps);

    // Act
    const result = await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps);

    // Assess
    expect(result).toEqual({ changed: true });
    const policy = apiGateway.api(restApiId).summary.policy;
    expect(policyAdmits(policy, { vpcEndpointId: ENDPOINT })).toBe(true);
    expect(policyAdmits(policy, { vpcEndpointId: STRANGER_ENDPOINT })).toBe(false);
  });

  it('replaces a policy that is not JSON', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({ policy: 'not a policy' });

    // Act
    const result = await attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps);

    // Assess
    expect(result).toEqual({ changed: true });
    expect(policyAdmits(apiGateway.api(restApiId).summary.policy, { vpcEndpointId: ENDPOINT })).toBe(true);
  });

  it('fails with RestApiNotFoundError when the API is gone', async () => {
    // Prepare
    const restApiId = 'zzzzzzzzzz';

    // Act
    const error = await caught(
      attachPolicy({ restApiId, vpcEndpointId: ENDPOINT, request: stepRequest() }, deps),
    );

    // Assess
    expect(error).toBeInstanceOf(RestApiNotFoundError);
    expect(error.message).toContain(restApiId);
  });
});
