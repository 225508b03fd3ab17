import { AwsError } from '../../../../local/core/aws-error';
import { normalizeResourcePolicy, policyAsReturned } from '../../../../local/services/apigateway/policy';

const scope = { region: 'eu-west-1', accountId: '000000000000', restApiId: 'abc1234567' };

describe('normalizeResourcePolicy', () => {
  it('compacts the policy, keeps key order and expands execute-api shorthand in Resource and NotResource', () => {
    // Prepare
    const policy = `{
      "Version": "2012-10-17",
      "Statement": {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke",
                    "NotResource": ["execute-api:/prod/*", "*"]}
    }`;

    // Act
    const stored = normalizeResourcePolicy(policy, scope);

    // Assess
    expect(stored).toBe(
      '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke",' +
        '"NotResource":["arn:aws:execute-api:eu-west-1:000000000000:abc1234567/prod/*","*"]}}',
    );
  });

  it('uses the partition of China and GovCloud Regions in expanded ARNs', () => {
    // Prepare
    const policy =
      '{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}';

    // Act
    const stored = normalizeResourcePolicy(policy, { ...scope, region: 'cn-north-1' });

    // Assess
    expect(stored).toContain('"arn:aws-cn:execute-api:cn-north-1:000000000000:abc1234567/*"');
  });

  it.each([
    ['not JSON', '{"Statement": ['],
    ['a JSON array', '[]'],
    ['a document without Statement', '{"Version":"2012-10-17"}'],
    ['a statement without Effect', '{"Statement":[{"Action":"execute-api:Invoke","Resource":"*"}]}'],
    ['a statement without Action', '{"Statement":[{"Effect":"Allow","Resource":"*"}]}'],
  ])('rejects %s with BadRequestException', (_case, policy) => {
    // Act
    const attempt = () => normalizeResourcePolicy(policy, scope);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'BadRequestException', status: 400 }));
  });

  it('rejects a policy of 8,193 characters and accepts one of 8,192', () => {
    // Prepare
    const head = '{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}],"Id":"';
    const atLimit = `${head}${'x'.repeat(8192 - head.length - 2)}"}`;
    const overLimit = `${head}${'x'.repeat(8192 - head.length - 1)}"}`;

    // Act
    const accepted = normalizeResourcePolicy(atLimit, scope);
    const attempt = () => normalizeResourcePolicy(overLimit, scope);

    // Assess
    expect(atLimit).toHaveLength(8192);
    expect(accepted).toContain('"Id"');
    expect(attempt).toThrow(AwsError);
  });
});

describe('policyAsReturned', () => {
  it('escapes quotes and forward slashes once more, as GetRestApi returns the policy', () => {
    // Prepare
    const stored = '{"Resource":"arn:aws:execute-api:us-east-1:000000000000:abc/*"}';

    // Act
    const returned = policyAsReturned(stored);

    // Assess
    expect(returned).toBe('{\\"Resource\\":\\"arn:aws:execute-api:us-east-1:000000000000:abc\\/*\\"}');
    expect(JSON.parse(`"${returned}"`)).toBe(stored);
  });
});
