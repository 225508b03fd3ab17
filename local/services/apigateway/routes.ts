import { AwsError } from '../../core/aws-error';
import type { CloudRequest } from '../../core/types';

/** The operations the local API Gateway serves, with their REST-JSON routes (from the service model). */
const METHOD_PATH = '/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}';
const ROUTES: ReadonlyArray<readonly [method: string, template: string, operation: string]> = [
  ['GET', '/restapis', 'GetRestApis'],
  ['POST', '/restapis', 'CreateRestApi'],
  ['GET', '/restapis/{restapi_id}', 'GetRestApi'],
  ['PATCH', '/restapis/{restapi_id}', 'UpdateRestApi'],
  ['PUT', '/restapis/{restapi_id}', 'PutRestApi'],
  ['DELETE', '/restapis/{restapi_id}', 'DeleteRestApi'],
  ['GET', '/restapis/{restapi_id}/resources', 'GetResources'],
  ['GET', '/restapis/{restapi_id}/resources/{resource_id}', 'GetResource'],
  ['POST', '/restapis/{restapi_id}/resources/{parent_id}', 'CreateResource'],
  ['DELETE', '/restapis/{restapi_id}/resources/{resource_id}', 'DeleteResource'],
  ['PUT', METHOD_PATH, 'PutMethod'],
  ['GET', METHOD_PATH, 'GetMethod'],
  ['DELETE', METHOD_PATH, 'DeleteMethod'],
  ['PUT', `${METHOD_PATH}/responses/{status_code}`, 'PutMethodResponse'],
  ['GET', `${METHOD_PATH}/responses/{status_code}`, 'GetMethodResponse'],
  ['DELETE', `${METHOD_PATH}/responses/{status_code}`, 'DeleteMethodResponse'],
  ['PUT', `${METHOD_PATH}/integration`, 'PutIntegration'],
  ['GET', `${METHOD_PATH}/integration`, 'GetIntegration'],
  ['DELETE', `${METHOD_PATH}/integration`, 'DeleteIntegration'],
  ['PUT', `${METHOD_PATH}/integration/responses/{status_code}`, 'PutIntegrationResponse'],
  ['GET', `${METHOD_PATH}/integration/responses/{status_code}`, 'GetIntegrationResponse'],
  ['DELETE', `${METHOD_PATH}/integration/responses/{status_code}`, 'DeleteIntegrationResponse'],
  ['POST', '/restapis/{restapi_id}/deployments', 'CreateDeployment'],
  ['GET', '/restapis/{restapi_id}/deployments', 'GetDeployments'],
  ['GET', '/restapis/{restapi_id}/deployments/{deployment_id}', 'GetDeployment'],
  ['DELETE', '/restapis/{restapi_id}/deployments/{deployment_id}', 'DeleteDeployment'],
  ['POST', '/restapis/{restapi_id}/stages', 'CreateStage'],
  ['GET', '/restapis/{restapi_id}/stages', 'GetStages'],
  ['GET', '/restapis/{restapi_id}/stages/{stage_name}', 'GetStage'],
  ['PATCH', '/restapis/{restapi_id}/stages/{stage_name}', 'UpdateStage'],
  ['DELETE', '/restapis/{restapi_id}/stages/{stage_name}', 'DeleteStage'],
  ['GET', '/tags/{resource_arn}', 'GetTags'],
  ['PUT', '/tags/{resource_arn}', 'TagResource'],
  ['DELETE', '/tags/{resource_arn}', 'UntagResource'],
];

export interface MatchedRoute {
  readonly operation: string;
  /** Path labels, percent-decoded (a tag ARN arrives as one encoded segment). */
  readonly params: Readonly<Record<string, string>>;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index];
    if (segment === undefined) return undefined;
    const label = /^\{(\w+)\}$/.exec(part)?.[1];
    if (label !== undefined) {
      const value = decodeSegment(segment);
      if (value === undefined || value === '') return undefined;
      params[label] = value;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

/**
 * Finds the operation for a request by method and path, as the API Gateway front end does;
 * `POST /restapis?mode=import` is ImportRestApi. No route → UnknownOperationException (404).
 */
export function matchRoute(req: CloudRequest): MatchedRoute | AwsError {
  const segments = req.path.split('/').filter(Boolean);
  for (const [method, template, operation] of ROUTES) {
    if (method !== req.method) continue;
    const params = matchTemplate(template, segments);
    if (!params) continue;
    if (operation === 'CreateRestApi' && req.query.get('mode') === 'import') {
      return { operation: 'ImportRestApi', params };
    }
    return { operation, params };
  }
  return new AwsError('UnknownOperationException', `Unknown operation ${req.method} ${req.path}`, 404);
}
