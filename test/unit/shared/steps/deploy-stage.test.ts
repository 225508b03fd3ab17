import { type DeployStageDeps, deployStage } from '../../../../shared/steps/deploy-stage';
import { FakeApiGateway } from './fakes/fake-api-gateway';

const REQUEST_ID = 'req-0001';
const STAGE = 'v1';

describe('deployStage', () => {
  let apiGateway: FakeApiGateway;
  let deps: DeployStageDeps;

  beforeEach(() => {
    apiGateway = new FakeApiGateway();
    deps = { apiGateway };
  });

  it('creates a deployment described by the request and the reason, on the stage', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();

    // Act
    const result = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' },
      deps,
    );

    // Assess
    expect(result).toEqual({ deploymentId: expect.any(String), created: true });
    const api = apiGateway.api(restApiId);
    expect(api.deployments).toEqual([
      { id: result.deploymentId, description: `papi ${REQUEST_ID} provision` },
    ]);
    expect(api.stages.get(STAGE)).toBe(result.deploymentId);
  });

  it('reuses the deployment an earlier attempt made and re-points the stage at it', async () => {
    // Prepare: the earlier attempt deployed, then someone deployed again
    const restApiId = apiGateway.seedApi({
      deployments: [
        { id: 'dep0000001', description: `papi ${REQUEST_ID} provision` },
        { id: 'dep0000002', description: 'manual change' },
      ],
      stages: { [STAGE]: 'dep0000002' },
    });

    // Act
    const result = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' },
      deps,
    );

    // Assess
    expect(result).toEqual({ deploymentId: 'dep0000001', created: false });
    expect(apiGateway.api(restApiId).stages.get(STAGE)).toBe('dep0000001');
    expect(apiGateway.operations()).not.toContain('createDeployment');
  });

  it('creates the stage on the found deployment when the stage is missing', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({
      deployments: [{ id: 'dep0000001', description: `papi ${REQUEST_ID} provision` }],
    });

    // Act
    const result = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' },
      deps,
    );

    // Assess
    expect(result).toEqual({ deploymentId: 'dep0000001', created: false });
    expect(apiGateway.api(restApiId).stages.get(STAGE)).toBe('dep0000001');
  });

  it('changes nothing when it runs twice', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    const input = { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' };
    const first = await deployStage(input, deps);

    // Act
    const second = await deployStage(input, deps);

    // Assess
    expect(second).toEqual({ deploymentId: first.deploymentId, created: false });
    expect(apiGateway.api(restApiId).deployments).toHaveLength(1);
    expect(apiGateway.operations().filter((operation) => operation === 'pointStage')).toEqual([]);
  });

  it('deploys anew for another reason of the same request (the redeployment for DNS)', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi();
    const provisioned = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' },
      deps,
    );

    // Act
    const redeployed = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'dns-not-resolving' },
      deps,
    );

    // Assess
    expect(redeployed.created).toBe(true);
    expect(redeployed.deploymentId).not.toBe(provisioned.deploymentId);
    expect(apiGateway.api(restApiId).stages.get(STAGE)).toBe(redeployed.deploymentId);
  });

  it("does not reuse another request's deployment", async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({
      deployments: [{ id: 'dep0000001', description: 'papi req-0000 provision' }],
      stages: { [STAGE]: 'dep0000001' },
    });

    // Act
    const result = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision' },
      deps,
    );

    // Assess
    expect(result.created).toBe(true);
    expect(apiGateway.api(restApiId).stages.get(STAGE)).toBe(result.deploymentId);
  });

  it('removes the stage an update renames away from, once the new stage is deployed', async () => {
    // Prepare
    const restApiId = apiGateway.seedApi({
      deployments: [{ id: 'dep0000001', description: 'papi req-0000 provision' }],
      stages: { v1: 'dep0000001' },
    });

    // Act
    const result = await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: 'v2', reason: 'provision', previousStageName: 'v1' },
      deps,
    );

    // Assess
    const api = apiGateway.api(restApiId);
    expect([...api.stages.entries()]).toEqual([['v2', result.deploymentId]]);
    expect(apiGateway.operations().at(-1)).toBe('deleteStage');
  });

  it.each([
    ['the stage keeps its name', 'v1'],
    ['there is no previous stage', null],
  ])('removes no stage when %s', async (_, previousStageName) => {
    // Prepare
    const restApiId = apiGateway.seedApi({ stages: { v1: 'dep0000001', v0: 'dep0000000' } });

    // Act
    await deployStage(
      { requestId: REQUEST_ID, restApiId, stageName: STAGE, reason: 'provision', previousStageName },
      deps,
    );

    // Assess
    expect([...apiGateway.api(restApiId).stages.keys()].sort()).toEqual(['v0', 'v1']);
    expect(apiGateway.operations()).not.toContain('deleteStage');
  });
});
