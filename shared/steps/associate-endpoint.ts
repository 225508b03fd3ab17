import type { ApiGatewayOperations } from '../aws/api-gateway';
import { AssociationNotAppliedError, RestApiNotFoundError } from '../errors';

export interface AssociateEndpointDeps {
  readonly apiGateway: Pick<ApiGatewayOperations, 'getRestApi' | 'addEndpointAssociation'>;
}

/**
 * Associates the endpoint with the API (which makes API Gateway create the
 * `{api-id}-{vpce-id}` alias), unless it already is, and checks that it took.
 */
export async function associateEndpoint(
  input: { restApiId: string; vpcEndpointId: string },
  deps: AssociateEndpointDeps,
): Promise<{ changed: boolean }> {
  const { restApiId, vpcEndpointId } = input;
  const api = await deps.apiGateway.getRestApi(restApiId);
  if (!api) throw new RestApiNotFoundError(`REST API ${restApiId} no longer exists`);
  if (api.vpcEndpointIds.includes(vpcEndpointId)) return { changed: false };
  await deps.apiGateway.addEndpointAssociation(restApiId, vpcEndpointId);
  const after = await deps.apiGateway.getRestApi(restApiId);
  if (!after?.vpcEndpointIds.includes(vpcEndpointId)) {
    throw new AssociationNotAppliedError(
      `UpdateRestApi answered, but ${vpcEndpointId} is not among the endpoints of ${restApiId}`,
    );
  }
  return { changed: true };
}
