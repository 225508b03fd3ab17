import type { ApiGatewayOperations } from '../aws/api-gateway';

export interface DeployStageDeps {
  readonly apiGateway: Pick<
    ApiGatewayOperations,
    'findDeploymentByDescription' | 'createDeployment' | 'stageDeploymentId' | 'pointStage' | 'deleteStage'
  >;
}

/** The deployment's description names the request and the reason: how a re-run finds its own deployment. */
export const deploymentDescription = (requestId: string, reason: string) => `papi ${requestId} ${reason}`;

/**
 * Deploys the API to its stage (after the policy and the association, so both take effect:
 * AWS-FACTS). Safe to run twice: a deployment this request made for this reason is found by its
 * description and the stage pointed at it, instead of spending another CreateDeployment
 * (1 per 5 s per account).
 */
export async function deployStage(
  input: {
    requestId: string;
    restApiId: string;
    stageName: string;
    reason: string;
    /** The stage an update renames away from: removed once the new one is deployed. */
    previousStageName?: string | null;
  },
  deps: DeployStageDeps,
): Promise<{ deploymentId: string; created: boolean }> {
  const { requestId, restApiId, stageName, reason, previousStageName } = input;
  const description = deploymentDescription(requestId, reason);
  const existing = await deps.apiGateway.findDeploymentByDescription(restApiId, description);
  let result: { deploymentId: string; created: boolean };
  if (existing === undefined) {
    result = {
      deploymentId: await deps.apiGateway.createDeployment(restApiId, stageName, description),
      created: true,
    };
  } else {
    const current = await deps.apiGateway.stageDeploymentId(restApiId, stageName);
    if (current !== existing)
      await deps.apiGateway.pointStage(restApiId, stageName, existing, current !== undefined);
    result = { deploymentId: existing, created: false };
  }
  if (previousStageName && previousStageName !== stageName) {
    await deps.apiGateway.deleteStage(restApiId, previousStageName);
  }
  return result;
}
