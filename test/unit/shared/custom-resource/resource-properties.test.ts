import {
  customResourceApiKey,
  customResourceRequestId,
  stackNameOf,
} from '../../../../shared/custom-resource/custom-resource-request';
import {
  needsReplacement,
  requestFromProperties,
} from '../../../../shared/custom-resource/resource-properties';
import { isApiKey } from '../../../../shared/request';

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:000000000000:stack/SC-000000000000-pp-abc123/0d3c5b60-1111-4222-8333-444455556666';

/** Properties as CloudFormation passes them: every value a string, lists comma-separated. */
const properties = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:papi-local-privateApiResource',
  ApiName: 'orders',
  StageName: 'v1',
  VpcId: 'vpc-0123456789abcdef0',
  SubnetIds: 'subnet-0123456789abcdef0,subnet-0123456789abcdef1',
  SecurityGroupIds: 'sg-0123456789abcdef0',
  PrivateDns: 'false',
  ...overrides,
});

describe('a custom resource request as a control-plane request', () => {
  it('derives an apiKey that is valid, readable, stable for the same request and new for another', () => {
    // Act
    const first = customResourceApiKey({ stackId: STACK_ID, logicalResourceId: 'PrivateApi', madeBy: 'r-1' });
    const again = customResourceApiKey({ stackId: STACK_ID, logicalResourceId: 'PrivateApi', madeBy: 'r-1' });
    const replacement = customResourceApiKey({
      stackId: STACK_ID,
      logicalResourceId: 'PrivateApi',
      madeBy: 'r-2',
    });
    const long = customResourceApiKey({
      stackId: STACK_ID,
      logicalResourceId: 'A'.repeat(200),
      madeBy: 'r-1',
    });

    // Assess
    expect(first).toMatch(/^sc-000000000000-pp-abc123-privateapi-[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(replacement).not.toBe(first);
    expect([first, replacement, long].every(isApiKey)).toBe(true);
    expect(stackNameOf(STACK_ID)).toBe('SC-000000000000-pp-abc123');
  });

  it("takes CloudFormation's RequestId as the requestId, within the request schema's pattern", () => {
    // Act
    const requestId = customResourceRequestId({ RequestId: 'unique id/with odd chars' });

    // Assess
    expect(requestId).toBe('cfn-unique-id-with-odd-chars');
  });

  it('parses strings as CloudFormation sends them: "false", comma-separated lists, a JSON document, tags', () => {
    // Prepare
    const openApi = {
      openapi: '3.0.1',
      paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } } },
    };

    // Act
    const result = requestFromProperties({
      requestId: 'cfn-r-1',
      action: 'create',
      apiKey: 'orders-abc',
      properties: properties({
        OpenApi: JSON.stringify(openApi),
        AllowedVpcIds: '',
        Tags: [{ Key: 'team', Value: 'payments' }],
      }),
    });

    // Assess
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.request).toMatchObject({
      action: 'create',
      apiKey: 'orders-abc',
      api: { name: 'orders', stageName: 'v1', openApi },
      network: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        privateDns: false,
      },
      access: { allowedVpcIds: [] },
      tags: { team: 'payments' },
    });
  });

  it('reports every problem under the property a template author wrote, unknown properties too', () => {
    // Act
    const result = requestFromProperties({
      requestId: 'cfn-r-1',
      action: 'create',
      apiKey: 'orders-abc',
      properties: properties({
        SubnetIds: 'subnet-0123456789abcdef0,subnet-bad',
        PrivateDns: 'maybe',
        Colour: 'blue',
        OpenApi: '{not json',
      }),
    });

    // Assess
    if (result.ok) throw new Error('expected problems');
    expect(result.errors.map((error) => error.field).sort()).toEqual([
      'Colour',
      'OpenApi',
      'PrivateDns',
      'SubnetIds[1]',
    ]);
  });

  it('replaces the API when the VPC, private DNS or the named endpoint changes, and only then', () => {
    // Assess
    expect(needsReplacement(properties({ VpcId: 'vpc-0fedcba9876543210' }), properties())).toBe(true);
    expect(needsReplacement(properties({ PrivateDns: 'true' }), properties())).toBe(true);
    expect(
      needsReplacement(
        properties({ ApiName: 'renamed', SubnetIds: 'subnet-0123456789abcdef0' }),
        properties(),
      ),
    ).toBe(false);
    expect(needsReplacement({ PrivateDns: 'true' }, {})).toBe(false);
  });
});
