import { type FieldError, MAX_REPORTED_ERRORS, parsePrivateApiRequest } from '../../../../shared/request';
import { createDetail, deleteDetail, withField } from './request-fixtures';

/** The problems of a detail that must be refused (fails the test when it is accepted). */
function problemsOf(detail: unknown): FieldError[] {
  const result = parsePrivateApiRequest(detail);
  if (result.ok) throw new Error('expected the request to be refused');
  return result.errors;
}

const hex17 = (digit: string) => digit.repeat(17);
const tagsOf = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, 'v']));

describe('parsePrivateApiRequest', () => {
  it('accepts a create request and fills in the defaults', () => {
    // Prepare
    const detail = withField(createDetail(), 'tags', undefined);

    // Act
    const result = parsePrivateApiRequest(detail);

    // Assess
    expect(result).toEqual({
      ok: true,
      request: {
        requestId: 'req-0001',
        action: 'create',
        apiKey: 'orders-prod',
        api: { name: 'Orders', description: 'Orders API', stageName: 'v1' },
        network: {
          vpcId: 'vpc-0123456789abcdef0',
          subnetIds: ['subnet-0123456789abcdef0', 'subnet-11111111'],
          securityGroupIds: ['sg-0123456789abcdef0'],
          privateDns: true,
        },
        access: { allowedVpcIds: [], allowedVpcEndpointIds: [], associatedVpcEndpointIds: [] },
        tags: {},
      },
    });
  });

  it('accepts an update request with every optional field and keeps the OpenAPI document whole', () => {
    // Prepare
    const openApi = {
      openapi: '3.0.1',
      info: { title: 'Orders', version: '1' },
      paths: { '/orders/{id}': { get: { responses: { '200': { description: 'the order' } } } } },
      components: { schemas: {} },
    };
    const detail = withField(createDetail(), 'action', 'update');
    withField(detail, 'api.openApi', openApi);
    withField(detail, 'network.privateDns', false);
    withField(detail, 'network.vpcEndpointId', 'vpce-0123456789abcdef0');
    withField(detail, 'access', {
      allowedVpcIds: ['vpc-22222222'],
      allowedVpcEndpointIds: ['vpce-33333333'],
      associatedVpcEndpointIds: [],
    });

    // Act
    const result = parsePrivateApiRequest(detail);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok || result.request.action !== 'update') throw new Error('expected an update request');
    expect(result.request.api.openApi).toEqual(openApi);
    expect(result.request.network).toMatchObject({
      privateDns: false,
      vpcEndpointId: 'vpce-0123456789abcdef0',
    });
    expect(result.request.access).toEqual({
      allowedVpcIds: ['vpc-22222222'],
      allowedVpcEndpointIds: ['vpce-33333333'],
      associatedVpcEndpointIds: [],
    });
  });

  describe('the OpenAPI definition, as API Gateway would import it', () => {
    const ok = { responses: { '200': { description: 'ok' } } };
    it.each<[string, Record<string, unknown>, { field: string; message: RegExp }]>([
      [
        'a path whose value is not an object (the OpenAPI 3.0 schema)',
        { '/orders': 'nope' },
        { field: 'api.openApi.paths["/orders"]', message: /must be object/ },
      ],
      [
        'an operation without responses (the OpenAPI 3.0 schema)',
        { '/orders': { get: {} } },
        { field: 'api.openApi.paths["/orders"].get', message: /required: responses/ },
      ],
      [
        'an unknown integration type',
        { '/orders': { get: { ...ok, 'x-amazon-apigateway-integration': { type: 'FOO' } } } },
        {
          field: 'api.openApi.paths["/orders"].get["x-amazon-apigateway-integration"].type',
          message: /one of aws, aws_proxy, http, http_proxy, mock/,
        },
      ],
      [
        'an unclosed "{" in a path',
        { '/orders/{id': { get: ok } },
        { field: 'api.openApi.paths["/orders/{id"]', message: /close every "\{"/ },
      ],
      [
        'a greedy path part that is not the last',
        { '/{proxy+}/orders': { get: ok } },
        { field: 'api.openApi.paths["/{proxy+}/orders"]', message: /must be the last one/ },
      ],
      [
        'a reference outside the document',
        { '/orders': { $ref: 'https://example.invalid/paths.json' } },
        { field: 'api.openApi.paths["/orders"].$ref', message: /inside the document/ },
      ],
    ])('refuses %s at its field', (_what, paths, expected) => {
      // Prepare
      const detail = withField(createDetail(), 'api.openApi', { openapi: '3.0.1', paths });

      // Act
      const errors = problemsOf(detail);

      // Assess
      expect(errors).toEqual([{ field: expected.field, message: expect.stringMatching(expected.message) }]);
    });

    it('refuses OpenAPI 3.1, which API Gateway does not import', () => {
      // Prepare
      const detail = withField(createDetail(), 'api.openApi', {
        openapi: '3.1.0',
        paths: { '/a': { get: ok } },
      });

      // Act
      const errors = problemsOf(detail);

      // Assess
      expect(errors).toEqual([
        { field: 'api.openApi.openapi', message: expect.stringMatching(/API Gateway imports OpenAPI 3.0/) },
      ]);
    });

    it('accepts a definition whose info the control plane fills in', () => {
      // Prepare
      const detail = withField(createDetail(), 'api.openApi', {
        openapi: '3.0.3',
        paths: { '/orders/{id}': { get: { ...ok, 'x-amazon-apigateway-integration': { type: 'MOCK' } } } },
      });

      // Act
      const result = parsePrivateApiRequest(detail);

      // Assess
      expect(result.ok).toBe(true);
    });
  });

  it('accepts a delete request that carries only requestId, action and apiKey', () => {
    // Act
    const result = parsePrivateApiRequest(deleteDetail());

    // Assess
    expect(result).toEqual({ ok: true, request: deleteDetail() });
  });

  it.each<[string, string, unknown]>([
    ['an 8-hex VPC id', 'network.vpcId', 'vpc-01234567'],
    ['a 17-hex subnet id', 'network.subnetIds', [`subnet-${hex17('a')}`]],
    [
      '16 subnets',
      'network.subnetIds',
      Array.from({ length: 16 }, (_, index) => `subnet-${String(index).padStart(8, '0')}`),
    ],
    [
      '5 security groups',
      'network.securityGroupIds',
      ['1', '2', '3', '4', '5'].map((digit) => `sg-${digit.repeat(8)}`),
    ],
    ['a 3-character apiKey', 'apiKey', 'a-1'],
    ['a 63-character apiKey', 'apiKey', `a${'-'.repeat(61)}b`],
    ['a 64-character requestId', 'requestId', 'R'.repeat(64)],
    ['a 128-character name with spaces and accents', 'api.name', `Éa ${'x'.repeat(125)}`],
    ['a 1024-character description', 'api.description', 'd'.repeat(1024)],
    ['a 128-character stage name', 'api.stageName', 's'.repeat(128)],
    ['40 tags', 'tags', tagsOf(40)],
    ['tag keys and values with every allowed character', 'tags', { 'cost center_.:/=+-@ 1': 'é _.:/=+-@' }],
    ['a 256-character tag value', 'tags', { team: 'v'.repeat(256) }],
    [
      '50 allowed VPCs',
      'access.allowedVpcIds',
      Array.from({ length: 50 }, (_, index) => `vpc-${String(index).padStart(8, '0')}`),
    ],
  ])('accepts %s', (_, path, value) => {
    // Prepare
    const detail = createDetail();
    if (path.startsWith('access.')) withField(detail, 'access', {});
    withField(detail, path, value);

    // Act
    const result = parsePrivateApiRequest(detail);

    // Assess
    expect(result).toMatchObject({ ok: true });
  });

  it.each<[string, string, unknown, string, RegExp]>([
    ['a requestId with spaces', 'requestId', 'req 1', 'requestId', /1 to 64 letters, digits, '_' or '-'/],
    ['a 65-character requestId', 'requestId', 'R'.repeat(65), 'requestId', /1 to 64/],
    ['a missing requestId', 'requestId', undefined, 'requestId', /^required: /],
    ['an apiKey in capitals', 'apiKey', 'Orders', 'apiKey', /lowercase letters.*like orders-prod/],
    ['an apiKey starting with -', 'apiKey', '-orders', 'apiKey', /neither starting nor ending with '-'/],
    ['an apiKey ending with -', 'apiKey', 'orders-', 'apiKey', /neither starting nor ending/],
    ['a 2-character apiKey', 'apiKey', 'ab', 'apiKey', /3 to 63/],
    ['a 64-character apiKey', 'apiKey', 'a'.repeat(64), 'apiKey', /3 to 63/],
    [
      'an unknown action',
      'action',
      'destroy',
      'action',
      /expected one of "create", "update", "delete", got "destroy"/,
    ],
    ['a missing action', 'action', undefined, 'action', /required: one of "create"/],
    ['an empty name', 'api.name', '', 'api.name', /1 to 128 printable characters/],
    ['a 129-character name', 'api.name', 'n'.repeat(129), 'api.name', /at most 128 characters/],
    ['a name with a control character', 'api.name', 'Orders\u0007', 'api.name', /remove control characters/],
    ['a blank name', 'api.name', '   ', 'api.name', /not blank/],
    ['a 1025-character description', 'api.description', 'd'.repeat(1025), 'api.description', /at most 1024/],
    [
      'a stage name with a hyphen',
      'api.stageName',
      'v-1',
      'api.stageName',
      /letters, digits or '_', like v1/,
    ],
    [
      'a Swagger 2.0 document',
      'api.openApi',
      { swagger: '2.0', openapi: '2.0', paths: { '/a': {} } },
      'api.openApi.openapi',
      /convert Swagger 2.0/,
    ],
    [
      'an OpenAPI document without paths',
      'api.openApi',
      { openapi: '3.0.1' },
      'api.openApi.paths',
      /^required: an object of paths/,
    ],
    [
      'an OpenAPI document with no path',
      'api.openApi',
      { openapi: '3.0.1', paths: {} },
      'api.openApi.paths',
      /at least one path/,
    ],
    [
      'a path not starting with /',
      'api.openApi',
      { openapi: '3.0.1', paths: { orders: {} } },
      'api.openApi.paths.orders',
      /starting with "\/"/,
    ],
    [
      'an OpenAPI document that is a string',
      'api.openApi',
      '{"openapi":"3.0.1"}',
      'api.openApi',
      /an OpenAPI 3 document/,
    ],
    [
      'a malformed VPC id',
      'network.vpcId',
      'vpc-123',
      'network.vpcId',
      /expected a VPC id like vpc-0123456789abcdef0/,
    ],
    [
      'a VPC id in capitals',
      'network.vpcId',
      'vpc-0123456789ABCDEF0',
      'network.vpcId',
      /like vpc-0123456789abcdef0/,
    ],
    ['no subnets', 'network.subnetIds', [], 'network.subnetIds', /1 to 16 subnet ids, got none/],
    [
      '17 subnets',
      'network.subnetIds',
      Array.from({ length: 17 }, (_, index) => `subnet-${String(index).padStart(8, '0')}`),
      'network.subnetIds',
      /1 to 16 subnet ids: remove some/,
    ],
    [
      'a malformed subnet id',
      'network.subnetIds',
      ['subnet-11111111', 'subnet-x'],
      'network.subnetIds[1]',
      /^expected a subnet id like subnet-0123456789abcdef0$/,
    ],
    [
      'a repeated subnet',
      'network.subnetIds',
      ['subnet-11111111', 'subnet-22222222', 'subnet-11111111'],
      'network.subnetIds[2]',
      /duplicate of network.subnetIds\[0\]/,
    ],
    [
      '6 security groups',
      'network.securityGroupIds',
      ['1', '2', '3', '4', '5', '6'].map((digit) => `sg-${digit.repeat(8)}`),
      'network.securityGroupIds',
      /1 to 5 security group ids/,
    ],
    [
      'a repeated security group',
      'network.securityGroupIds',
      ['sg-11111111', 'sg-11111111'],
      'network.securityGroupIds[1]',
      /duplicate/,
    ],
    [
      'a malformed security group id',
      'network.securityGroupIds',
      ['group-1'],
      'network.securityGroupIds[0]',
      /like sg-0123456789abcdef0/,
    ],
    [
      'a malformed endpoint id',
      'network.vpcEndpointId',
      'vpce-1',
      'network.vpcEndpointId',
      /like vpce-0123456789abcdef0/,
    ],
    ['privateDns as text', 'network.privateDns', 'true', 'network.privateDns', /expected true or false/],
    [
      '51 allowed VPCs',
      'access',
      { allowedVpcIds: Array.from({ length: 51 }, (_, index) => `vpc-${String(index).padStart(8, '0')}`) },
      'access.allowedVpcIds',
      /at most 50 VPC ids/,
    ],
    [
      'a malformed allowed VPC',
      'access',
      { allowedVpcIds: ['vpc-zz'] },
      'access.allowedVpcIds[0]',
      /like vpc-/,
    ],
    [
      'a repeated allowed endpoint',
      'access',
      { allowedVpcEndpointIds: ['vpce-11111111', 'vpce-11111111'] },
      'access.allowedVpcEndpointIds[1]',
      /duplicate of access.allowedVpcEndpointIds\[0\]/,
    ],
    ['41 tags', 'tags', tagsOf(41), 'tags', /at most 40 tags, got 41/],
    ['a tag key starting with aws:', 'tags', { 'aws:team': 'x' }, 'tags["aws:team"]', /reserved for AWS/],
    [
      'a tag key starting with AWS: in capitals',
      'tags',
      { 'AWS:team': 'x' },
      'tags["AWS:team"]',
      /reserved for AWS/,
    ],
    [
      "a tag key with the control plane's prefix",
      'tags',
      { 'papi:api-key': 'x' },
      'tags["papi:api-key"]',
      /reserved for the control plane/,
    ],
    [
      'a 129-character tag key',
      'tags',
      { ['k'.repeat(129)]: 'x' },
      `tags["${'k'.repeat(64)}…"]`,
      /at most 128 characters/,
    ],
    ['an empty tag key', 'tags', { '': 'x' }, 'tags[""]', /got an empty one/],
    [
      'a tag key with a forbidden character',
      'tags',
      { 'team!': 'x' },
      'tags["team!"]',
      /letters, digits, spaces and/,
    ],
    ['a 257-character tag value', 'tags', { team: 'v'.repeat(257) }, 'tags.team', /at most 256 characters/],
    ['a tag value that is a number', 'tags', { team: 7 }, 'tags.team', /a string of at most 256/],
  ])('refuses %s, naming the field and the fix', (_, path, value, field, message) => {
    // Prepare
    const detail = withField(createDetail(), path, value);

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it('refuses an unknown key and suggests the field it was probably meant to be', () => {
    // Prepare
    const detail = createDetail();
    withField(detail, 'network.subnetId', ['subnet-11111111']);
    withField(detail, 'requestID', 'x');

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'network.subnetId', message: 'unknown field: did you mean "subnetIds"?' },
        { field: 'requestID', message: 'unknown field: did you mean "requestId"?' },
      ]),
    );
  });

  it('refuses an unknown key with no close field and lists the fields there', () => {
    // Prepare
    const detail = withField(createDetail(), 'api.owner', 'me');

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toEqual([
      {
        field: 'api.owner',
        message: 'unknown field: remove it (the fields here are name, description, stageName, openApi)',
      },
    ]);
  });

  it('refuses api or network on a delete request', () => {
    // Prepare
    const detail = { ...deleteDetail(), network: createDetail().network };

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toEqual([
      { field: 'network', message: 'not part of a delete request: send only requestId, action and apiKey' },
    ]);
  });

  it('reports every problem of a request at once', () => {
    // Prepare
    const detail = createDetail();
    withField(detail, 'apiKey', 'Bad Key');
    withField(detail, 'api.stageName', 'v 1');
    withField(detail, 'network.vpcId', 'vpc-1');
    withField(detail, 'network.subnetIds', ['subnet-1', 'subnet-2']);
    withField(detail, 'tags', { 'aws:x': 'y' });

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors.map((error) => error.field).sort()).toEqual([
      'api.stageName',
      'apiKey',
      'network.subnetIds[0]',
      'network.subnetIds[1]',
      'network.vpcId',
      'tags["aws:x"]',
    ]);
  });

  it('still checks requestId and apiKey when the action is unusable', () => {
    // Prepare
    const detail = { requestId: 'has space', action: 'remove' };

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors.map((error) => error.field).sort()).toEqual(['action', 'apiKey', 'requestId']);
  });

  it('refuses a __proto__ key anywhere instead of dropping it silently', () => {
    // Prepare
    const detail = JSON.parse(
      '{"requestId":"r1","action":"create","apiKey":"orders-prod","api":{"name":"a","stageName":"v1",' +
        '"openApi":{"openapi":"3.0.1","paths":{"/a":{}},"__proto__":{"polluted":true}}},' +
        '"network":{"vpcId":"vpc-11111111","subnetIds":["subnet-11111111"],"securityGroupIds":["sg-11111111"]},' +
        '"tags":{"__proto__":"x"}}',
    );

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toEqual([
      { field: 'api.openApi.__proto__', message: '"__proto__" is not allowed as a key: remove it' },
      { field: 'tags.__proto__', message: '"__proto__" is not allowed as a key: remove it' },
    ]);
    expect(Reflect.get({}, 'polluted')).toBeUndefined();
  });

  it('refuses an OpenAPI document nested deeper than 64 levels', () => {
    // Prepare
    let deep: unknown = {};
    for (let level = 0; level < 10_000; level += 1) deep = { nested: deep };
    const detail = withField(createDetail(), 'api.openApi', { openapi: '3.0.1', paths: { '/a': deep } });

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toEqual([
      {
        field: expect.stringMatching(/^api\.openApi\.paths\["\/a"\]\.nested/),
        message: expect.stringMatching(/deeper than 64 levels/),
      },
    ]);
  });

  it('caps the problems reported so that the rejection event stays small', () => {
    // Prepare
    const detail = { ...deleteDetail(), ...tagsOf(1000) };

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(errors.at(-1)).toEqual({ field: '', message: 'and 951 more problems: fix these first' });
  });

  it('keeps field paths short when a key is huge', () => {
    // Prepare
    const detail = { ...deleteDetail(), ['x'.repeat(1_000_000)]: 1 };

    // Act
    const errors = problemsOf(detail);

    // Assess
    expect(errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^the request is \d+ bytes of JSON, more than the 262144 allowed/),
      expect.stringMatching(/^unknown field/),
    ]);
    expect(errors[1]?.field.length).toBeLessThan(100);
  });

  describe('with hostile input', () => {
    const cyclic: Record<string, unknown> = { ...deleteDetail() };
    cyclic.self = cyclic;
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('getter');
        },
        ownKeys() {
          throw new Error('keys');
        },
      },
    );
    const withGetter = Object.defineProperty({ ...deleteDetail() }, 'apiKey', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });

    it.each<[string, unknown]>([
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['a string', 'create'],
      ['an empty array', []],
      ['an array of requests', [deleteDetail()]],
      ['an empty object', {}],
      ['a 10 MB requestId', { ...deleteDetail(), requestId: 'r'.repeat(10_000_000) }],
      ['a cycle', cyclic],
      ['a proxy that throws', throwing],
      ['a getter that throws', withGetter],
      ['a constructor key', { ...deleteDetail(), constructor: { prototype: { polluted: true } } }],
      ['a bigint', { ...deleteDetail(), requestId: 10n }],
      ['a symbol', Symbol('detail')],
      ['a function', () => deleteDetail()],
    ])('refuses %s without throwing', (_, detail) => {
      // Act
      const result = parsePrivateApiRequest(detail);

      // Assess
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.length).toBeGreaterThan(0);
      for (const error of result.errors) {
        expect(typeof error.field).toBe('string');
        expect(error.message.length).toBeGreaterThan(0);
      }
    });

    it('accepts a valid request made without a prototype', () => {
      // Prepare
      const detail = Object.assign(Object.create(null), deleteDetail());

      // Act
      const result = parsePrivateApiRequest(detail);

      // Assess
      expect(result).toEqual({ ok: true, request: deleteDetail() });
    });
  });
});
