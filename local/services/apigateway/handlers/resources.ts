import { badRequest } from '../errors';
import { pageOf } from '../paging';
import { emptyResponse, jsonResponse, resourceJson } from '../render';
import { type ApiCall, BodyReader, jsonBody, label } from '../request';
import { createChildResource, deleteResourceTree } from '../resource-tree';
import { resourceOf } from '../store';
import type { Handler } from './handler';

/** `embed=methods` (repeated or comma-separated) asks for full methods in Resource responses. */
const embedsMethods = (call: ApiCall): boolean =>
  call.req.query
    .getAll('embed')
    .flatMap((value) => value.split(','))
    .includes('methods');

/** GetResources pages like the other lists: 25 by default. Callers that read one page miss resources. */
export const getResources: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const page = pageOf(Object.values(api.resources), call.req.query);
  const embed = embedsMethods(call);
  return jsonResponse(200, {
    item: page.items.map((resource) => resourceJson(resource, embed)),
    position: page.position,
  });
};

export const getResource: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  return jsonResponse(200, resourceJson(resourceOf(api, label(call, 'resource_id')), embedsMethods(call)));
};

export const createResource: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const parent = resourceOf(api, label(call, 'parent_id'));
  const pathPart = new BodyReader(jsonBody(call.req), 'createResourceInput').requiredString('pathPart');
  return jsonResponse(201, resourceJson(createChildResource(state.store, api, parent, pathPart), false));
};

export const deleteResource: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const resource = resourceOf(api, label(call, 'resource_id'));
  if (resource.id === api.rootResourceId) throw badRequest('Cannot delete the root resource');
  deleteResourceTree(api, resource.id);
  return emptyResponse(202);
};
