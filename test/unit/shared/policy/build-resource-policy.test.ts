import { PolicyInputError, PolicyTooLargeError } from '../../../../shared/errors';
import {
  buildResourcePolicy,
  type PolicyDocument,
  policyAdmits,
  RESOURCE_POLICY_MAX_CHARS,
  serializePolicy,
} from '../../../../shared/policy';

const scope = { region: 'us-east-1', accountId: '000000000000', restApiId: 'a1b2c3d4e5' };

/** A small deterministic PRNG (mulberry32), so that a failing property loop can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const idFrom = (prefix: string, random: () => number) =>
  `${prefix}-${Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}`;

describe('buildResourcePolicy', () => {
  it('builds the Deny-unless document for the endpoints alone', () => {
    // Act
    const document = buildResourcePolicy({
      ...scope,
      vpcEndpointIds: ['vpce-22222222', 'vpce-11111111'],
      allowedVpcIds: [],
    });

    // Assess
    expect(document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: 'execute-api:/*',
          Condition: { StringNotEquals: { 'aws:SourceVpce': ['vpce-11111111', 'vpce-22222222'] } },
        },
      ],
    });
  });

  it('puts the allowed VPCs in the same condition block as the endpoints, sorted and deduplicated', () => {
    // Act
    const document = buildResourcePolicy({
      ...scope,
      vpcEndpointIds: ['vpce-11111111', 'vpce-11111111'],
      allowedVpcIds: ['vpc-bbbbbbbb', 'vpc-aaaaaaaa', 'vpc-bbbbbbbb'],
    });

    // Assess
    expect(document.Statement).toContainEqual({
      Effect: 'Deny',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: {
        StringNotEquals: {
          'aws:SourceVpce': ['vpce-11111111'],
          'aws:SourceVpc': ['vpc-aaaaaaaa', 'vpc-bbbbbbbb'],
        },
      },
    });
  });

  it('admits calls through an allowed endpoint or from an allowed VPC and nothing else', () => {
    // Prepare
    const document = buildResourcePolicy({
      ...scope,
      vpcEndpointIds: ['vpce-11111111'],
      allowedVpcIds: ['vpc-aaaaaaaa'],
    });

    // Act
    const verdicts = {
      ownEndpoint: policyAdmits(document, { vpcEndpointId: 'vpce-11111111', vpcId: 'vpc-cccccccc' }),
      allowedVpc: policyAdmits(document, { vpcEndpointId: 'vpce-99999999', vpcId: 'vpc-aaaaaaaa' }),
      otherEndpointAndVpc: policyAdmits(document, { vpcEndpointId: 'vpce-99999999', vpcId: 'vpc-cccccccc' }),
      noEndpoint: policyAdmits(document, {}),
    };

    // Assess
    expect(verdicts).toEqual({
      ownEndpoint: true,
      allowedVpc: true,
      otherEndpointAndVpc: false,
      noEndpoint: false,
    });
  });

  it('never admits a caller through neither a listed endpoint nor a listed VPC (500 random cases)', () => {
    // Prepare
    const random = seededRandom(20_240_501);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

    for (let round = 0; round < 500; round += 1) {
      const endpoints = Array.from({ length: 1 + Math.floor(random() * 5) }, () => idFrom('vpce', random));
      const vpcs = Array.from({ length: Math.floor(random() * 4) }, () => idFrom('vpc', random));
      const document = buildResourcePolicy({ ...scope, vpcEndpointIds: endpoints, allowedVpcIds: vpcs });
      const caller = {
        ...(random() < 0.9
          ? { vpcEndpointId: random() < 0.5 ? pick(endpoints) : idFrom('vpce', random) }
          : {}),
        ...(random() < 0.9
          ? { vpcId: random() < 0.3 ? (pick(vpcs) ?? idFrom('vpc', random)) : idFrom('vpc', random) }
          : {}),
      };

      // Act
      const admitted = policyAdmits(document, caller);

      // Assess
      const listed =
        (caller.vpcEndpointId !== undefined && endpoints.includes(caller.vpcEndpointId)) ||
        (caller.vpcId !== undefined && vpcs.includes(caller.vpcId));
      expect({ round, caller, admitted }).toEqual({ round, caller, admitted: listed });
    }
  });

  it.each<[string, string[], string[]]>([
    ['no endpoint', [], ['vpc-aaaaaaaa']],
    ['a wildcard endpoint', ['*'], []],
    ['a malformed endpoint id', ['vpce-XYZ'], []],
    ['a malformed VPC id', ['vpce-11111111'], ['vpc-*']],
  ])('throws PolicyInputError for %s', (_, vpcEndpointIds, allowedVpcIds) => {
    // Act
    const build = () => buildResourcePolicy({ ...scope, vpcEndpointIds, allowedVpcIds });

    // Assess
    expect(build).toThrow(PolicyInputError);
  });
});

describe('serializePolicy', () => {
  /** A document whose compact JSON is exactly `length` characters, padded through its Id. */
  function documentOfLength(length: number): PolicyDocument {
    const base = buildResourcePolicy({ ...scope, vpcEndpointIds: ['vpce-11111111'], allowedVpcIds: [] });
    const overhead = JSON.stringify({ ...base, Id: '' }).length;
    return { ...base, Id: 'x'.repeat(length - overhead) };
  }

  it('returns compact JSON that reads back as the same document', () => {
    // Prepare
    const document = buildResourcePolicy({
      ...scope,
      vpcEndpointIds: ['vpce-11111111'],
      allowedVpcIds: ['vpc-aaaaaaaa'],
    });

    // Act
    const text = serializePolicy(document);

    // Assess
    expect(JSON.parse(text)).toEqual(document);
    expect(text).not.toMatch(/\s/);
  });

  it('accepts a policy of exactly 8,192 characters', () => {
    // Act
    const text = serializePolicy(documentOfLength(RESOURCE_POLICY_MAX_CHARS));

    // Assess
    expect(text).toHaveLength(8192);
  });

  it('throws PolicyTooLargeError naming the size when the policy is over 8,192 characters', () => {
    // Act
    const serialize = () => serializePolicy(documentOfLength(RESOURCE_POLICY_MAX_CHARS + 1));

    // Assess
    expect(serialize).toThrow(PolicyTooLargeError);
    expect(serialize).toThrow(/8193 characters, over API Gateway's limit of 8192/);
  });

  it('refuses a policy for far too many endpoints', () => {
    // Prepare
    const vpcEndpointIds = Array.from(
      { length: 400 },
      (_, index) => `vpce-${index.toString(16).padStart(17, '0')}`,
    );

    // Act
    const serialize = () =>
      serializePolicy(buildResourcePolicy({ ...scope, vpcEndpointIds, allowedVpcIds: [] }));

    // Assess
    expect(serialize).toThrow(PolicyTooLargeError);
  });
});
