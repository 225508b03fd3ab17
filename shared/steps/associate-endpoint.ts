import type { ApiGatewayOperations } from '../aws/api-gateway';
import type { Ec2Operations } from '../aws/ec2';
import {
  AssociationNotAppliedError,
  RestApiNotFoundError,
  VpcEndpointBusyError,
  VpcEndpointMismatchError,
} from '../errors';
import type { EndpointUse } from './ensure-endpoint';
import { executeApiServiceName } from './ensure-endpoint';

export interface AssociateEndpointDeps {
  readonly apiGateway: Pick<
    ApiGatewayOperations,
    'getRestApi' | 'addEndpointAssociation' | 'removeEndpointAssociation'
  >;
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint'>;
  readonly region: string;
  /** Records the API as a user of an extra associated endpoint, so that it is not deleted under it. */
  readonly registerUse: (use: EndpointUse) => Promise<boolean>;
}

export interface AssociationResult {
  readonly associated: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** The endpoints whose aliases the DNS step must see resolve: the added ones, else the primary. */
  readonly check: readonly string[];
}

/**
 * Makes the API's endpoint associations exactly the primary endpoint plus the request's
 * associated ones: adds the missing (API Gateway then creates their `{api-id}-{vpce-id}`
 * aliases), removes the others (their aliases go), and checks the result. An extra endpoint must
 * be an execute-api interface endpoint of this account and Region. Safe to run twice.
 */
export async function associateEndpoints(
  input: { restApiId: string; primaryEndpointId: string; associatedEndpointIds: readonly string[] },
  deps: AssociateEndpointDeps,
): Promise<AssociationResult> {
  const { restApiId, primaryEndpointId } = input;
  const desired = [...new Set([primaryEndpointId, ...input.associatedEndpointIds])];
  for (const vpcEndpointId of desired.filter((id) => id !== primaryEndpointId)) {
    const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
    if (!endpoint || endpoint.serviceName !== executeApiServiceName(deps.region)) {
      throw new VpcEndpointMismatchError(
        `access.associatedVpcEndpointIds: ${vpcEndpointId} ${endpoint ? `is for ${endpoint.serviceName}` : 'does not exist'}: ` +
          'name execute-api interface endpoints of this account and Region',
      );
    }
    // Registered as not made here: a tag says nothing about who made an endpoint, and the
    // registry keeps `createdByControlPlane` of an endpoint the control plane did make.
    const registered = await deps.registerUse({
      vpcEndpointId,
      vpcId: endpoint.vpcId,
      createdByControlPlane: false,
    });
    if (!registered) {
      throw new VpcEndpointBusyError(
        `VPC endpoint ${vpcEndpointId} is being deleted: it cannot be associated`,
      );
    }
  }
  const api = await deps.apiGateway.getRestApi(restApiId);
  if (!api) throw new RestApiNotFoundError(`REST API ${restApiId} no longer exists`);
  const added = desired.filter((id) => !api.vpcEndpointIds.includes(id));
  const removed = api.vpcEndpointIds.filter((id) => !desired.includes(id));
  for (const vpcEndpointId of added) await deps.apiGateway.addEndpointAssociation(restApiId, vpcEndpointId);
  for (const vpcEndpointId of removed)
    await deps.apiGateway.removeEndpointAssociation(restApiId, vpcEndpointId);
  if (added.length > 0 || removed.length > 0) {
    const after = await deps.apiGateway.getRestApi(restApiId);
    const actual = after?.vpcEndpointIds ?? [];
    if (desired.some((id) => !actual.includes(id)) || actual.some((id) => !desired.includes(id))) {
      throw new AssociationNotAppliedError(
        `UpdateRestApi answered, but ${restApiId} is associated with [${actual.join(', ')}], not [${desired.join(', ')}]`,
      );
    }
  }
  return { associated: desired, added, removed, check: added.length > 0 ? added : [primaryEndpointId] };
}
