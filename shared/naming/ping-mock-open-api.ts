/** OpenAPI version of the generated definition (the version API Gateway exports). */
const OPENAPI_VERSION = '3.0.1';

/** An OpenAPI 3 document, as much of it as the control plane writes. */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, unknown>;
};

/**
 * The definition of an API sent without one: a MOCK `GET /ping` answering 200 `{"status":"ok"}`.
 * API Gateway cannot deploy an API without methods (AWS-FACTS), and the ping lets a caller probe
 * the API from the VPC without any backend.
 */
export function pingMockOpenApi(title: string): OpenApiDocument {
  return {
    openapi: OPENAPI_VERSION,
    info: { title, version: '1.0' },
    paths: {
      '/ping': {
        get: {
          responses: { '200': { description: 'The API is reachable.' } },
          'x-amazon-apigateway-integration': {
            type: 'mock',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
            responses: {
              default: { statusCode: '200', responseTemplates: { 'application/json': '{"status":"ok"}' } },
            },
          },
        },
      },
    },
  };
}
