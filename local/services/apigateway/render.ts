import type { CloudResponse } from '../../core/types';
import type {
  DeploymentRecord,
  IntegrationRecord,
  MethodRecord,
  ResourceRecord,
  RestApiRecord,
  StageRecord,
} from './model';
import { policyAsReturned } from './policy';

/** REST-JSON timestamps: epoch seconds. */
const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

const nonEmpty = <T extends object>(value: T | undefined): T | undefined =>
  value !== undefined && Object.keys(value).length > 0 ? value : undefined;

/** A JSON response (JSON.stringify drops the members left undefined, as AWS omits unset ones). */
export const jsonResponse = (status: number, body: unknown): CloudResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const emptyResponse = (status: number): CloudResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
});

/** The RestApi shape; `apiStatus` is always AVAILABLE: the local cloud applies changes at once. */
export function restApiJson(api: RestApiRecord, warnings?: readonly string[]) {
  return {
    id: api.id,
    name: api.name,
    description: api.description,
    createdDate: epochSeconds(api.createdDateMs),
    version: api.version,
    warnings: warnings && warnings.length > 0 ? warnings : undefined,
    binaryMediaTypes: api.binaryMediaTypes.length > 0 ? api.binaryMediaTypes : undefined,
    minimumCompressionSize: api.minimumCompressionSize,
    apiKeySource: api.apiKeySource,
    endpointConfiguration: {
      types: [api.endpointType],
      ipAddressType: api.ipAddressType,
      vpcEndpointIds:
        api.associations.length > 0
          ? api.associations.map((association) => association.vpcEndpointId)
          : undefined,
    },
    policy: api.policy === undefined ? undefined : policyAsReturned(api.policy),
    tags: api.tags,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    rootResourceId: api.rootResourceId,
    apiStatus: 'AVAILABLE',
  };
}

export function integrationJson(integration: IntegrationRecord) {
  return {
    type: integration.type,
    httpMethod: integration.httpMethod,
    uri: integration.uri,
    connectionType: integration.connectionType,
    connectionId: integration.connectionId,
    credentials: integration.credentials,
    requestParameters: integration.requestParameters,
    requestTemplates: integration.requestTemplates,
    passthroughBehavior: integration.passthroughBehavior,
    contentHandling: integration.contentHandling,
    timeoutInMillis: integration.timeoutInMillis,
    cacheNamespace: integration.cacheNamespace,
    cacheKeyParameters: integration.cacheKeyParameters,
    integrationResponses: nonEmpty(integration.integrationResponses),
  };
}

export function methodJson(method: MethodRecord) {
  return {
    httpMethod: method.httpMethod,
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId,
    apiKeyRequired: method.apiKeyRequired,
    requestValidatorId: method.requestValidatorId,
    operationName: method.operationName,
    requestParameters: method.requestParameters,
    requestModels: method.requestModels,
    methodResponses: nonEmpty(method.methodResponses),
    methodIntegration: method.integration === undefined ? undefined : integrationJson(method.integration),
    authorizationScopes: method.authorizationScopes,
  };
}

/**
 * The Resource shape. Without `embed=methods` AWS lists each method as an empty object
 * (`"resourceMethods": {"GET": {}}`); with it, the full Method.
 */
export function resourceJson(resource: ResourceRecord, embedMethods: boolean) {
  const methods = Object.values(resource.methods);
  return {
    id: resource.id,
    parentId: resource.parentId,
    pathPart: resource.pathPart,
    path: resource.path,
    resourceMethods:
      methods.length === 0
        ? undefined
        : Object.fromEntries(
            methods.map((method) => [method.httpMethod, embedMethods ? methodJson(method) : {}]),
          ),
  };
}

export function deploymentJson(deployment: DeploymentRecord, embedSummary: boolean) {
  return {
    id: deployment.id,
    description: deployment.description,
    createdDate: epochSeconds(deployment.createdDateMs),
    apiSummary: embedSummary ? deployment.apiSummary : undefined,
  };
}

export function stageJson(stage: StageRecord) {
  return {
    deploymentId: stage.deploymentId,
    stageName: stage.stageName,
    description: stage.description,
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize,
    cacheClusterStatus: 'NOT_AVAILABLE',
    methodSettings: stage.methodSettings,
    variables: nonEmpty(stage.variables),
    tracingEnabled: stage.tracingEnabled,
    tags: nonEmpty(stage.tags),
    createdDate: epochSeconds(stage.createdDateMs),
    lastUpdatedDate: epochSeconds(stage.lastUpdatedDateMs),
  };
}
