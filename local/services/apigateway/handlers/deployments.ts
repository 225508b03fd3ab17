import { badRequest, conflict, limitExceeded } from '../errors';
import { MAX_STAGES_PER_API } from '../limits';
import type { DeploymentRecord, RestApiRecord, StageRecord } from '../model';
import { pageOf } from '../paging';
import { readPatchOperations } from '../patch-operations';
import { deploymentJson, emptyResponse, jsonResponse, stageJson } from '../render';
import { BodyReader, jsonBody, label } from '../request';
import { applyStagePatch } from '../stage-patch';
import { deploymentOf, hasMethods, stageOf } from '../store';
import { mergeTags } from '../tags';
import type { Handler } from './handler';

const STAGE_NAME = /^[a-zA-Z0-9_]{1,128}$/;

function assertStageName(stageName: string): void {
  if (!STAGE_NAME.test(stageName)) throw badRequest('Stage name only allows a-zA-Z0-9_');
}

/** AWS-FACTS: at most 10 stages per API. */
function assertRoomForStage(api: RestApiRecord): void {
  if (Object.keys(api.stages).length >= MAX_STAGES_PER_API) {
    throw limitExceeded(
      'Maximum number of Stages for this API has been reached. Please contact AWS if you need additional Stages.',
    );
  }
}

/**
 * What CreateDeployment checks before it deploys, in AWS's words: an API needs a method, a
 * private API needs a resource policy, and every method needs an integration.
 */
function assertDeployable(api: RestApiRecord): void {
  if (!hasMethods(api)) throw badRequest("The REST API doesn't contain any methods");
  if (api.endpointType === 'PRIVATE' && api.policy === undefined) {
    throw badRequest("Private REST API doesn't have a resource policy attached to it");
  }
  for (const resource of Object.values(api.resources)) {
    if (Object.values(resource.methods).some((method) => method.integration === undefined)) {
      throw badRequest('No integration defined for method');
    }
  }
}

function apiSummaryOf(api: RestApiRecord): DeploymentRecord['apiSummary'] {
  return Object.fromEntries(
    Object.values(api.resources)
      .filter((resource) => Object.keys(resource.methods).length > 0)
      .map((resource) => [
        resource.path,
        Object.fromEntries(
          Object.values(resource.methods).map((method) => [
            method.httpMethod,
            { authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired },
          ]),
        ),
      ]),
  );
}

function newStage(stageName: string, deploymentId: string, nowMs: number): StageRecord {
  return {
    stageName,
    deploymentId,
    cacheClusterEnabled: false,
    variables: {},
    methodSettings: {},
    tracingEnabled: false,
    tags: {},
    createdDateMs: nowMs,
    lastUpdatedDateMs: nowMs,
  };
}

/** CreateDeployment; with `stageName` it creates that stage or points it at the new deployment. */
export const createDeployment: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const body = new BodyReader(jsonBody(call.req), 'createDeploymentInput');
  const stageName = body.string('stageName');
  assertDeployable(api);
  if (stageName !== undefined) {
    assertStageName(stageName);
    if (!api.stages[stageName]) assertRoomForStage(api);
  }
  const nowMs = state.clock.now();
  const deployment: DeploymentRecord = {
    id: state.store.newId(),
    seq: state.store.nextSeq(),
    description: body.string('description'),
    createdDateMs: nowMs,
    apiSummary: apiSummaryOf(api),
    policy: api.policy,
  };
  api.deployments[deployment.id] = deployment;
  if (stageName !== undefined) {
    const existing = api.stages[stageName];
    const stage = existing ?? newStage(stageName, deployment.id, nowMs);
    if (!existing) stage.description = body.string('stageDescription');
    stage.deploymentId = deployment.id;
    stage.variables = { ...stage.variables, ...body.stringMap('variables') };
    stage.tracingEnabled = body.boolean('tracingEnabled') ?? stage.tracingEnabled;
    stage.cacheClusterEnabled = body.boolean('cacheClusterEnabled') ?? stage.cacheClusterEnabled;
    stage.lastUpdatedDateMs = nowMs;
    api.stages[stageName] = stage;
  }
  return jsonResponse(201, deploymentJson(deployment, false));
};

export const getDeployments: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const page = pageOf(Object.values(api.deployments), call.req.query);
  return jsonResponse(200, {
    item: page.items.map((deployment) => deploymentJson(deployment, false)),
    position: page.position,
  });
};

export const getDeployment: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const deployment = deploymentOf(api, label(call, 'deployment_id'));
  return jsonResponse(200, deploymentJson(deployment, call.req.query.getAll('embed').includes('apisummary')));
};

export const deleteDeployment: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const deployment = deploymentOf(api, label(call, 'deployment_id'));
  if (Object.values(api.stages).some((stage) => stage.deploymentId === deployment.id)) {
    throw badRequest('Active stages pointing to this deployment must be moved or deleted');
  }
  delete api.deployments[deployment.id];
  return emptyResponse(202);
};

/** CreateStage on a name in use → ConflictException "Stage already exists". */
export const createStage: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const body = new BodyReader(jsonBody(call.req), 'createStageInput');
  const stageName = body.requiredString('stageName');
  const deploymentId = body.requiredString('deploymentId');
  assertStageName(stageName);
  deploymentOf(api, deploymentId);
  if (api.stages[stageName]) throw conflict('Stage already exists');
  assertRoomForStage(api);
  const stage = newStage(stageName, deploymentId, state.clock.now());
  stage.description = body.string('description');
  stage.variables = body.stringMap('variables') ?? {};
  stage.tracingEnabled = body.boolean('tracingEnabled') ?? false;
  stage.cacheClusterEnabled = body.boolean('cacheClusterEnabled') ?? false;
  stage.cacheClusterSize = body.string('cacheClusterSize');
  stage.tags = mergeTags({}, body.stringMap('tags') ?? {});
  api.stages[stageName] = stage;
  return jsonResponse(201, stageJson(stage));
};

export const getStage: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  return jsonResponse(200, stageJson(stageOf(api, label(call, 'stage_name'))));
};

/** GetStages is not paged: `{"item": [...]}`, optionally only the stages of one deployment. */
export const getStages: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const deploymentId = call.req.query.get('deploymentId');
  const stages = Object.values(api.stages).filter(
    (stage) => deploymentId === null || stage.deploymentId === deploymentId,
  );
  return jsonResponse(200, { item: stages.map(stageJson) });
};

export const updateStage: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const stage = stageOf(api, label(call, 'stage_name'));
  const operations = readPatchOperations(new BodyReader(jsonBody(call.req), 'updateStageInput'));
  const updated = applyStagePatch(api, stage, operations, state.clock.now());
  api.stages[updated.stageName] = updated;
  return jsonResponse(200, stageJson(updated));
};

export const deleteStage: Handler = (state, call) => {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  const stage = stageOf(api, label(call, 'stage_name'));
  delete api.stages[stage.stageName];
  return emptyResponse(202);
};
