import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../../../../shared/naming';
import { type DefinitionRef, definitionRef } from '../../../../shared/status/definition-store';
import { type CreateApiDeps, createApi } from '../../../../shared/steps/create-api';
import type { StepRequest } from '../../../../shared/steps/step-input';
import { FakeApiGateway } from './fakes/fake-api-gateway';
import { stepRequest } from './fakes/step-request';

const REQUEST_ID = 'req-0001';
const API_KEY = 'orders-prod';

/** A user's OpenAPI definition that tries to set what the control plane owns. */
const userOpenApi = () => ({
  openapi: '3.0.1',
  info: { title: 'orders', version: '2.0' },
  paths: { '/orders': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } },
  'x-amazon-apigateway-policy': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*' }] },
  'x-amazon-apigateway-endpoint-configuration': { vpcEndpointIds: ['vpce-0badbadbadbadbad0'] },
  'x-amazon-apigateway-binary-media-types': ['application/pdf'],
});

/** The definitions intake stored, by hash. */
const definitions = new Map<string, Record<string, unknown>>();

/** Stores a definition as intake does and returns the reference the request carries. */
function stored(openApi: Record<string, unknown>): DefinitionRef {
  const { ref } = definitionRef(openApi);
  definitions.set(ref.sha256, structuredClone(openApi));
  return ref;
}

describe('createApi', () => {
  let apiGateway: FakeApiGateway;
  /** Each recordApiId call, with the API Gateway operations made before it. */
  let recorded: { restApiId: string; after: string[] }[];
  let deps: CreateApiDeps;
  /** What the managed-API record says of its API. */
  let owned: { apiId?: string; creationToken?: string };

  beforeEach(() => {
    apiGateway = new FakeApiGateway();
    recorded = [];
    owned = {};
    let tokens = 0;
    deps = {
      apiGateway,
      ownedApi: async () => ({ ...owned }),
      newToken: () => `token-${++tokens}`,
      reserveCreationToken: async (candidate) => {
        owned.creationToken ??= candidate;
        return owned.creationToken;
      },
      loadDefinition: async (ref) => {
        const document = definitions.get(ref.sha256);
        if (!document) throw new Error(`no definition ${ref.sha256}`);
        return structuredClone(document);
      },
      recordApiId: async (restApiId) => {
        owned.apiId = restApiId;
        recorded.push({ restApiId, after: apiGateway.operations() });
      },
    };
  });

  it('creates a private API tagged with the apiKey and the request, then records its id before anything else', async () => {
    // Prepare
    const request = stepRequest({ tags: { team: 'payments' } });

    // Act
    const result = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request }, deps);

    // Assess
    expect(result).toEqual({ restApiId: expect.any(String), created: true });
    const api = apiGateway.api(result.restApiId).summary;
    expect(api).toMatchObject({ name: 'orders', endpointTypes: ['PRIVATE'] });
    expect(api.tags).toEqual({
      team: 'payments',
      [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
      [MANAGED_TAG_KEYS.apiKey]: API_KEY,
      [MANAGED_TAG_KEYS.requestId]: REQUEST_ID,
      [MANAGED_TAG_KEYS.creationToken]: 'token-1',
    });
    expect(owned).toEqual({ apiId: result.restApiId, creationToken: 'token-1' });
    expect(recorded).toEqual([{ restApiId: result.restApiId, after: ['createPrivateRestApi'] }]);
    expect(apiGateway.operations()).toEqual(['createPrivateRestApi', 'putDefinition']);
  });

  it('passes the description to CreateRestApi', async () => {
    // Prepare
    const request = stepRequest({ api: { description: 'Orders, private' } });

    // Act
    await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request }, deps);

    // Assess
    expect(apiGateway.calls.find((call) => call.operation === 'createPrivateRestApi')?.args[0]).toMatchObject(
      {
        name: 'orders',
        description: 'Orders, private',
      },
    );
  });

  it('uses the API its record owns, and does not create a second one', async () => {
    // Prepare
    const existing = apiGateway.seedApi({ name: 'orders', description: 'Orders API' });
    owned.apiId = existing;

    // Act
    const result = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);

    // Assess
    expect(result).toEqual({ restApiId: existing, created: false });
    expect(recorded).toEqual([{ restApiId: existing, after: ['getRestApi'] }]);
    expect(apiGateway.operations()).toEqual(['getRestApi', 'putDefinition']);
    expect(apiGateway.apis.size).toBe(1);
  });

  it('never adopts an API that only carries copied tags of the apiKey: it creates its own', async () => {
    // Prepare
    const copied = apiGateway.seedApi({
      tags: {
        [MANAGED_TAG_KEYS.apiKey]: API_KEY,
        [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
        [MANAGED_TAG_KEYS.requestId]: REQUEST_ID,
      },
    });

    // Act
    const result = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);

    // Assess
    expect(result.created).toBe(true);
    expect(result.restApiId).not.toBe(copied);
    expect(apiGateway.api(copied).definition).toBeUndefined();
  });

  it('finds the API it made when the answer of CreateRestApi was lost, by the token its record reserved', async () => {
    // Prepare: the API exists with the reserved token, its id never recorded
    const first = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);
    delete owned.apiId;

    // Act
    const retry = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);

    // Assess
    expect(retry).toEqual({ restApiId: first.restApiId, created: false });
    expect(apiGateway.apis.size).toBe(1);
  });

  it('makes one API when it runs twice', async () => {
    // Prepare
    const input = { requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() };
    const first = await createApi(input, deps);

    // Act
    const second = await createApi(input, deps);

    // Assess
    expect(second).toEqual({ restApiId: first.restApiId, created: false });
    expect(apiGateway.apis.size).toBe(1);
  });

  it("puts the user's OpenAPI without the policy and endpoint-configuration extensions, keeping the rest", async () => {
    // Prepare
    const request = stepRequest({ api: { definition: stored(userOpenApi()) } });

    // Act
    const result = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request }, deps);

    // Assess
    const { definition = {}, summary } = apiGateway.api(result.restApiId);
    expect(definition).not.toHaveProperty(['x-amazon-apigateway-policy']);
    expect(definition).not.toHaveProperty(['x-amazon-apigateway-endpoint-configuration']);
    expect(summary.policy).toBeUndefined();
    expect(summary.vpcEndpointIds).toEqual([]);
    expect(definition).toEqual({
      openapi: '3.0.1',
      info: { title: 'orders', description: 'Orders API', version: '2.0' },
      paths: userOpenApi().paths,
      'x-amazon-apigateway-binary-media-types': ['application/pdf'],
    });
  });

  it("leaves the request's own OpenAPI document as it was", async () => {
    // Prepare
    const openApi = userOpenApi();
    const request = stepRequest({ api: { definition: stored(openApi) } });

    // Act
    await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request }, deps);

    // Assess
    expect(openApi).toEqual(userOpenApi());
  });

  it('puts a MOCK GET /ping titled with the API name when the request has no OpenAPI', async () => {
    // Prepare
    const request = stepRequest({ api: { name: 'inventory' } });

    // Act
    const result = await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request }, deps);

    // Assess
    const definition = apiGateway.api(result.restApiId).definition ?? {};
    expect(definition).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'inventory' },
      paths: {
        '/ping': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'mock',
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    });
    expect(Object.keys(definition.paths ?? {})).toEqual(['/ping']);
  });

  it('stops before putting the definition when the API id cannot be recorded', async () => {
    // Prepare
    const recordFailure = new Error('ProvisionedThroughputExceededException');
    deps = { ...deps, recordApiId: () => Promise.reject(recordFailure) };

    // Act
    const outcome = createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);

    // Assess
    await expect(outcome).rejects.toBe(recordFailure);
    expect(apiGateway.operations()).not.toContain('putDefinition');
  });

  it("renames the API and replaces its description when the request's differ", async () => {
    // Prepare
    const existing = apiGateway.seedApi({ name: 'old-name', description: 'old description' });
    owned.apiId = existing;

    // Act
    await createApi({ requestId: REQUEST_ID, apiKey: API_KEY, request: stepRequest() }, deps);

    // Assess
    expect(apiGateway.api(existing).summary).toMatchObject({ name: 'orders', description: 'Orders API' });
    expect(apiGateway.operations()).toEqual(['getRestApi', 'updateNameAndDescription', 'putDefinition']);
  });

  describe('on an update', () => {
    const updateInput = (request: StepRequest, previous: StepRequest) => ({
      requestId: 'req-0002',
      apiKey: API_KEY,
      request,
      previous,
    });

    it('leaves the definition (and with it the policy and associations) alone when it did not change', async () => {
      // Prepare
      const openApi = userOpenApi();
      const restApiId = apiGateway.seedApi({
        name: 'orders',
        description: 'Orders API',
        policy: 'the current policy',
        vpcEndpointIds: ['vpce-0aaaaaaaaaaaaaaa1'],
      });
      owned.apiId = restApiId;

      // Act
      const result = await createApi(
        updateInput(
          stepRequest({ api: { definition: stored(openApi), stageName: 'v2' } }),
          stepRequest({ api: { definition: stored(userOpenApi()) } }),
        ),
        deps,
      );

      // Assess
      expect(result).toEqual({ restApiId, created: false });
      expect(apiGateway.operations()).toEqual(['getRestApi']);
      expect(apiGateway.api(restApiId).summary).toMatchObject({
        policy: 'the current policy',
        vpcEndpointIds: ['vpce-0aaaaaaaaaaaaaaa1'],
      });
      expect(recorded).toEqual([{ restApiId, after: ['getRestApi'] }]);
    });

    it('puts the new definition when it changed', async () => {
      // Prepare
      const restApiId = apiGateway.seedApi();
      owned.apiId = restApiId;

      // Act
      await createApi(
        updateInput(stepRequest({ api: { definition: stored(userOpenApi()) } }), stepRequest()),
        deps,
      );

      // Assess
      expect(apiGateway.api(restApiId).definition).toMatchObject({ paths: userOpenApi().paths });
    });
  });
});
