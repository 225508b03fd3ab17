import { badRequest, limitExceeded } from './errors';
import { MAX_PRIVATE_APIS_PER_REGION } from './limits';
import { ENDPOINT_TYPES, type EndpointType, type RestApiRecord } from './model';
import type { ApiGatewayStore } from './store';

/** AWS's wording when vpcEndpointIds are given to an EDGE or REGIONAL API. */
export const VPC_ENDPOINTS_NEED_PRIVATE = 'VPCEndpoints can only be specified with PRIVATE apis.';

const VPC_ENDPOINT_ID = /^vpce-[0-9a-z]{1,32}$/;

export function isEndpointType(value: string): value is EndpointType {
  return (ENDPOINT_TYPES as readonly string[]).includes(value);
}

/** The one endpoint type of a new API: EDGE when none is given; a REST API has exactly one. */
export function endpointTypeOf(types: readonly string[] | undefined, input: string): EndpointType {
  if (types === undefined || types.length === 0) return 'EDGE';
  if (types.length > 1) throw badRequest('Cannot create an api with multiple Endpoint Types.');
  const [type] = types;
  if (type === undefined || !isEndpointType(type)) {
    throw badRequest(
      `1 validation error detected: Value '[${types.join(', ')}]' at '${input}.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy enum value set: [REGIONAL, EDGE, PRIVATE]`,
    );
  }
  return type;
}

/** Checks the form of a VPC endpoint id. Existence is not checked: the endpoint may be another account's. */
export function assertVpcEndpointId(vpcEndpointId: string): void {
  if (!VPC_ENDPOINT_ID.test(vpcEndpointId)) {
    throw badRequest(`Invalid VPC endpoint id specified: ${vpcEndpointId}`);
  }
}

/**
 * Associates VPC endpoints with a private API, recording the simulated time of each new
 * association (its Route 53 alias propagates from then). An endpoint already associated keeps
 * its original time: vpcEndpointIds is a set, so adding it again changes nothing (see
 * patchVpcEndpointIds in rest-api-patch.ts for why this is a no-op and not an error).
 */
export function associate(api: RestApiRecord, vpcEndpointIds: readonly string[], nowMs: number): void {
  if (vpcEndpointIds.length > 0 && api.endpointType !== 'PRIVATE')
    throw badRequest(VPC_ENDPOINTS_NEED_PRIVATE);
  for (const vpcEndpointId of vpcEndpointIds) {
    assertVpcEndpointId(vpcEndpointId);
    if (!api.associations.some((association) => association.vpcEndpointId === vpcEndpointId)) {
      api.associations.push({ vpcEndpointId, associatedAtMs: nowMs });
    }
  }
}

/** Removes an association; false when the endpoint was not associated. */
export function disassociate(api: RestApiRecord, vpcEndpointId: string): boolean {
  const before = api.associations.length;
  api.associations = api.associations.filter((association) => association.vpcEndpointId !== vpcEndpointId);
  return api.associations.length < before;
}

/** AWS-FACTS: 600 private REST APIs per Region. */
export function assertPrivateApiQuota(store: ApiGatewayStore, region: string): void {
  const privateApis = store.inRegion(region).filter((api) => api.endpointType === 'PRIVATE').length;
  if (privateApis >= MAX_PRIVATE_APIS_PER_REGION) {
    throw limitExceeded(
      `Maximum number of private APIs (${MAX_PRIVATE_APIS_PER_REGION}) has been reached. Please contact AWS if you need additional private APIs.`,
    );
  }
}
