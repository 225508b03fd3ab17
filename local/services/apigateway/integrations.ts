import { badRequest } from './errors';
import { MAX_INTEGRATION_TIMEOUT_MS, MIN_INTEGRATION_TIMEOUT_MS } from './limits';
import type { IntegrationRecord } from './model';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'] as const;
export const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS'] as const;
export const INTEGRATION_TYPES = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY'] as const;

export function assertHttpMethod(httpMethod: string): void {
  if (!(HTTP_METHODS as readonly string[]).includes(httpMethod)) {
    throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`);
  }
}

export function assertAuthorizationType(authorizationType: string, authorizerId: string | undefined): void {
  if (!(AUTHORIZATION_TYPES as readonly string[]).includes(authorizationType)) {
    throw badRequest(
      `Invalid authorization type specified. Valid options are ${AUTHORIZATION_TYPES.join(',')}`,
    );
  }
  if ((authorizationType === 'CUSTOM' || authorizationType === 'COGNITO_USER_POOLS') && !authorizerId) {
    throw badRequest(
      'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
    );
  }
}

/** Method response status codes are three digits, 1xx to 5xx. */
export function assertStatusCode(statusCode: string): void {
  if (!/^[1-5]\d{2}$/.test(statusCode)) throw badRequest('Invalid Response status code specified');
}

/** What PutIntegration (or an OpenAPI `x-amazon-apigateway-integration`) asks for. */
export interface IntegrationSpec {
  readonly type: string;
  readonly httpMethod?: string;
  readonly uri?: string;
  readonly connectionType?: string;
  readonly connectionId?: string;
  readonly credentials?: string;
  readonly requestParameters?: Record<string, string>;
  readonly requestTemplates?: Record<string, string>;
  readonly passthroughBehavior?: string;
  readonly contentHandling?: string;
  readonly timeoutInMillis?: number;
  readonly cacheNamespace?: string;
  readonly cacheKeyParameters?: string[];
}

/**
 * Validates an integration as API Gateway does and fills its defaults (WHEN_NO_MATCH,
 * 29,000 ms, the resource id as cache namespace). Every type but MOCK needs a URI and an
 * integration HTTP method.
 */
export function buildIntegration(spec: IntegrationSpec, resourceId: string): IntegrationRecord {
  const type = spec.type.toUpperCase();
  if (!(INTEGRATION_TYPES as readonly string[]).includes(type)) {
    throw badRequest(
      `1 validation error detected: Value '${spec.type}' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [${INTEGRATION_TYPES.join(', ')}]`,
    );
  }
  if (type !== 'MOCK') {
    if (!spec.httpMethod) throw badRequest('Enumeration value for HttpMethod must be non-empty');
    assertHttpMethod(spec.httpMethod.toUpperCase());
    if (!spec.uri) throw badRequest('Invalid integration URI specified');
    if ((type === 'HTTP' || type === 'HTTP_PROXY') && !/^https?:\/\/[^/\s]+/.test(spec.uri)) {
      throw badRequest('Invalid HTTP endpoint specified for URI');
    }
    if ((type === 'AWS' || type === 'AWS_PROXY') && !spec.uri.startsWith('arn:')) {
      throw badRequest('AWS ARN for integration must contain path or action');
    }
  }
  const timeoutInMillis = spec.timeoutInMillis ?? MAX_INTEGRATION_TIMEOUT_MS;
  if (timeoutInMillis < MIN_INTEGRATION_TIMEOUT_MS || timeoutInMillis > MAX_INTEGRATION_TIMEOUT_MS) {
    throw badRequest(
      `Timeout should be between ${MIN_INTEGRATION_TIMEOUT_MS} ms and ${MAX_INTEGRATION_TIMEOUT_MS} ms`,
    );
  }
  return {
    type,
    httpMethod: type === 'MOCK' ? undefined : spec.httpMethod?.toUpperCase(),
    uri: spec.uri,
    connectionType: spec.connectionType,
    connectionId: spec.connectionId,
    credentials: spec.credentials,
    requestParameters: spec.requestParameters,
    requestTemplates: spec.requestTemplates,
    passthroughBehavior: spec.passthroughBehavior ?? 'WHEN_NO_MATCH',
    contentHandling: spec.contentHandling,
    timeoutInMillis,
    cacheNamespace: spec.cacheNamespace ?? resourceId,
    cacheKeyParameters: spec.cacheKeyParameters ?? [],
    integrationResponses: {},
  };
}
