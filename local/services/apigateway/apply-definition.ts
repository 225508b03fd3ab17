import { associate } from './endpoint-configuration';
import type { MethodRecord, ResourceRecord, RestApiRecord } from './model';
import type { ImportedDefinition } from './openapi-import';
import { normalizeResourcePolicy } from './policy';
import { childOf, createChildResource } from './resource-tree';
import type { ApiGatewayStore } from './store';

/** PutRestApi's modes; ImportRestApi applies to a fresh API, which is the same as overwrite. */
export type PutMode = 'merge' | 'overwrite';

/** What applying a definition (PutRestApi, ImportRestApi) or a patch (UpdateRestApi) to an API needs. */
export interface ApplyEnv {
  readonly store: ApiGatewayStore;
  readonly accountId: string;
  readonly nowMs: number;
}

function resourceFor(
  store: ApiGatewayStore,
  api: RestApiRecord,
  root: ResourceRecord,
  pathParts: readonly string[],
): ResourceRecord {
  let resource = root;
  for (const pathPart of pathParts) {
    resource = childOf(api, resource.id, pathPart) ?? createChildResource(store, api, resource, pathPart);
  }
  return resource;
}

function placeMethod(resource: ResourceRecord, method: MethodRecord): void {
  resource.methods[method.httpMethod] = structuredClone({
    ...method,
    integration: method.integration && {
      ...method.integration,
      cacheNamespace: method.integration.cacheNamespace || resource.id,
    },
  });
}

/**
 * Applies an imported definition to a copy of the API and returns the copy (nothing is stored
 * when a step throws).
 *
 * overwrite: the API becomes the definition. Every resource but the root goes, and the resource
 * policy and VPC endpoint associations are replaced by the definition's (cleared when it has
 * none). AWS behaves so: a body-only PutRestApi overwrite wipes a policy attached separately
 * (terraform-provider-aws #49672), and a CloudFormation body update drops VpcEndpointIds
 * (aws-sam-cli #2353).
 *
 * merge: the definition's methods are added or replace existing ones; everything else stays.
 */
export function applyDefinition(
  original: RestApiRecord,
  definition: ImportedDefinition,
  mode: PutMode,
  env: ApplyEnv,
): RestApiRecord {
  const api = structuredClone(original);
  const root = api.resources[api.rootResourceId];
  if (!root) throw new Error(`REST API ${api.id} has no root resource`);
  const policyOf = (policy: string) =>
    normalizeResourcePolicy(policy, { region: api.region, accountId: env.accountId, restApiId: api.id });

  if (mode === 'overwrite') {
    api.resources = { [root.id]: root };
    root.methods = {};
    if (definition.title) api.name = definition.title;
    api.description = definition.description;
    api.policy = definition.policy === undefined ? undefined : policyOf(definition.policy);
    const kept = definition.vpcEndpointIds ?? [];
    api.associations = api.associations.filter((association) => kept.includes(association.vpcEndpointId));
    associate(api, kept, env.nowMs);
  } else {
    if (definition.policy !== undefined) api.policy = policyOf(definition.policy);
    associate(api, definition.vpcEndpointIds ?? [], env.nowMs);
  }
  if (definition.version !== undefined) api.version = definition.version;
  if (definition.binaryMediaTypes !== undefined) api.binaryMediaTypes = [...definition.binaryMediaTypes];
  if (definition.disableExecuteApiEndpoint !== undefined) {
    api.disableExecuteApiEndpoint = definition.disableExecuteApiEndpoint;
  }
  for (const { pathParts, methods } of definition.paths) {
    const resource = resourceFor(env.store, api, root, pathParts);
    for (const method of methods) placeMethod(resource, method);
  }
  return api;
}
