import { buildResourcePolicy, type PolicyDocument, policiesEquivalent } from '../../../../shared/policy';

const scope = { region: 'us-east-1', accountId: '000000000000', restApiId: 'a1b2c3d4e5' };
const apiArn = 'arn:aws:execute-api:us-east-1:000000000000:a1b2c3d4e5/*';

const desired = buildResourcePolicy({
  ...scope,
  vpcEndpointIds: ['vpce-11111111', 'vpce-22222222'],
  allowedVpcIds: ['vpc-aaaaaaaa'],
});

const [allowStatement, denyStatement] = desired.Statement;
if (!allowStatement || !denyStatement) throw new Error('expected an Allow and a Deny statement');

/** The policy as API Gateway stores it: resources expanded to the API's ARN, in its own key order. */
const stored: PolicyDocument = {
  Statement: [
    {
      Condition: {
        StringNotEquals: {
          'aws:SourceVpc': 'vpc-aaaaaaaa',
          'aws:SourceVpce': ['vpce-22222222', 'vpce-11111111'],
        },
      },
      Resource: apiArn,
      Action: 'execute-api:Invoke',
      Principal: { AWS: '*' },
      Effect: 'Deny',
    },
    { Resource: [apiArn], Action: ['execute-api:Invoke'], Principal: '*', Effect: 'Allow' },
  ],
  Version: '2012-10-17',
};

/** GetRestApi's policy text: the JSON with its quotes escaped. */
const escaped = (document: unknown) => JSON.stringify(document).replace(/"/g, '\\"');

describe('policiesEquivalent', () => {
  it.each<[string, string | PolicyDocument]>([
    ['the stored form (expanded ARN, one values as strings, other orders)', stored],
    ['the stored form as GetRestApi returns it, with escaped quotes', escaped(stored)],
    ['the stored form with escaped quotes and escaped slashes', escaped(stored).replace(/\//g, '\\\\/')],
    ['the policy as a JSON string inside a JSON string', JSON.stringify(JSON.stringify(desired))],
    ['the policy as JSON text with spaces', JSON.stringify(desired, null, 2)],
    [
      'the policy without Version and with statement ids',
      {
        Statement: [
          { Sid: 'deny', ...denyStatement },
          { Sid: 'allow', ...allowStatement },
        ],
      },
    ],
    [
      'the policy with condition keys and actions in other cases',
      JSON.stringify(desired)
        .replace('aws:SourceVpce', 'aws:sourcevpce')
        .replace(/execute-api:Invoke/g, 'execute-api:invoke'),
    ],
  ])('finds the desired policy equivalent to %s', (_, other) => {
    // Act
    const equivalent = policiesEquivalent(desired, other, scope);

    // Assess
    expect(equivalent).toBe(true);
  });

  it.each<[string, string | PolicyDocument | undefined]>([
    [
      'a policy with another endpoint',
      escaped(JSON.parse(JSON.stringify(stored).replace('vpce-22222222', 'vpce-33333333'))),
    ],
    [
      'a policy admitting one more VPC',
      buildResourcePolicy({
        ...scope,
        vpcEndpointIds: ['vpce-11111111', 'vpce-22222222'],
        allowedVpcIds: ['vpc-aaaaaaaa', 'vpc-bbbbbbbb'],
      }),
    ],
    ['a policy for another API', JSON.stringify(stored).replace(/a1b2c3d4e5/g, 'zzzzzzzzzz')],
    ['the Allow statement alone', { Version: '2012-10-17', Statement: [allowStatement] }],
    ['the Deny turned into an Allow', JSON.stringify(desired).replace('"Deny"', '"Allow"')],
    ['no policy', undefined],
    ['an empty policy text', ''],
    ['text that is not JSON', '{Version: 2012'],
    ['a JSON array', '[]'],
  ])('finds the desired policy not equivalent to %s', (_, other) => {
    // Act
    const equivalent = policiesEquivalent(desired, other, scope);

    // Assess
    expect(equivalent).toBe(false);
  });

  it('finds two absent policies equivalent', () => {
    // Act
    const equivalent = policiesEquivalent(undefined, '', scope);

    // Assess
    expect(equivalent).toBe(true);
  });

  it('expands short resources with the partition of China Regions', () => {
    // Prepare
    const china = { region: 'cn-north-1', accountId: '000000000000', restApiId: 'a1b2c3d4e5' };
    const expanded = JSON.stringify(desired).replace(
      /execute-api:\/\*/g,
      'arn:aws-cn:execute-api:cn-north-1:000000000000:a1b2c3d4e5/*',
    );

    // Act
    const equivalent = policiesEquivalent(desired, expanded, china);

    // Assess
    expect(equivalent).toBe(true);
  });
});
