import { AwsError } from '../../../../local/core/aws-error';
import { matchesEventPattern, parseEventPattern } from '../../../../local/services/eventbridge/event-pattern';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'ProvisioningStatus',
  source: 'papi.control-plane',
  account: '000000000000',
  time: '2026-01-01T12:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:execute-api:us-east-1:000000000000:abc123'],
  detail: {
    status: 'SUCCEEDED',
    apiKey: 'orders-api',
    attempt: 3,
    durationSeconds: 42.5,
    stage: 'prod',
    tags: ['private', 'team-a'],
    endpoint: { vpcEndpointId: 'vpce-0123', state: 'available', ip: '10.0.1.25' },
    previous: null,
    items: [{ name: 'a', kind: 'x' }, { name: 'b' }],
  },
};

/** Matches a pattern given as an object against the sample event. */
const matches = (pattern: Record<string, unknown>, against: unknown = event) =>
  matchesEventPattern(parseEventPattern(JSON.stringify(pattern)), against);

describe('matchesEventPattern', () => {
  it('matches exact values listed in arrays', () => {
    // Prepare / Act / Assess
    expect(matches({ source: ['papi.control-plane'] })).toBe(true);
    expect(matches({ source: ['other', 'papi.control-plane'] })).toBe(true);
    expect(matches({ source: ['other'] })).toBe(false);
  });

  it('requires every field of the pattern to match when it names several', () => {
    expect(matches({ source: ['papi.control-plane'], 'detail-type': ['ProvisioningStatus'] })).toBe(true);
    expect(matches({ source: ['papi.control-plane'], 'detail-type': ['Other'] })).toBe(false);
  });

  it('matches nested objects field by field', () => {
    expect(matches({ detail: { endpoint: { state: ['available'] } } })).toBe(true);
    expect(matches({ detail: { endpoint: { state: ['pending'] } } })).toBe(false);
  });

  it('fails when the pattern names a field the event lacks', () => {
    expect(matches({ detail: { missing: ['x'] } })).toBe(false);
    expect(matches({ detail: { endpoint: { missing: { deeper: ['x'] } } } })).toBe(false);
  });

  it('compares numbers and strings without coercion', () => {
    expect(matches({ detail: { attempt: [3] } })).toBe(true);
    expect(matches({ detail: { attempt: ['3'] } })).toBe(false);
  });

  it('matches null only against null', () => {
    expect(matches({ detail: { previous: [null] } })).toBe(true);
    expect(matches({ detail: { missing: [null] } })).toBe(false);
  });

  it('matches an array in the event when any element matches', () => {
    expect(matches({ detail: { tags: ['team-a'] } })).toBe(true);
    expect(matches({ resources: ['arn:aws:execute-api:us-east-1:000000000000:abc123'] })).toBe(true);
    expect(matches({ detail: { tags: ['team-b'] } })).toBe(false);
  });

  it('matches nested patterns against any object of an array in the event', () => {
    expect(matches({ detail: { items: { name: ['b'] } } })).toBe(true);
    expect(matches({ detail: { items: { name: ['c'] } } })).toBe(false);
  });

  it('matches prefixes and suffixes, also ignoring case', () => {
    expect(matches({ source: [{ prefix: 'papi.' }] })).toBe(true);
    expect(matches({ source: [{ prefix: 'PAPI.' }] })).toBe(false);
    expect(matches({ source: [{ prefix: { 'equals-ignore-case': 'PAPI.' } }] })).toBe(true);
    expect(matches({ detail: { apiKey: [{ suffix: '-api' }] } })).toBe(true);
    expect(matches({ detail: { apiKey: [{ suffix: { 'equals-ignore-case': '-API' } }] } })).toBe(true);
    expect(matches({ detail: { attempt: [{ prefix: '3' }] } })).toBe(false);
  });

  it('matches equals-ignore-case on strings only', () => {
    expect(matches({ detail: { status: [{ 'equals-ignore-case': 'succeeded' }] } })).toBe(true);
    expect(matches({ detail: { status: [{ 'equals-ignore-case': 'failed' }] } })).toBe(false);
  });

  it('matches anything-but values, lists, prefixes, suffixes and wildcards', () => {
    expect(matches({ detail: { status: [{ 'anything-but': 'FAILED' }] } })).toBe(true);
    expect(matches({ detail: { status: [{ 'anything-but': 'SUCCEEDED' }] } })).toBe(false);
    expect(matches({ detail: { status: [{ 'anything-but': ['FAILED', 'SUCCEEDED'] }] } })).toBe(false);
    expect(matches({ detail: { attempt: [{ 'anything-but': [1, 2] }] } })).toBe(true);
    expect(matches({ detail: { stage: [{ 'anything-but': { prefix: 'dev' } }] } })).toBe(true);
    expect(matches({ detail: { stage: [{ 'anything-but': { prefix: 'pr' } }] } })).toBe(false);
    expect(matches({ detail: { apiKey: [{ 'anything-but': { suffix: '-api' } }] } })).toBe(false);
    expect(matches({ detail: { apiKey: [{ 'anything-but': { wildcard: 'orders-*' } }] } })).toBe(false);
    expect(matches({ detail: { stage: [{ 'anything-but': { 'equals-ignore-case': ['PROD'] } }] } })).toBe(
      false,
    );
  });

  it('does not match anything-but when the field is absent', () => {
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
  });

  it('matches numeric ranges on numbers only', () => {
    expect(matches({ detail: { attempt: [{ numeric: ['>', 2] }] } })).toBe(true);
    expect(matches({ detail: { attempt: [{ numeric: ['>=', 3, '<', 4] }] } })).toBe(true);
    expect(matches({ detail: { attempt: [{ numeric: ['=', 3] }] } })).toBe(true);
    expect(matches({ detail: { durationSeconds: [{ numeric: ['<=', 42.5] }] } })).toBe(true);
    expect(matches({ detail: { attempt: [{ numeric: ['>', 3] }] } })).toBe(false);
    expect(matches({ detail: { status: [{ numeric: ['>', 0] }] } })).toBe(false);
  });

  it('matches exists true for present leaves and exists false for absent ones', () => {
    expect(matches({ detail: { apiKey: [{ exists: true }] } })).toBe(true);
    expect(matches({ detail: { missing: [{ exists: true }] } })).toBe(false);
    expect(matches({ detail: { missing: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { apiKey: [{ exists: false }] } })).toBe(false);
  });

  it('treats an object value as no leaf for exists', () => {
    expect(matches({ detail: { endpoint: [{ exists: true }] } })).toBe(false);
  });

  it('matches wildcards with any run of characters and escaped stars literally', () => {
    expect(matches({ detail: { apiKey: [{ wildcard: 'orders-*' }] } })).toBe(true);
    expect(matches({ detail: { apiKey: [{ wildcard: '*-a*i' }] } })).toBe(true);
    expect(matches({ detail: { apiKey: [{ wildcard: 'billing-*' }] } })).toBe(false);
    expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'a*b' } })).toBe(true);
    expect(matches({ detail: { name: [{ wildcard: 'a\\*b' }] } }, { detail: { name: 'axxb' } })).toBe(false);
  });

  it('matches IPv4 addresses inside a CIDR range', () => {
    expect(matches({ detail: { endpoint: { ip: [{ cidr: '10.0.0.0/16' }] } } })).toBe(true);
    expect(matches({ detail: { endpoint: { ip: [{ cidr: '10.1.0.0/16' }] } } })).toBe(false);
  });

  it('matches $or when any alternative matches', () => {
    const pattern = {
      source: ['papi.control-plane'],
      $or: [{ detail: { status: ['FAILED'] } }, { detail: { attempt: [{ numeric: ['>', 2] }] } }],
    };

    expect(matches(pattern)).toBe(true);
    expect(
      matches({ ...pattern, $or: [{ detail: { status: ['FAILED'] } }, { detail: { stage: ['dev'] } }] }),
    ).toBe(false);
  });

  it('matches when any value of a leaf array matches, mixing operators', () => {
    expect(matches({ detail: { status: ['FAILED', { prefix: 'SUCC' }] } })).toBe(true);
  });
});

describe('parseEventPattern', () => {
  const invalid = (text: string): AwsError | undefined => {
    try {
      parseEventPattern(text);
      return undefined;
    } catch (error: unknown) {
      return error instanceof AwsError ? error : undefined;
    }
  };

  it('refuses a leaf that is not an array with InvalidEventPatternException', () => {
    // Act
    const error = invalid('{"source": "papi"}');

    // Assess
    expect(error?.code).toBe('InvalidEventPatternException');
    expect(error?.message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it.each([
    ['not JSON', '{source'],
    ['not an object', '["a"]'],
    ['an empty object', '{}'],
    ['an empty array', '{"source": []}'],
    ['an unknown operator', '{"source": [{"regex": "a.*"}]}'],
    ['a numeric operator that does not exist', '{"n": [{"numeric": ["!=", 1]}]}'],
    ['a numeric bound that is not a number', '{"n": [{"numeric": [">", "1"]}]}'],
    ['exists that is not a boolean', '{"n": [{"exists": "yes"}]}'],
    ['consecutive wildcards', '{"n": [{"wildcard": "a**b"}]}'],
    ['a malformed CIDR', '{"ip": [{"cidr": "10.0.0.0/40"}]}'],
    ['$or with one alternative', '{"$or": [{"a": ["b"]}]}'],
    ['two operators in one object', '{"a": [{"prefix": "x", "suffix": "y"}]}'],
  ])('refuses %s', (_what, text) => {
    // Act
    const error = invalid(text);

    // Assess
    expect(error?.code).toBe('InvalidEventPatternException');
  });
});
