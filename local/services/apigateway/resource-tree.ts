import { badRequest, conflict } from './errors';
import type { ResourceRecord, RestApiRecord } from './model';
import type { ApiGatewayStore } from './store';

/** A path part: letters, digits, `._-:`, or `{param}` / `{proxy+}`. */
const PATH_PART = /^(?:[a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

export function assertPathPart(pathPart: string): void {
  if (!PATH_PART.test(pathPart)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
}

/** The root resource `/` every API has from its creation. */
export function newRootResource(store: ApiGatewayStore): ResourceRecord {
  return { id: store.newId(), seq: store.nextSeq(), path: '/', methods: {} };
}

export function childOf(api: RestApiRecord, parentId: string, pathPart: string): ResourceRecord | undefined {
  return Object.values(api.resources).find(
    (resource) => resource.parentId === parentId && resource.pathPart === pathPart,
  );
}

/** Creates a child resource; a sibling with the same path part → ConflictException, as AWS answers. */
export function createChildResource(
  store: ApiGatewayStore,
  api: RestApiRecord,
  parent: ResourceRecord,
  pathPart: string,
): ResourceRecord {
  assertPathPart(pathPart);
  if (childOf(api, parent.id, pathPart)) {
    throw conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  }
  const resource: ResourceRecord = {
    id: store.newId(),
    seq: store.nextSeq(),
    parentId: parent.id,
    pathPart,
    path: parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`,
    methods: {},
  };
  api.resources[resource.id] = resource;
  return resource;
}

/** Deletes a resource and everything under it. */
export function deleteResourceTree(api: RestApiRecord, resourceId: string): void {
  for (const child of Object.values(api.resources).filter((resource) => resource.parentId === resourceId)) {
    deleteResourceTree(api, child.id);
  }
  delete api.resources[resourceId];
}
