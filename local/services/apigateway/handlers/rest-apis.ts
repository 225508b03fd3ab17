import { type ApplyEnv, applyDefinition, type PutMode } from '../apply-definition';
import { assertPrivateApiQuota, associate, endpointTypeOf, isEndpointType } from '../endpoint-configuration';
import { badRequest } from '../errors';
import type { EndpointType, RestApiRecord } from '../model';
import { parseApiDefinition } from '../openapi-import';
import { pageOf } from '../paging';
import { readPatchOperations } from '../patch-operations';
import { normalizeResourcePolicy } from '../policy';
import { emptyResponse, jsonResponse, restApiJson } from '../render';
import { type ApiCall, BodyReader, jsonBody, label } from '../request';
import { newRootResource } from '../resource-tree';
import { apiKeySourceOf, applyRestApiPatch, assertMinimumCompressionSize } from '../rest-api-patch';
import { mergeTags } from '../tags';
import type { Handler, ServiceState } from './handler';

const CREATE_INPUT = 'createRestApiInput';

/** A new API with its root resource `/`; not stored yet. */
function newRestApi(
  state: ServiceState,
  region: string,
  name: string,
  endpointType: EndpointType,
): RestApiRecord {
  const root = newRootResource(state.store);
  return {
    id: state.store.newId(),
    seq: state.store.nextSeq(),
    region,
    name,
    createdDateMs: state.clock.now(),
    binaryMediaTypes: [],
    apiKeySource: 'HEADER',
    endpointType,
    associations: [],
    tags: {},
    disableExecuteApiEndpoint: false,
    rootResourceId: root.id,
    resources: { [root.id]: root },
    deployments: {},
    stages: {},
  };
}

const applyEnv = (state: ServiceState): ApplyEnv => ({
  store: state.store,
  accountId: state.accountId,
  nowMs: state.clock.now(),
});

export const createRestApi: Handler = (state, call) => {
  const body = new BodyReader(jsonBody(call.req), CREATE_INPUT);
  const name = body.requiredString('name');
  if (name.trim() === '') throw badRequest('Invalid REST API name specified');
  if (body.has('cloneFrom')) throw badRequest('cloneFrom is not supported by the local cloud');
  const endpointConfiguration = new BodyReader(body.object('endpointConfiguration') ?? {}, CREATE_INPUT);
  const endpointType = endpointTypeOf(endpointConfiguration.stringList('types'), CREATE_INPUT);
  if (endpointType === 'PRIVATE') assertPrivateApiQuota(state.store, call.region);

  const api = newRestApi(state, call.region, name, endpointType);
  api.description = body.string('description');
  api.version = body.string('version');
  api.binaryMediaTypes = body.stringList('binaryMediaTypes') ?? [];
  const minimumCompressionSize = body.integer('minimumCompressionSize');
  if (minimumCompressionSize !== undefined) assertMinimumCompressionSize(minimumCompressionSize);
  api.minimumCompressionSize = minimumCompressionSize;
  api.apiKeySource = apiKeySourceOf(body.string('apiKeySource') ?? 'HEADER');
  api.disableExecuteApiEndpoint = body.boolean('disableExecuteApiEndpoint') ?? false;
  api.ipAddressType = endpointConfiguration.string('ipAddressType');
  associate(api, endpointConfiguration.stringList('vpcEndpointIds') ?? [], state.clock.now());
  const policy = body.string('policy');
  if (policy) {
    api.policy = normalizeResourcePolicy(policy, {
      region: call.region,
      accountId: state.accountId,
      restApiId: api.id,
    });
  }
  api.tags = mergeTags({}, body.stringMap('tags') ?? {});
  state.store.add(api);
  return jsonResponse(201, restApiJson(api));
};

export const getRestApi: Handler = (state, call) =>
  jsonResponse(200, restApiJson(state.store.api(call.region, label(call, 'restapi_id'))));

export const getRestApis: Handler = (state, call) => {
  const page = pageOf(state.store.inRegion(call.region), call.req.query);
  return jsonResponse(200, { item: page.items.map((api) => restApiJson(api)), position: page.position });
};

export const updateRestApi: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const operations = readPatchOperations(new BodyReader(jsonBody(call.req), 'updateRestApiInput'));
  const updated = applyRestApiPatch(api, operations, applyEnv(state));
  state.store.add(updated);
  return jsonResponse(200, restApiJson(updated));
};

/** Deleting an API deletes its VPC endpoint associations with it (and so their DNS aliases). */
export const deleteRestApi: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  state.store.delete(api.id);
  return emptyResponse(202);
};

/** Import warnings fail the call when `failonwarnings=true`. */
function assertNoWarnings(call: ApiCall, warnings: readonly string[]): void {
  if (call.req.query.get('failonwarnings') === 'true' && warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  }
}

/**
 * ImportRestApi (`POST /restapis?mode=import`): a new API from an OpenAPI definition; its
 * endpoint type comes from the `endpointConfigurationTypes` parameter (EDGE by default).
 */
export const importRestApi: Handler = (state, call) => {
  const definition = parseApiDefinition(call.req.body);
  assertNoWarnings(call, definition.warnings);
  if (!definition.title)
    throw badRequest('Errors found during import:\n\tThe API name (info.title) is required');
  const requestedType = call.req.query.get('endpointConfigurationTypes') ?? 'EDGE';
  if (!isEndpointType(requestedType)) {
    throw badRequest(`Invalid endpointConfigurationTypes specified: ${requestedType}`);
  }
  if (requestedType === 'PRIVATE') assertPrivateApiQuota(state.store, call.region);
  const api = applyDefinition(
    newRestApi(state, call.region, definition.title, requestedType),
    definition,
    'overwrite',
    applyEnv(state),
  );
  state.store.add(api);
  return jsonResponse(201, restApiJson(api, definition.warnings));
};

/** PutRestApi: replaces (`mode=overwrite`) or extends (`mode=merge`, the default) an API from a definition. */
export const putRestApi: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const mode = call.req.query.get('mode') ?? 'merge';
  if (mode !== 'merge' && mode !== 'overwrite') {
    throw badRequest(`Invalid mode specified: ${mode}. Valid values are merge and overwrite`);
  }
  const definition = parseApiDefinition(call.req.body);
  assertNoWarnings(call, definition.warnings);
  const updated = applyDefinition(api, definition, mode satisfies PutMode, applyEnv(state));
  state.store.add(updated);
  return jsonResponse(200, restApiJson(updated, definition.warnings));
};
