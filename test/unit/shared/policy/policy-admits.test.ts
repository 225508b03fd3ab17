import { PolicyInputError } from '../../../../shared/errors';
import { type PolicyDocument, policyAdmits } from '../../../../shared/policy';

const invoke = { Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' } as const;

describe('policyAdmits', () => {
  it('admits by an Allow with StringEquals only the listed endpoint', () => {
    // Prepare
    const policy: PolicyDocument = {
      Statement: {
        Effect: 'Allow',
        ...invoke,
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-11111111' } },
      },
    };

    // Act
    const verdicts = [
      policyAdmits(policy, { vpcEndpointId: 'vpce-11111111' }),
      policyAdmits(policy, { vpcEndpointId: 'vpce-22222222' }),
      policyAdmits(policy, {}),
    ];

    // Assess
    expect(verdicts).toEqual([true, false, false]);
  });

  it('lets an explicit Deny win over an Allow', () => {
    // Prepare
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', ...invoke },
        { Effect: 'Deny', ...invoke, Condition: { StringEquals: { 'aws:SourceVpc': ['vpc-aaaaaaaa'] } } },
      ],
    };

    // Act
    const verdicts = [
      policyAdmits(policy, { vpcId: 'vpc-aaaaaaaa' }),
      policyAdmits(policy, { vpcId: 'vpc-bbbbbbbb' }),
    ];

    // Assess
    expect(verdicts).toEqual([false, true]);
  });

  it('denies by default: no policy, no statement, or an Allow for another action', () => {
    // Prepare
    const otherAction: PolicyDocument = {
      Statement: [{ Effect: 'Allow', ...invoke, Action: 'execute-api:ManageConnections' }],
    };

    // Act
    const verdicts = [
      policyAdmits(undefined, { vpcEndpointId: 'vpce-11111111' }),
      policyAdmits({ Statement: [] }, { vpcEndpointId: 'vpce-11111111' }),
      policyAdmits(otherAction, { vpcEndpointId: 'vpce-11111111' }),
    ];

    // Assess
    expect(verdicts).toEqual([false, false, false]);
  });

  it('reads the policy text API Gateway returns, escaped quotes and all', () => {
    // Prepare
    const text = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'execute-api:Invoke',
          Resource: 'arn:aws:execute-api:us-east-1:000000000000:a1b2c3d4e5/*',
        },
      ],
    }).replace(/"/g, '\\"');

    // Act
    const admitted = policyAdmits(text, { vpcEndpointId: 'vpce-11111111' });

    // Assess
    expect(admitted).toBe(true);
  });

  it.each<[string, PolicyDocument]>([
    [
      'an unsupported operator',
      {
        Statement: [
          { Effect: 'Allow', ...invoke, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        ],
      },
    ],
    [
      'an unsupported key',
      {
        Statement: [
          { Effect: 'Allow', ...invoke, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
        ],
      },
    ],
    [
      'NotAction',
      { Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 'execute-api:Invoke', Resource: '*' }] },
    ],
  ])('throws PolicyInputError rather than guess on %s', (_, policy) => {
    // Act
    const evaluate = () => policyAdmits(policy, { vpcEndpointId: 'vpce-11111111' });

    // Assess
    expect(evaluate).toThrow(PolicyInputError);
  });
});
