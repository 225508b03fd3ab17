import {
  canonicalJson,
  canonicalRequestHash,
  type PrivateApiRequest,
  parsePrivateApiRequest,
} from '../../../../shared/request';
import { createDetail, withField } from './request-fixtures';

function parsed(detail: unknown): PrivateApiRequest {
  const result = parsePrivateApiRequest(detail);
  if (!result.ok) throw new Error(`fixture refused: ${JSON.stringify(result.errors)}`);
  return result.request;
}

/** The same object with its keys, at every level, in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, member]) => [key, reversedKeys(member)]),
  );
}

describe('canonicalRequestHash', () => {
  it('gives two deliveries of the same request the same hash whatever their key order', () => {
    // Prepare
    const detail = withField(createDetail(), 'api.openApi', {
      openapi: '3.0.1',
      paths: {
        '/a': {
          get: { responses: { '200': { description: 'ok' } } },
          put: { responses: { '204': { description: 'stored' } } },
        },
      },
    });
    const redelivered = reversedKeys(detail);

    // Act
    const first = canonicalRequestHash(parsed(detail));
    const second = canonicalRequestHash(parsed(redelivered));

    // Assess
    expect(JSON.stringify(redelivered)).not.toBe(JSON.stringify(detail));
    expect(second).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash whether a default was sent or left out', () => {
    // Prepare
    const explicit = withField(createDetail(), 'network.privateDns', true);
    withField(explicit, 'access', { allowedVpcIds: [], allowedVpcEndpointIds: [] });

    // Act
    const hashes = [canonicalRequestHash(parsed(createDetail())), canonicalRequestHash(parsed(explicit))];

    // Assess
    expect(hashes[1]).toBe(hashes[0]);
  });

  it('gives another hash when the content differs', () => {
    // Prepare
    const other = withField(createDetail(), 'network.subnetIds', [
      'subnet-0123456789abcdef0',
      'subnet-22222222',
    ]);

    // Act
    const hashes = [canonicalRequestHash(parsed(createDetail())), canonicalRequestHash(parsed(other))];

    // Assess
    expect(hashes[1]).not.toBe(hashes[0]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order and leaves out undefined members', () => {
    // Act
    const text = canonicalJson({ b: 1, a: { d: [3, 1, { y: 1, x: 2 }], c: undefined } });

    // Assess
    expect(text).toBe('{"a":{"d":[3,1,{"x":2,"y":1}]},"b":1}');
  });

  it('throws a TypeError on a cycle instead of looping', () => {
    // Prepare
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    // Act
    const render = () => canonicalJson(cyclic);

    // Assess
    expect(render).toThrow(TypeError);
  });
});
