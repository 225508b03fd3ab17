import {
  APIGatewayClient,
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  ImportRestApiCommand,
  LimitExceededException,
  NotFoundException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  PutRestApiCommand,
  TagResourceCommand,
  TooManyRequestsException,
  UntagResourceCommand,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

const ACCOUNT_ID = '000000000000';
const VPCE_A = 'vpce-0a1b2c3d4e5f60001';
const VPCE_B = 'vpce-0a1b2c3d4e5f60002';
const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
});

/** AWS returns the policy escaped once more than JSON: unescape it the way Terraform does. */
const parsePolicy = (policy: string | undefined): unknown => JSON.parse(JSON.parse(`"${policy ?? ''}"`));

/** What an OpenAPI 3 definition of a private API with one MOCK method looks like. */
function openApiDefinition(overrides: Record<string, unknown> = {}): Uint8Array {
  return Buffer.from(
    JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'orders', version: '1.0' },
      paths: {
        '/orders/{orderId}/items': {
          get: {
            parameters: [{ name: 'orderId', in: 'path', required: true }],
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
          post: { responses: { '201': { description: 'created' } } },
        },
      },
      ...overrides,
    }),
  );
}

describe('local API Gateway with the real SDK client', () => {
  let cloud: TestCloud;
  let client: APIGatewayClient;

  beforeAll(async () => {
    cloud = await startTestCloud({ quotas: false });
    client = new APIGatewayClient({ ...cloud.clientConfig, maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await cloud.stop();
  });

  async function createPrivateApi(options: { policy?: string; vpcEndpointIds?: string[] } = {}) {
    return client.send(
      new CreateRestApiCommand({
        name: 'private-api',
        endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: options.vpcEndpointIds },
        policy: options.policy,
      }),
    );
  }

  async function rootResourceId(restApiId: string): Promise<string> {
    const resources = await client.send(new GetResourcesCommand({ restApiId }));
    const root = resources.items?.find((resource) => resource.path === '/');
    if (!root?.id) throw new Error('no root resource');
    return root.id;
  }

  /** A GET on the root with a MOCK integration: the least an API needs to be deployable. */
  async function addMockMethod(restApiId: string, resourceId?: string): Promise<void> {
    const target = resourceId ?? (await rootResourceId(restApiId));
    await client.send(
      new PutMethodCommand({ restApiId, resourceId: target, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    await client.send(
      new PutIntegrationCommand({ restApiId, resourceId: target, httpMethod: 'GET', type: 'MOCK' }),
    );
  }

  async function deployablePrivateApi(): Promise<string> {
    const api = await createPrivateApi({ policy: ALLOW_ALL });
    const restApiId = api.id ?? '';
    await addMockMethod(restApiId);
    return restApiId;
  }

  describe('REST APIs', () => {
    it('creates an EDGE API with a 10-character id, a root resource and AVAILABLE status when no type is given', async () => {
      // Prepare
      const before = Date.now();

      // Act
      const api = await client.send(new CreateRestApiCommand({ name: 'edge-api', description: 'first' }));

      // Assess
      expect(api.id).toMatch(/^[a-z0-9]{10}$/);
      expect(api.endpointConfiguration?.types).toEqual(['EDGE']);
      expect(api.apiStatus).toBe('AVAILABLE');
      expect(api.apiKeySource).toBe('HEADER');
      expect(api.createdDate?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));
      expect(resources.items).toEqual([{ id: api.rootResourceId, path: '/' }]);
    });

    it('creates a PRIVATE API associated with the VPC endpoints given at creation', async () => {
      // Act
      const api = await createPrivateApi({ vpcEndpointIds: [VPCE_A] });

      // Assess
      expect(api.endpointConfiguration).toEqual({ types: ['PRIVATE'], vpcEndpointIds: [VPCE_A] });
      expect(cloud.services.apigateway.view.associations()).toContainEqual(
        expect.objectContaining({ restApiId: api.id, vpcEndpointId: VPCE_A, region: 'us-east-1' }),
      );
    });

    it('rejects CreateRestApi without a name with BadRequestException', async () => {
      // Act
      const attempt = client.send(new CreateRestApiCommand({ name: undefined as unknown as string }));

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    });

    it('rejects vpcEndpointIds on a REGIONAL API with BadRequestException', async () => {
      // Act
      const attempt = client.send(
        new CreateRestApiCommand({
          name: 'regional',
          endpointConfiguration: { types: ['REGIONAL'], vpcEndpointIds: [VPCE_A] },
        }),
      );

      // Assess
      await expect(attempt).rejects.toThrow(
        expect.objectContaining({
          name: 'BadRequestException',
          message: 'VPCEndpoints can only be specified with PRIVATE apis.',
        }),
      );
    });

    it('answers NotFoundException naming the account and id for an unknown API', async () => {
      // Prepare
      const calls = [
        new GetRestApiCommand({ restApiId: 'abcde12345' }),
        new UpdateRestApiCommand({ restApiId: 'abcde12345', patchOperations: [] }),
        new DeleteRestApiCommand({ restApiId: 'abcde12345' }),
        new GetResourcesCommand({ restApiId: 'abcde12345' }),
      ] as const;

      // Act
      const outcomes = await Promise.allSettled(calls.map((call) => client.send(call as GetRestApiCommand)));

      // Assess
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const reason = outcome.status === 'rejected' ? outcome.reason : undefined;
        expect(reason).toBeInstanceOf(NotFoundException);
        expect(reason).toHaveProperty('message', `Invalid API identifier specified ${ACCOUNT_ID}:abcde12345`);
        expect(reason).toHaveProperty('$metadata.httpStatusCode', 404);
      }
    });

    it('does not show an API to a client of another Region', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'east-only' }));
      const west = new APIGatewayClient({ ...cloud.clientConfig, region: 'us-west-2', maxAttempts: 1 });

      // Act
      const attempt = west.send(new GetRestApiCommand({ restApiId: api.id }));

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
      west.destroy();
    });

    it('pages GetRestApis with limit and position until every API is listed', async () => {
      // Prepare
      const region = 'eu-north-1';
      const regional = new APIGatewayClient({ ...cloud.clientConfig, region, maxAttempts: 1 });
      const created: string[] = [];
      for (let i = 0; i < 5; i++) {
        created.push((await regional.send(new CreateRestApiCommand({ name: `paged-${i}` }))).id ?? '');
      }

      // Act
      const pages: string[][] = [];
      let position: string | undefined;
      do {
        const page = await regional.send(new GetRestApisCommand({ limit: 2, position }));
        pages.push((page.items ?? []).map((api) => api.id ?? ''));
        position = page.position;
      } while (position);

      // Assess
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(created);
      regional.destroy();
    });

    it('deletes an API (202) together with its VPC endpoint associations', async () => {
      // Prepare
      const api = await createPrivateApi({ vpcEndpointIds: [VPCE_A] });

      // Act
      const deleted = await client.send(new DeleteRestApiCommand({ restApiId: api.id }));

      // Assess
      expect(deleted.$metadata.httpStatusCode).toBe(202);
      await expect(client.send(new GetRestApiCommand({ restApiId: api.id }))).rejects.toBeInstanceOf(
        NotFoundException,
      );
      expect(cloud.services.apigateway.view.associations().map((a) => a.restApiId)).not.toContain(api.id);
    });
  });

  describe('resource policies', () => {
    it('returns the policy escaped as AWS does, with execute-api:/* expanded to the API ARN', async () => {
      // Act
      const api = await createPrivateApi({ policy: ALLOW_ALL });
      const read = await client.send(new GetRestApiCommand({ restApiId: api.id }));

      // Assess
      expect(read.policy).toContain('{\\"Version\\":\\"2012-10-17\\"');
      expect(read.policy).toContain(`arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${api.id}\\/*`);
      expect(parsePolicy(read.policy)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${api.id}/*`,
          },
        ],
      });
    });

    it('expands stage, method and path resources of execute-api:/stage/GET/path', async () => {
      // Prepare
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'execute-api:Invoke',
            Resource: ['execute-api:/prod/GET/orders', 'arn:aws:execute-api:us-east-1:111111111111:other/*'],
          },
        ],
      });

      // Act
      const api = await createPrivateApi({ policy });

      // Assess
      expect(parsePolicy(api.policy)).toHaveProperty('Statement.0.Resource', [
        `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${api.id}/prod/GET/orders`,
        'arn:aws:execute-api:us-east-1:111111111111:other/*',
      ]);
    });

    it('rejects a policy over 8,192 characters with BadRequestException', async () => {
      // Prepare
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        ],
        Padding: 'x'.repeat(8192),
      });

      // Act
      const attempt = createPrivateApi({ policy });

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    });

    it('rejects a policy that is not JSON with BadRequestException', async () => {
      // Prepare
      const api = await createPrivateApi();

      // Act
      const attempt = client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'replace', path: '/policy', value: '{"Version": ' }],
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    });

    it('replaces and then removes the policy with UpdateRestApi', async () => {
      // Prepare
      const api = await createPrivateApi();

      // Act
      const withPolicy = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'replace', path: '/policy', value: ALLOW_ALL }],
        }),
      );
      const withoutPolicy = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'replace', path: '/policy', value: '' }],
        }),
      );

      // Assess
      expect(parsePolicy(withPolicy.policy)).toHaveProperty('Statement.0.Effect', 'Allow');
      expect(withoutPolicy.policy).toBeUndefined();
    });
  });

  describe('UpdateRestApi and VPC endpoint associations', () => {
    it('renames and describes an API with replace patch operations', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'before' }));

      // Act
      const updated = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'replace', path: '/name', value: 'after' },
            { op: 'replace', path: '/description', value: 'renamed' },
          ],
        }),
      );

      // Assess
      expect(updated).toMatchObject({ id: api.id, name: 'after', description: 'renamed' });
    });

    it('rejects an unsupported patch path with BadRequestException naming it, and changes nothing', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'unchanged' }));

      // Act
      const attempt = client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'replace', path: '/name', value: 'changed' },
            { op: 'replace', path: '/color', value: 'blue' },
          ],
        }),
      );

      // Assess
      await expect(attempt).rejects.toThrow(expect.objectContaining({ name: 'BadRequestException' }));
      await expect(attempt).rejects.toThrow(/\/color/);
      expect((await client.send(new GetRestApiCommand({ restApiId: api.id }))).name).toBe('unchanged');
    });

    it('associates VPC endpoints with the simulated time of each association and disassociates them', async () => {
      // Prepare
      const api = await createPrivateApi();
      const before = cloud.clock.now();

      // Act
      const associated = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_A },
            { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_B },
          ],
        }),
      );
      const associations = cloud.services.apigateway.view
        .associations()
        .filter((a) => a.restApiId === api.id);
      const disassociated = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_A }],
        }),
      );

      // Assess
      expect(associated.endpointConfiguration?.vpcEndpointIds).toEqual([VPCE_A, VPCE_B]);
      expect(associations.map((a) => a.vpcEndpointId)).toEqual([VPCE_A, VPCE_B]);
      for (const association of associations) {
        expect(association.associatedAtMs).toBeGreaterThanOrEqual(before);
        expect(association.associatedAtMs).toBeLessThanOrEqual(cloud.clock.now());
      }
      expect(disassociated.endpointConfiguration?.vpcEndpointIds).toEqual([VPCE_B]);
    });

    it('keeps the original association time when an associated endpoint is added again', async () => {
      // Prepare
      const api = await createPrivateApi({ vpcEndpointIds: [VPCE_A] });
      const [first] = cloud.services.apigateway.view.associations().filter((a) => a.restApiId === api.id);
      await new Promise((resolve) => setTimeout(resolve, 5));

      // Act
      const again = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_A }],
        }),
      );

      // Assess
      expect(again.endpointConfiguration?.vpcEndpointIds).toEqual([VPCE_A]);
      expect(cloud.services.apigateway.view.associations().filter((a) => a.restApiId === api.id)).toEqual([
        first,
      ]);
    });

    it('rejects removing a VPC endpoint that is not associated with BadRequestException', async () => {
      // Prepare
      const api = await createPrivateApi({ vpcEndpointIds: [VPCE_A] });

      // Act
      const attempt = client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [{ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_B }],
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    });

    it('turns an EDGE API into a PRIVATE one and associates an endpoint in one update', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'to-private' }));

      // Act
      const updated = await client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'replace', path: '/endpointConfiguration/types/EDGE', value: 'PRIVATE' },
            { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_A },
          ],
        }),
      );

      // Assess
      expect(updated.endpointConfiguration).toEqual({ types: ['PRIVATE'], vpcEndpointIds: [VPCE_A] });
    });

    it('refuses to make a PRIVATE API with associations REGIONAL while the endpoints stay', async () => {
      // Prepare
      const api = await createPrivateApi({ vpcEndpointIds: [VPCE_A] });

      // Act
      const attempt = client.send(
        new UpdateRestApiCommand({
          restApiId: api.id,
          patchOperations: [
            { op: 'replace', path: '/endpointConfiguration/types/PRIVATE', value: 'REGIONAL' },
          ],
        }),
      );

      // Assess
      await expect(attempt).rejects.toThrow('VPCEndpoints can only be specified with PRIVATE apis.');
    });
  });

  describe('resources, methods and integrations', () => {
    it('creates nested resources with path parameters and lists them with embedded methods', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'tree' }));
      const orders = await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' }),
      );
      const order = await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: orders.id, pathPart: '{orderId}' }),
      );
      await addMockMethod(api.id ?? '', order.id);

      // Act
      const listed = await client.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
      const plain = await client.send(new GetResourceCommand({ restApiId: api.id, resourceId: order.id }));

      // Assess
      expect(order).toMatchObject({ path: '/orders/{orderId}', parentId: orders.id, pathPart: '{orderId}' });
      expect(listed.items?.map((resource) => resource.path)).toEqual(['/', '/orders', '/orders/{orderId}']);
      expect(listed.items?.[2]?.resourceMethods?.GET).toMatchObject({
        httpMethod: 'GET',
        authorizationType: 'NONE',
        methodIntegration: { type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000 },
      });
      expect(plain.resourceMethods).toEqual({ GET: {} });
    });

    it('rejects a sibling resource with the same path part with ConflictException', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'siblings' }));
      await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'a' }),
      );

      // Act
      const attempt = client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'a' }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(ConflictException);
    });

    it('rejects PutMethod on a method that exists with ConflictException', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'twice' }));
      await addMockMethod(api.id ?? '', api.rootResourceId);

      // Act
      const attempt = client.send(
        new PutMethodCommand({
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'GET',
          authorizationType: 'NONE',
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(ConflictException);
    });

    it('round-trips a MOCK integration with its method and integration responses', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'mock' }));
      const target = { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET' };
      await client.send(new PutMethodCommand({ ...target, authorizationType: 'AWS_IAM' }));
      await client.send(
        new PutIntegrationCommand({
          ...target,
          type: 'MOCK',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
        }),
      );
      await client.send(new PutMethodResponseCommand({ ...target, statusCode: '200' }));

      // Act
      await client.send(
        new PutIntegrationResponseCommand({
          ...target,
          statusCode: '200',
          responseTemplates: { 'application/json': '{"ok": true}' },
        }),
      );
      const method = await client.send(new GetMethodCommand(target));
      const integration = await client.send(new GetIntegrationCommand(target));

      // Assess
      expect(method).toMatchObject({
        httpMethod: 'GET',
        authorizationType: 'AWS_IAM',
        apiKeyRequired: false,
        methodResponses: { '200': { statusCode: '200' } },
      });
      expect(integration).toMatchObject({
        type: 'MOCK',
        cacheNamespace: api.rootResourceId,
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        integrationResponses: {
          '200': { statusCode: '200', responseTemplates: { 'application/json': '{"ok": true}' } },
        },
      });
    });

    it('answers NotFoundException for the integration response of an undeclared status code', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'undeclared' }));
      await addMockMethod(api.id ?? '', api.rootResourceId);

      // Act
      const attempt = client.send(
        new PutIntegrationResponseCommand({
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'GET',
          statusCode: '500',
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
    });

    it('rejects an HTTP integration without a URI with BadRequestException', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'http' }));
      await client.send(
        new PutMethodCommand({
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'POST',
          authorizationType: 'NONE',
        }),
      );

      // Act
      const attempt = client.send(
        new PutIntegrationCommand({
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'POST',
          type: 'HTTP_PROXY',
          integrationHttpMethod: 'POST',
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(BadRequestException);
    });

    it('deletes a resource together with its children', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'prune' }));
      const parent = await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'parent' }),
      );
      const child = await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: parent.id, pathPart: 'child' }),
      );

      // Act
      const deleted = await client.send(
        new DeleteResourceCommand({ restApiId: api.id, resourceId: parent.id }),
      );

      // Assess
      expect(deleted.$metadata.httpStatusCode).toBe(202);
      await expect(
        client.send(new GetResourceCommand({ restApiId: api.id, resourceId: child.id })),
      ).rejects.toBeInstanceOf(NotFoundException);
    });

    it('pages GetResources 25 at a time unless a limit is given', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'many-resources' }));
      for (let i = 0; i < 29; i++) {
        await client.send(
          new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: `r${i}` }),
        );
      }

      // Act
      const first = await client.send(new GetResourcesCommand({ restApiId: api.id }));
      const second = await client.send(
        new GetResourcesCommand({ restApiId: api.id, position: first.position }),
      );
      const all = await client.send(new GetResourcesCommand({ restApiId: api.id, limit: 500 }));

      // Assess
      expect(first.items).toHaveLength(25);
      expect(first.position).toBeDefined();
      expect(second.items).toHaveLength(5);
      expect(second.position).toBeUndefined();
      expect(all.items).toHaveLength(30);
    });
  });

  describe('deployments and stages', () => {
    it('refuses to deploy an API without methods', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'empty' }));

      // Act
      const attempt = client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));

      // Assess
      await expect(attempt).rejects.toThrow(
        expect.objectContaining({
          name: 'BadRequestException',
          message: "The REST API doesn't contain any methods",
        }),
      );
    });

    it('refuses to deploy a PRIVATE API without a resource policy', async () => {
      // Prepare
      const api = await createPrivateApi();
      await addMockMethod(api.id ?? '', api.rootResourceId);

      // Act
      const attempt = client.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));

      // Assess
      await expect(attempt).rejects.toThrow(
        expect.objectContaining({
          name: 'BadRequestException',
          message: "Private REST API doesn't have a resource policy attached to it",
        }),
      );
    });

    it('refuses to deploy a method without an integration', async () => {
      // Prepare
      const api = await client.send(new CreateRestApiCommand({ name: 'no-integration' }));
      await client.send(
        new PutMethodCommand({
          restApiId: api.id,
          resourceId: api.rootResourceId,
          httpMethod: 'GET',
          authorizationType: 'NONE',
        }),
      );

      // Act
      const attempt = client.send(new CreateDeploymentCommand({ restApiId: api.id }));

      // Assess
      await expect(attempt).rejects.toThrow('No integration defined for method');
    });

    it('deploys a private API with a policy and creates the named stage', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();

      // Act
      const deployment = await client.send(
        new CreateDeploymentCommand({
          restApiId,
          stageName: 'prod',
          description: 'first',
          variables: { a: '1' },
        }),
      );
      const stage = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
      const summary = await client.send(
        new GetDeploymentCommand({ restApiId, deploymentId: deployment.id, embed: ['apisummary'] }),
      );

      // Assess
      expect(deployment.id).toMatch(/^[a-z0-9]{10}$/);
      expect(deployment.createdDate).toBeInstanceOf(Date);
      expect(stage).toMatchObject({ stageName: 'prod', deploymentId: deployment.id, variables: { a: '1' } });
      expect(summary.apiSummary).toEqual({
        '/': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
      });
    });

    it('points an existing stage at the new deployment when CreateDeployment names it again', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      const first = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

      // Act
      const second = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

      // Assess
      const stages = await client.send(new GetStagesCommand({ restApiId }));
      expect(stages.item).toEqual([expect.objectContaining({ stageName: 'prod', deploymentId: second.id })]);
      const deployments = await client.send(new GetDeploymentsCommand({ restApiId }));
      expect(deployments.items?.map((deployment) => deployment.id)).toEqual([first.id, second.id]);
    });

    it('rejects CreateStage on a name in use with ConflictException "Stage already exists"', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      const deployment = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

      // Act
      const attempt = client.send(
        new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: deployment.id }),
      );

      // Assess
      await expect(attempt).rejects.toThrow(
        expect.objectContaining({ name: 'ConflictException', message: 'Stage already exists' }),
      );
    });

    it('refuses an 11th stage with LimitExceededException', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      const deployment = await client.send(new CreateDeploymentCommand({ restApiId }));
      for (let i = 0; i < 10; i++) {
        await client.send(
          new CreateStageCommand({ restApiId, stageName: `s${i}`, deploymentId: deployment.id }),
        );
      }

      // Act
      const outcomes = await Promise.allSettled([
        client.send(new CreateStageCommand({ restApiId, stageName: 's10', deploymentId: deployment.id })),
        client.send(new CreateDeploymentCommand({ restApiId, stageName: 's10' })),
      ]);

      // Assess
      for (const outcome of outcomes) {
        expect(outcome.status === 'rejected' ? outcome.reason : outcome).toBeInstanceOf(
          LimitExceededException,
        );
      }
    });

    it('updates stage variables and method settings with UpdateStage', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      await client.send(
        new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { old: 'x' } }),
      );

      // Act
      const stage = await client.send(
        new UpdateStageCommand({
          restApiId,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/variables/backend', value: 'blue' },
            { op: 'remove', path: '/variables/old' },
            { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' },
            { op: 'replace', path: '/*/*/throttling/rateLimit', value: '50' },
            { op: 'replace', path: '/description', value: 'production' },
          ],
        }),
      );

      // Assess
      expect(stage.variables).toEqual({ backend: 'blue' });
      expect(stage.methodSettings).toEqual({ '*/*': { loggingLevel: 'INFO', throttlingRateLimit: 50 } });
      expect(stage.description).toBe('production');
    });

    it('deletes a stage (202) and then answers NotFoundException for it', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

      // Act
      const deleted = await client.send(new DeleteStageCommand({ restApiId, stageName: 'prod' }));

      // Assess
      expect(deleted.$metadata.httpStatusCode).toBe(202);
      await expect(client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).rejects.toThrow(
        expect.objectContaining({ name: 'NotFoundException', message: 'Invalid Stage identifier specified' }),
      );
    });
  });

  describe('OpenAPI import', () => {
    it('imports an OpenAPI 3 definition into nested resources, MOCK integrations, a policy and associations', async () => {
      // Prepare
      const body = openApiDefinition({
        'x-amazon-apigateway-policy': JSON.parse(ALLOW_ALL),
        servers: [{ url: '/', 'x-amazon-apigateway-endpoint-configuration': { vpcEndpointIds: [VPCE_A] } }],
      });

      // Act
      const api = await client.send(
        new ImportRestApiCommand({ body, parameters: { endpointConfigurationTypes: 'PRIVATE' } }),
      );
      const resources = await client.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));

      // Assess
      expect(api).toMatchObject({
        name: 'orders',
        version: '1.0',
        endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [VPCE_A] },
      });
      expect(parsePolicy(api.policy)).toHaveProperty(
        'Statement.0.Resource',
        `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${api.id}/*`,
      );
      expect(resources.items?.map((resource) => resource.path)).toEqual([
        '/',
        '/orders',
        '/orders/{orderId}',
        '/orders/{orderId}/items',
      ]);
      const items = resources.items?.[3];
      expect(items?.resourceMethods?.GET).toMatchObject({
        requestParameters: { 'method.request.path.orderId': true },
        methodResponses: { '200': { statusCode: '200' } },
        methodIntegration: { type: 'MOCK', cacheNamespace: items?.id, integrationResponses: { '200': {} } },
      });
      expect(items?.resourceMethods?.POST?.methodIntegration).toBeUndefined();
    });

    it('imports an EDGE API when no endpoint type parameter is given', async () => {
      // Act
      const api = await client.send(new ImportRestApiCommand({ body: openApiDefinition() }));

      // Assess
      expect(api.endpointConfiguration?.types).toEqual(['EDGE']);
    });

    it('rejects a malformed definition with BadRequestException and creates nothing', async () => {
      // Prepare
      const region = 'ap-south-1';
      const regional = new APIGatewayClient({ ...cloud.clientConfig, region, maxAttempts: 1 });
      const malformed = [
        Buffer.from('{"openapi": "3.0.1", "info": '),
        Buffer.from('{"info": {"title": "no version key"}}'),
        openApiDefinition({ paths: { 'no-slash': { get: {} } } }),
        openApiDefinition({
          paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'teleport' } } } },
        }),
      ];

      // Act
      const outcomes = await Promise.allSettled(
        malformed.map((body) => regional.send(new ImportRestApiCommand({ body }))),
      );

      // Assess
      for (const outcome of outcomes) {
        expect(outcome.status === 'rejected' ? outcome.reason : outcome).toBeInstanceOf(BadRequestException);
      }
      expect((await regional.send(new GetRestApisCommand({}))).items).toEqual([]);
      regional.destroy();
    });

    it('overwrites an API with PutRestApi mode=overwrite, clearing the policy and associations it lacks', async () => {
      // Prepare
      const api = await createPrivateApi({ policy: ALLOW_ALL, vpcEndpointIds: [VPCE_A] });
      await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'legacy' }),
      );

      // Act
      const replaced = await client.send(
        new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: openApiDefinition() }),
      );
      const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));

      // Assess
      expect(replaced.policy).toBeUndefined();
      expect(replaced.endpointConfiguration).toEqual({ types: ['PRIVATE'] });
      expect(replaced.rootResourceId).toBe(api.rootResourceId);
      expect(resources.items?.map((resource) => resource.path)).not.toContain('/legacy');
    });

    it('merges a definition with PutRestApi mode=merge, keeping resources, policy and associations', async () => {
      // Prepare
      const api = await createPrivateApi({ policy: ALLOW_ALL, vpcEndpointIds: [VPCE_A] });
      await client.send(
        new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'legacy' }),
      );

      // Act
      const merged = await client.send(
        new PutRestApiCommand({ restApiId: api.id, mode: 'merge', body: openApiDefinition() }),
      );
      const resources = await client.send(new GetResourcesCommand({ restApiId: api.id }));

      // Assess
      expect(merged.policy).toBeDefined();
      expect(merged.endpointConfiguration?.vpcEndpointIds).toEqual([VPCE_A]);
      expect(resources.items?.map((resource) => resource.path)).toEqual(
        expect.arrayContaining(['/legacy', '/orders/{orderId}/items']),
      );
    });
  });

  describe('tags', () => {
    it('tags and untags an API and a stage named by their ARNs', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
      const apiArn = `arn:aws:apigateway:us-east-1::/restapis/${restApiId}`;
      const stageArn = `${apiArn}/stages/prod`;

      // Act
      await client.send(
        new TagResourceCommand({ resourceArn: apiArn, tags: { team: 'payments', env: 'prod' } }),
      );
      await client.send(new TagResourceCommand({ resourceArn: stageArn, tags: { tier: 'gold' } }));
      await client.send(new UntagResourceCommand({ resourceArn: apiArn, tagKeys: ['env'] }));

      // Assess
      expect((await client.send(new GetTagsCommand({ resourceArn: apiArn }))).tags).toEqual({
        team: 'payments',
      });
      expect((await client.send(new GetTagsCommand({ resourceArn: stageArn }))).tags).toEqual({
        tier: 'gold',
      });
      expect((await client.send(new GetRestApiCommand({ restApiId }))).tags).toEqual({ team: 'payments' });
    });

    it('answers NotFoundException for the tags of an unknown stage', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();

      // Act
      const attempt = client.send(
        new GetTagsCommand({
          resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/none`,
        }),
      );

      // Assess
      await expect(attempt).rejects.toBeInstanceOf(NotFoundException);
    });
  });

  describe('control actions (tampering behind the control plane)', () => {
    it('removes the policy, disassociates an endpoint, deletes a stage and sets a raw policy', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [{ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_A }],
        }),
      );
      await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));

      // Act
      const removed = await cloud.control('apigateway', 'remove-policy', { restApiId });
      const disassociated = await cloud.control('apigateway', 'disassociate-endpoint', {
        restApiId,
        vpcEndpointId: VPCE_A,
      });
      const stageDeleted = await cloud.control('apigateway', 'delete-stage', {
        restApiId,
        stageName: 'prod',
      });
      const afterRemoval = await client.send(new GetRestApiCommand({ restApiId }));
      await cloud.control('apigateway', 'set-policy', { restApiId, policy: '{"Version":"2012-10-17"}' });
      const afterSet = await client.send(new GetRestApiCommand({ restApiId }));

      // Assess
      expect(removed).toMatchObject({ restApiId, removed: true });
      expect(disassociated).toMatchObject({ restApiId, vpcEndpointId: VPCE_A, disassociated: true });
      expect(stageDeleted).toMatchObject({ restApiId, stageName: 'prod', deleted: true });
      expect(afterRemoval.policy).toBeUndefined();
      expect(afterRemoval.endpointConfiguration?.vpcEndpointIds).toBeUndefined();
      expect((await client.send(new GetStagesCommand({ restApiId }))).item).toEqual([]);
      expect(parsePolicy(afterSet.policy)).toEqual({ Version: '2012-10-17' });
    });

    it('answers 404 NotFoundException over HTTP for an unknown API', async () => {
      // Act
      const response = await fetch(`${cloud.endpoint}/_local/apigateway/remove-policy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ restApiId: 'nope000000' }),
      });

      // Assess
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'NotFoundException' });
    });
  });

  describe('protocol', () => {
    it('answers an unknown route with 404 UnknownOperationException in the REST-JSON error shape', async () => {
      // Act
      const response = await fetch(`${cloud.endpoint}/restapis/abc/nothing-here`);

      // Assess
      expect(response.status).toBe(404);
      expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
      expect(await response.json()).toHaveProperty('message');
    });

    it('restores APIs, associations and stages from a snapshot', async () => {
      // Prepare
      const restApiId = await deployablePrivateApi();
      await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
      await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [{ op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE_B }],
        }),
      );
      const service = cloud.services.apigateway;
      const saved = JSON.parse(JSON.stringify(service.snapshot()));
      const association = service.view.associations().find((a) => a.restApiId === restApiId);

      // Act
      await client.send(new DeleteRestApiCommand({ restApiId }));
      service.restore(saved);

      // Assess
      expect(service.view.associations()).toContainEqual(association);
      expect((await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).stageName).toBe(
        'prod',
      );
    });
  });
});

describe('local API Gateway quotas', () => {
  it('throttles a second CreateRestApi within 3 s with TooManyRequestsException and Retry-After', async () => {
    // Prepare
    const cloud = await startTestCloud({ quotas: true });
    const client = new APIGatewayClient({ ...cloud.clientConfig, maxAttempts: 1 });
    await client.send(new CreateRestApiCommand({ name: 'first' }));

    // Act
    const attempt = client.send(new CreateRestApiCommand({ name: 'second' }));

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(attempt).rejects.toHaveProperty('retryAfterSeconds', expect.stringMatching(/^[1-3]$/));
    client.destroy();
    await cloud.stop();
  });

  it('refuses the 601st private API in a Region with LimitExceededException', async () => {
    // Prepare
    const cloud = await startTestCloud({ quotas: false });
    const client = new APIGatewayClient({ ...cloud.clientConfig, maxAttempts: 1 });
    const privateApi = new CreateRestApiCommand({ name: 'p', endpointConfiguration: { types: ['PRIVATE'] } });
    for (let i = 0; i < 600; i++) await client.send(privateApi);

    // Act
    const [privateOutcome, regionalOutcome] = await Promise.allSettled([
      client.send(privateApi),
      client.send(new CreateRestApiCommand({ name: 'r', endpointConfiguration: { types: ['REGIONAL'] } })),
    ]);

    // Assess
    expect(privateOutcome.status === 'rejected' ? privateOutcome.reason : privateOutcome).toBeInstanceOf(
      LimitExceededException,
    );
    expect(regionalOutcome.status).toBe('fulfilled');
    client.destroy();
    await cloud.stop();
  });
});
