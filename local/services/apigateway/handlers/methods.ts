import { conflict, integrationNotFound, methodNotFound, responseNotFound } from '../errors';
import {
  assertAuthorizationType,
  assertHttpMethod,
  assertStatusCode,
  buildIntegration,
} from '../integrations';
import type { IntegrationRecord, MethodRecord, ResourceRecord } from '../model';
import { emptyResponse, integrationJson, jsonResponse, methodJson } from '../render';
import { type ApiCall, BodyReader, jsonBody, label } from '../request';
import { resourceOf } from '../store';
import type { Handler, ServiceState } from './handler';

function resourceFor(state: ServiceState, call: ApiCall): ResourceRecord {
  const api = state.store.api(call.region, label(call, 'restapi_id'));
  return resourceOf(api, label(call, 'resource_id'));
}

/** The HTTP method label, upper-cased (clients send `get` as often as `GET`). */
const httpMethodOf = (call: ApiCall): string => label(call, 'http_method').toUpperCase();

function methodFor(state: ServiceState, call: ApiCall): MethodRecord {
  const method = resourceFor(state, call).methods[httpMethodOf(call)];
  if (!method) throw methodNotFound();
  return method;
}

function integrationFor(state: ServiceState, call: ApiCall): IntegrationRecord {
  const integration = methodFor(state, call).integration;
  if (!integration) throw integrationNotFound();
  return integration;
}

/** PutMethod on a method that exists → ConflictException, as AWS answers. */
export const putMethod: Handler = (state, call) => {
  const resource = resourceFor(state, call);
  const httpMethod = httpMethodOf(call);
  assertHttpMethod(httpMethod);
  const body = new BodyReader(jsonBody(call.req), 'putMethodInput');
  const authorizationType = body.requiredString('authorizationType');
  const authorizerId = body.string('authorizerId');
  assertAuthorizationType(authorizationType, authorizerId);
  if (resource.methods[httpMethod]) throw conflict('Method already exists for this resource');
  const method: MethodRecord = {
    httpMethod,
    authorizationType,
    authorizerId,
    apiKeyRequired: body.boolean('apiKeyRequired') ?? false,
    operationName: body.string('operationName'),
    requestParameters: body.booleanMap('requestParameters'),
    requestModels: body.stringMap('requestModels'),
    requestValidatorId: body.string('requestValidatorId'),
    authorizationScopes: body.stringList('authorizationScopes'),
    methodResponses: {},
  };
  resource.methods[httpMethod] = method;
  return jsonResponse(201, methodJson(method));
};

export const getMethod: Handler = (state, call) => jsonResponse(200, methodJson(methodFor(state, call)));

export const deleteMethod: Handler = (state, call) => {
  const resource = resourceFor(state, call);
  const httpMethod = httpMethodOf(call);
  if (!resource.methods[httpMethod]) throw methodNotFound();
  delete resource.methods[httpMethod];
  return emptyResponse(204);
};

/** PutIntegration replaces any integration the method had. */
export const putIntegration: Handler = (state, call) => {
  const resource = resourceFor(state, call);
  const method = resource.methods[httpMethodOf(call)];
  if (!method) throw methodNotFound();
  const body = new BodyReader(jsonBody(call.req), 'putIntegrationInput');
  method.integration = buildIntegration(
    {
      type: body.requiredString('type'),
      httpMethod: body.string('httpMethod'),
      uri: body.string('uri'),
      connectionType: body.string('connectionType'),
      connectionId: body.string('connectionId'),
      credentials: body.string('credentials'),
      requestParameters: body.stringMap('requestParameters'),
      requestTemplates: body.stringMap('requestTemplates'),
      passthroughBehavior: body.string('passthroughBehavior'),
      contentHandling: body.string('contentHandling'),
      timeoutInMillis: body.integer('timeoutInMillis'),
      cacheNamespace: body.string('cacheNamespace'),
      cacheKeyParameters: body.stringList('cacheKeyParameters'),
    },
    resource.id,
  );
  return jsonResponse(201, integrationJson(method.integration));
};

export const getIntegration: Handler = (state, call) =>
  jsonResponse(200, integrationJson(integrationFor(state, call)));

export const deleteIntegration: Handler = (state, call) => {
  const method = methodFor(state, call);
  if (!method.integration) throw integrationNotFound();
  method.integration = undefined;
  return emptyResponse(204);
};

export const putMethodResponse: Handler = (state, call) => {
  const method = methodFor(state, call);
  const statusCode = label(call, 'status_code');
  assertStatusCode(statusCode);
  if (method.methodResponses[statusCode]) throw conflict('Response already exists for this resource');
  const body = new BodyReader(jsonBody(call.req), 'putMethodResponseInput');
  const response = {
    statusCode,
    responseParameters: body.booleanMap('responseParameters'),
    responseModels: body.stringMap('responseModels'),
  };
  method.methodResponses[statusCode] = response;
  return jsonResponse(201, response);
};

export const getMethodResponse: Handler = (state, call) => {
  const response = methodFor(state, call).methodResponses[label(call, 'status_code')];
  if (!response) throw responseNotFound();
  return jsonResponse(200, response);
};

export const deleteMethodResponse: Handler = (state, call) => {
  const method = methodFor(state, call);
  const statusCode = label(call, 'status_code');
  if (!method.methodResponses[statusCode]) throw responseNotFound();
  delete method.methodResponses[statusCode];
  return emptyResponse(204);
};

/** An integration response needs the integration and a method response with the same status code. */
export const putIntegrationResponse: Handler = (state, call) => {
  const method = methodFor(state, call);
  const integration = method.integration;
  if (!integration) throw integrationNotFound();
  const statusCode = label(call, 'status_code');
  assertStatusCode(statusCode);
  if (!method.methodResponses[statusCode]) throw responseNotFound();
  const body = new BodyReader(jsonBody(call.req), 'putIntegrationResponseInput');
  const response = {
    statusCode,
    selectionPattern: body.string('selectionPattern'),
    responseParameters: body.stringMap('responseParameters'),
    responseTemplates: body.stringMap('responseTemplates'),
    contentHandling: body.string('contentHandling'),
  };
  integration.integrationResponses[statusCode] = response;
  return jsonResponse(201, response);
};

export const getIntegrationResponse: Handler = (state, call) => {
  const response = integrationFor(state, call).integrationResponses[label(call, 'status_code')];
  if (!response) throw responseNotFound();
  return jsonResponse(200, response);
};

export const deleteIntegrationResponse: Handler = (state, call) => {
  const integration = integrationFor(state, call);
  const statusCode = label(call, 'status_code');
  if (!integration.integrationResponses[statusCode]) throw responseNotFound();
  delete integration.integrationResponses[statusCode];
  return emptyResponse(204);
};
