import { pingMockOpenApi } from '../../../../shared/naming';
import { parsePrivateApiRequest } from '../../../../shared/request';
import { createDetail, withField } from '../request/request-fixtures';

describe('pingMockOpenApi', () => {
  it('describes a MOCK GET /ping answering 200 {"status":"ok"}', () => {
    // Act
    const document = pingMockOpenApi('Orders');

    // Assess
    expect(document).toEqual({
      openapi: '3.0.1',
      info: { title: 'Orders', version: '1.0' },
      paths: {
        '/ping': {
          get: {
            responses: { '200': { description: expect.any(String) } },
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
    });
  });

  it('is a definition the request schema accepts', () => {
    // Prepare
    const detail = withField(createDetail(), 'api.openApi', pingMockOpenApi('Orders'));

    // Act
    const result = parsePrivateApiRequest(detail);

    // Assess
    expect(result.ok).toBe(true);
  });
});
