import { parseApiDefinition } from '../../../../local/services/apigateway/openapi-import';

const definition = (document: unknown): Buffer => Buffer.from(JSON.stringify(document));

describe('parseApiDefinition', () => {
  it('reads a Swagger 2.0 definition with SigV4 security, an API key, ANY methods and top-level extensions', () => {
    // Prepare
    const document = {
      swagger: '2.0',
      info: { title: 'legacy', version: '2' },
      securityDefinitions: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
        key: { type: 'apiKey', name: 'x-api-key', in: 'header' },
      },
      'x-amazon-apigateway-endpoint-configuration': {
        vpcEndpointIds: ['vpce-01'],
        disableExecuteApiEndpoint: true,
      },
      paths: {
        '/{proxy+}': {
          'x-amazon-apigateway-any-method': {
            security: [{ sigv4: [] }],
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'any',
              uri: 'https://backend.example.com/{proxy}',
            },
          },
          get: { security: [{ key: [] }] },
        },
      },
    };

    // Act
    const parsed = parseApiDefinition(definition(document));

    // Assess
    expect(parsed).toMatchObject({
      title: 'legacy',
      vpcEndpointIds: ['vpce-01'],
      disableExecuteApiEndpoint: true,
    });
    expect(parsed.paths).toEqual([
      {
        pathParts: ['{proxy+}'],
        methods: [
          expect.objectContaining({
            httpMethod: 'ANY',
            authorizationType: 'AWS_IAM',
            integration: expect.objectContaining({ type: 'HTTP_PROXY', httpMethod: 'ANY' }),
          }),
          expect.objectContaining({ httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }),
        ],
      },
    ]);
  });

  it('reports every problem of a definition in one BadRequestException', () => {
    // Prepare
    const document = {
      openapi: '3.0.1',
      info: { title: 'broken' },
      paths: {
        relative: { get: {} },
        '/bad part': { get: {} },
        '/ok': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'MOCK',
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    };

    // Act
    const attempt = () => parseApiDefinition(definition(document));

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'BadRequestException' }));
    expect(attempt).toThrow(/Errors found during import:[\s\S]*relative[\s\S]*\/bad part[\s\S]*\/ok/);
  });

  it('warns about security schemes it cannot map instead of failing', () => {
    // Prepare
    const document = {
      openapi: '3.0.1',
      info: { title: 'cognito' },
      components: { securitySchemes: { pool: { type: 'apiKey', name: 'Authorization', in: 'header' } } },
      paths: { '/': { get: { security: [{ pool: [] }] } } },
    };

    // Act
    const parsed = parseApiDefinition(definition(document));

    // Assess
    expect(parsed.warnings).toEqual([expect.stringContaining('pool')]);
    expect(parsed.paths[0]?.methods[0]?.authorizationType).toBe('NONE');
  });

  it.each([
    ['an empty body', ''],
    ['YAML', 'openapi: 3.0.1\ninfo:\n  title: yaml\n'],
    ['truncated JSON', '{"openapi": "3.0.1", "paths": {'],
    ['JSON that is not OpenAPI', '{"hello": "world"}'],
  ])('rejects %s with BadRequestException', (_case, body) => {
    // Act
    const attempt = () => parseApiDefinition(Buffer.from(body));

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'BadRequestException', status: 400 }));
  });
});
