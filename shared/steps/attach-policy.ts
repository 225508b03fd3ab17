import type { ApiGatewayOperations } from '../aws/api-gateway';
import { RestApiNotFoundError } from '../errors';
import { buildResourcePolicy, policiesEquivalent, serializePolicy } from '../policy';
import type { StepRequest } from './step-input';

export interface AttachPolicyDeps {
  readonly apiGateway: Pick<ApiGatewayOperations, 'getRestApi' | 'replacePolicy'>;
  readonly region: string;
  readonly accountId: string;
}

/**
 * Attaches the Deny-unless resource policy that admits only the request's endpoint and the
 * allowed endpoints and VPCs. The current policy is compared semantically (the service returns
 * `execute-api:/*` expanded): it is written only when it differs, so a re-run changes nothing.
 */
export async function attachPolicy(
  input: { restApiId: string; vpcEndpointId: string; request: StepRequest },
  deps: AttachPolicyDeps,
): Promise<{ changed: boolean }> {
  const { restApiId, vpcEndpointId, request } = input;
  const desired = serializePolicy(
    buildResourcePolicy({
      region: deps.region,
      accountId: deps.accountId,
      restApiId,
      vpcEndpointIds: [
        vpcEndpointId,
        ...request.access.associatedVpcEndpointIds,
        ...request.access.allowedVpcEndpointIds,
      ],
      allowedVpcIds: request.access.allowedVpcIds,
    }),
  );
  const api = await deps.apiGateway.getRestApi(restApiId);
  if (!api) throw new RestApiNotFoundError(`REST API ${restApiId} no longer exists`);
  const scope = { region: deps.region, accountId: deps.accountId, restApiId };
  if (policiesEquivalent(api.policy, desired, scope)) return { changed: false };
  await deps.apiGateway.replacePolicy(restApiId, desired);
  return { changed: true };
}
