import { badRequest } from './errors';
import {
  AUTHORIZATION_TYPES,
  assertStatusCode,
  buildIntegration,
  type IntegrationSpec,
} from './integrations';
import type { IntegrationResponseRecord, MethodRecord, MethodResponseRecord } from './model';
import { isObject } from './request';
import { assertPathPart } from './resource-tree';

/** The methods and API settings an OpenAPI 3 (or Swagger 2) definition describes, ready to apply. */
export interface ImportedDefinition {
  readonly title?: string;
  readonly description?: string;
  readonly version?: string;
  /** `x-amazon-apigateway-policy`, as JSON text. */
  readonly policy?: string;
  /** `x-amazon-apigateway-endpoint-configuration.vpcEndpointIds`. */
  readonly vpcEndpointIds?: string[];
  readonly disableExecuteApiEndpoint?: boolean;
  readonly binaryMediaTypes?: string[];
  readonly paths: ReadonlyArray<{
    readonly pathParts: readonly string[];
    readonly methods: readonly MethodRecord[];
  }>;
  readonly warnings: readonly string[];
}

/** OpenAPI operation keys and the API Gateway method each becomes. */
const OPERATION_KEYS: Readonly<Record<string, string>> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY',
};

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function stringMapOf(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function stringListOf(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** Collects import problems; AWS reports them all at once ("Errors found during import: ..."). */
class ImportProblems {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  attempt<T>(where: string, action: () => T): T | undefined {
    try {
      return action();
    } catch (error: unknown) {
      this.errors.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

interface SecurityContext {
  /** Security scheme names that mean SigV4 (`x-amazon-apigateway-authtype: awsSigv4`) → AWS_IAM. */
  readonly sigv4: ReadonlySet<string>;
  /** API key schemes (`x-api-key` header) → apiKeyRequired. */
  readonly apiKey: ReadonlySet<string>;
  readonly rootSecurity: unknown;
}

function securityContextOf(document: Record<string, unknown>): SecurityContext {
  const components = isObject(document.components) ? document.components : {};
  const schemes = isObject(components.securitySchemes)
    ? components.securitySchemes
    : isObject(document.securityDefinitions)
      ? document.securityDefinitions
      : {};
  const sigv4 = new Set<string>();
  const apiKey = new Set<string>();
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    const authType = stringOf(scheme['x-amazon-apigateway-authtype'])?.toLowerCase();
    if (authType === 'awssigv4') sigv4.add(name);
    else if (scheme.type === 'apiKey' && stringOf(scheme.name)?.toLowerCase() === 'x-api-key')
      apiKey.add(name);
  }
  return { sigv4, apiKey, rootSecurity: document.security };
}

function schemeNamesOf(security: unknown): string[] {
  if (!Array.isArray(security)) return [];
  return security.flatMap((requirement: unknown) => (isObject(requirement) ? Object.keys(requirement) : []));
}

function integrationResponsesOf(
  responses: unknown,
  methodResponses: Readonly<Record<string, MethodResponseRecord>>,
): Record<string, IntegrationResponseRecord> {
  const result: Record<string, IntegrationResponseRecord> = {};
  if (!isObject(responses)) return result;
  for (const [pattern, response] of Object.entries(responses)) {
    if (!isObject(response)) continue;
    const statusCode = stringOf(response.statusCode) ?? String(response.statusCode ?? '');
    assertStatusCode(statusCode);
    // An integration response maps onto a declared method response (PutIntegrationResponse's rule).
    if (!methodResponses[statusCode])
      throw badRequest(`Invalid Response status code specified: ${statusCode}`);
    result[statusCode] = {
      statusCode,
      selectionPattern: pattern === 'default' ? undefined : pattern,
      responseParameters: stringMapOf(response.responseParameters),
      responseTemplates: stringMapOf(response.responseTemplates),
      contentHandling: stringOf(response.contentHandling),
    };
  }
  return result;
}

function integrationSpecOf(raw: Record<string, unknown>): IntegrationSpec {
  const type = stringOf(raw.type);
  if (!type) throw badRequest('Invalid integration type: missing');
  const timeout = raw.timeoutInMillis;
  return {
    type,
    httpMethod: stringOf(raw.httpMethod),
    uri: stringOf(raw.uri),
    connectionType: stringOf(raw.connectionType),
    connectionId: stringOf(raw.connectionId),
    credentials: stringOf(raw.credentials),
    requestParameters: stringMapOf(raw.requestParameters),
    requestTemplates: stringMapOf(raw.requestTemplates),
    passthroughBehavior: stringOf(raw.passthroughBehavior)?.toUpperCase(),
    contentHandling: stringOf(raw.contentHandling),
    timeoutInMillis: typeof timeout === 'number' ? timeout : undefined,
    cacheNamespace: stringOf(raw.cacheNamespace),
    cacheKeyParameters: stringListOf(raw.cacheKeyParameters),
  };
}

function requestParametersOf(parameters: readonly unknown[]): Record<string, boolean> | undefined {
  const locations: Readonly<Record<string, string>> = {
    path: 'path',
    query: 'querystring',
    header: 'header',
  };
  const entries = parameters.flatMap((parameter: unknown): [string, boolean][] => {
    if (!isObject(parameter)) return [];
    const location = locations[stringOf(parameter.in) ?? ''];
    const name = stringOf(parameter.name);
    return location && name ? [[`method.request.${location}.${name}`, parameter.required === true]] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function methodOf(
  httpMethod: string,
  operation: Record<string, unknown>,
  pathParameters: readonly unknown[],
  security: SecurityContext,
  problems: ImportProblems,
): MethodRecord {
  const schemes = schemeNamesOf(operation.security ?? security.rootSecurity);
  const unknownSchemes = schemes.filter((name) => !security.sigv4.has(name) && !security.apiKey.has(name));
  if (unknownSchemes.length > 0) {
    problems.warnings.push(
      `Authorizers are not imported by the local cloud; ignoring security ${unknownSchemes.join(', ')} on ${httpMethod}`,
    );
  }
  const methodResponses: Record<string, MethodResponseRecord> = {};
  if (isObject(operation.responses)) {
    for (const [statusCode, response] of Object.entries(operation.responses)) {
      if (!/^[1-5]\d{2}$/.test(statusCode)) continue;
      const headers = isObject(response) && isObject(response.headers) ? Object.keys(response.headers) : [];
      methodResponses[statusCode] = {
        statusCode,
        responseParameters:
          headers.length > 0
            ? Object.fromEntries(headers.map((header) => [`method.response.header.${header}`, false]))
            : undefined,
      };
    }
  }
  const rawIntegration = operation['x-amazon-apigateway-integration'];
  const integration = isObject(rawIntegration)
    ? {
        // The resource id is not known yet: applyDefinition sets the cache namespace.
        ...buildIntegration(integrationSpecOf(rawIntegration), ''),
        integrationResponses: integrationResponsesOf(rawIntegration.responses, methodResponses),
      }
    : undefined;
  const parameters = [
    ...pathParameters,
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ];
  return {
    httpMethod,
    authorizationType: schemes.some((name) => security.sigv4.has(name)) ? 'AWS_IAM' : AUTHORIZATION_TYPES[0],
    apiKeyRequired: schemes.some((name) => security.apiKey.has(name)),
    operationName: stringOf(operation.operationId),
    requestParameters: requestParametersOf(parameters),
    methodResponses,
    integration,
  };
}

function pathPartsOf(path: string): string[] {
  if (!path.startsWith('/')) throw badRequest(`Path must start with '/': ${path}`);
  const parts = path === '/' ? [] : path.slice(1).replace(/\/$/, '').split('/');
  for (const part of parts) assertPathPart(part);
  return parts;
}

function endpointConfigurationOf(document: Record<string, unknown>): Record<string, unknown> | undefined {
  // OpenAPI 3 puts it on a server object; Swagger 2 at the top level.
  const servers = Array.isArray(document.servers) ? document.servers : [];
  for (const server of servers) {
    if (isObject(server) && isObject(server['x-amazon-apigateway-endpoint-configuration'])) {
      return server['x-amazon-apigateway-endpoint-configuration'];
    }
  }
  const topLevel = document['x-amazon-apigateway-endpoint-configuration'];
  return isObject(topLevel) ? topLevel : undefined;
}

function parseDocument(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') throw badRequest('Errors found during import:\n\tThe API definition is empty');
  if (!text.startsWith('{')) {
    throw badRequest(
      'Errors found during import:\n\tUnable to parse the API definition: the local cloud imports OpenAPI definitions in JSON only',
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error: unknown) {
    throw badRequest(
      `Errors found during import:\n\tUnable to parse the API definition: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isObject(document) || (typeof document.openapi !== 'string' && document.swagger !== '2.0')) {
    throw badRequest(
      "Errors found during import:\n\tThe API definition is neither OpenAPI 3 ('openapi': '3.x') nor Swagger 2.0",
    );
  }
  return document;
}

/**
 * Reads an OpenAPI 3 or Swagger 2.0 definition (JSON) the way ImportRestApi and PutRestApi do:
 * every path becomes a chain of resources, every operation a method with its
 * `x-amazon-apigateway-integration`, plus the policy and endpoint configuration extensions.
 * Problems are gathered and reported together as one BadRequestException, never a crash.
 */
export function parseApiDefinition(body: Buffer): ImportedDefinition {
  const document = parseDocument(body);
  const problems = new ImportProblems();
  const info = isObject(document.info) ? document.info : {};
  const security = securityContextOf(document);
  const paths: { pathParts: string[]; methods: MethodRecord[] }[] = [];
  const rawPaths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(rawPaths)) {
    const pathParts = problems.attempt(`Invalid path ${path}`, () => pathPartsOf(path));
    if (pathParts === undefined || !isObject(item)) continue;
    const pathParameters = Array.isArray(item.parameters) ? item.parameters : [];
    const methods: MethodRecord[] = [];
    for (const [key, operation] of Object.entries(item)) {
      const httpMethod = OPERATION_KEYS[key];
      if (httpMethod === undefined || !isObject(operation)) continue;
      const method = problems.attempt(
        `Unable to put method '${httpMethod}' on resource at path '${path}'`,
        () => methodOf(httpMethod, operation, pathParameters, security, problems),
      );
      if (method) methods.push(method);
    }
    paths.push({ pathParts, methods });
  }
  const rawPolicy = document['x-amazon-apigateway-policy'];
  if (rawPolicy !== undefined && !isObject(rawPolicy)) {
    problems.errors.push('x-amazon-apigateway-policy must be a policy document object');
  }
  const endpointConfiguration = endpointConfigurationOf(document);
  const vpcEndpointIds = stringListOf(endpointConfiguration?.vpcEndpointIds);
  if (endpointConfiguration?.vpcEndpointIds !== undefined && vpcEndpointIds === undefined) {
    problems.errors.push(
      'x-amazon-apigateway-endpoint-configuration.vpcEndpointIds must be a list of strings',
    );
  }
  if (problems.errors.length > 0) {
    throw badRequest(`Errors found during import:\n\t${problems.errors.join('\n\t')}`);
  }
  const disableExecuteApiEndpoint = endpointConfiguration?.disableExecuteApiEndpoint;
  return {
    title: stringOf(info.title),
    description: stringOf(info.description),
    version: stringOf(info.version),
    policy: isObject(rawPolicy) ? JSON.stringify(rawPolicy) : undefined,
    vpcEndpointIds,
    disableExecuteApiEndpoint:
      typeof disableExecuteApiEndpoint === 'boolean' ? disableExecuteApiEndpoint : undefined,
    binaryMediaTypes: stringListOf(document['x-amazon-apigateway-binary-media-types']),
    paths,
    warnings: problems.warnings,
  };
}
