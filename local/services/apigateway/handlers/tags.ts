import { apiNotFound, badRequest } from '../errors';
import { emptyResponse, jsonResponse } from '../render';
import { type ApiCall, BodyReader, jsonBody, label } from '../request';
import { stageOf } from '../store';
import { mergeTags } from '../tags';
import type { Handler, ServiceState } from './handler';

/** `arn:aws:apigateway:{region}::/restapis/{id}` or `.../restapis/{id}/stages/{name}`. */
const TAGGABLE_ARN =
  /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/restapis\/([a-z0-9]+)(?:\/stages\/([^/]+))?$/;

/** The tag map a resource ARN names; ARNs of other Regions or unknown APIs → NotFound / BadRequest as AWS. */
function taggable(
  state: ServiceState,
  call: ApiCall,
): { tags: Record<string, string>; set(tags: Record<string, string>): void } {
  const arn = label(call, 'resource_arn');
  const match = TAGGABLE_ARN.exec(arn);
  const [, region, restApiId, stageName] = match ?? [];
  if (!region || !restApiId) throw badRequest(`Invalid resource ARN specified: ${arn}`);
  // The call's Region is the only one it can see: an ARN of another Region names no API here.
  if (region !== call.region) throw apiNotFound(state.accountId, restApiId);
  const api = state.store.api(region, restApiId);
  if (stageName === undefined) {
    return { tags: api.tags, set: (tags) => Object.assign(api, { tags }) };
  }
  const stage = stageOf(api, stageName);
  return { tags: stage.tags, set: (tags) => Object.assign(stage, { tags }) };
}

export const getTags: Handler = (state, call) => jsonResponse(200, { tags: taggable(state, call).tags });

export const tagResource: Handler = (state, call) => {
  const target = taggable(state, call);
  const body = new BodyReader(jsonBody(call.req), 'tagResourceInput');
  const tags = body.stringMap('tags');
  if (tags === undefined)
    throw badRequest(
      "1 validation error detected: Value null at 'tagResourceInput.tags' failed to satisfy constraint: Member must not be null",
    );
  target.set(mergeTags(target.tags, tags));
  return emptyResponse(204);
};

export const untagResource: Handler = (state, call) => {
  const target = taggable(state, call);
  const tagKeys = call.req.query.getAll('tagKeys');
  if (tagKeys.length === 0) {
    throw badRequest(
      "1 validation error detected: Value null at 'untagResourceInput.tagKeys' failed to satisfy constraint: Member must not be null",
    );
  }
  target.set(Object.fromEntries(Object.entries(target.tags).filter(([key]) => !tagKeys.includes(key))));
  return emptyResponse(204);
};
