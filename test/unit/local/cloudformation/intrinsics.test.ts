// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold Fn::Sub placeholders, not JavaScript ones
import {
  createStackScope,
  NO_VALUE,
  parseTemplate,
  resolveParameters,
  type StackScope,
  type TemplateValue,
} from '../../../../local/services/cloudformation/template';

const identity = {
  stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/demo/1111',
  stackName: 'demo',
  region: 'us-east-1',
  accountId: '000000000000',
  notificationArns: [],
};

function scopeFor(yaml: string, values: Record<string, string> = {}): StackScope {
  const template = parseTemplate(yaml);
  const parameters = resolveParameters(
    template,
    Object.entries(values).map(([key, value]) => ({ key, value })),
  );
  return createStackScope(template, parameters, identity, {
    resourceRef: (logicalId) => `${logicalId}-physical`,
    resourceAttribute: (logicalId, attribute) => `${logicalId}.${attribute}-value`,
    importValue: (name) => {
      if (name !== 'shared-vpc') throw new Error(`No export named ${name} found.`);
      return 'vpc-123';
    },
    availabilityZones: (region) => [`${region}a`, `${region}b`],
  });
}

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: dev }
  Names: { Type: CommaDelimitedList, Default: "a,b,c" }
Mappings:
  Sizes:
    dev: { Count: 1 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsDev, !Equals ["1", 1]]
Resources:
  Thing:
    Type: Custom::Thing
`;

describe('intrinsic functions', () => {
  it.each<[string, TemplateValue]>([
    ['!Ref Env', 'dev'],
    ['!Ref Thing', 'Thing-physical'],
    ['!Ref AWS::StackName', 'demo'],
    ['!Ref AWS::Partition', 'aws'],
    ['!Ref AWS::URLSuffix', 'amazonaws.com'],
    ['!GetAtt Thing.Arn', 'Thing.Arn-value'],
    ['!Sub "${AWS::StackName}-${Env}-${Thing.Arn}-${!Literal}"', 'demo-dev-Thing.Arn-value-${Literal}'],
    ['!Sub ["${A}/${Env}", { A: !Ref Thing }]', 'Thing-physical/dev'],
    ['!Join [":", !Ref Names]', 'a:b:c'],
    ['!Join ["", [x, !Ref Env, 2]]', 'xdev2'],
    ['!Split [",", "p,q"]', ['p', 'q']],
    ['!Select [1, !Ref Names]', 'b'],
    ['!Select ["0", !GetAZs ""]', 'us-east-1a'],
    ['!If [IsProd, big, small]', 'small'],
    ['!If [Both, yes, no]', 'yes'],
    ['!ImportValue shared-vpc', 'vpc-123'],
    ['!FindInMap [Sizes, !Ref Env, Count]', 1],
    ['!Base64 hi', 'aGk='],
  ])('evaluates %s', (expression, expected) => {
    // Prepare
    const scope = scopeFor(`${TEMPLATE}Outputs:\n  O:\n    Value: ${expression}\n`);
    const template = parseTemplate(`${TEMPLATE}Outputs:\n  O:\n    Value: ${expression}\n`);

    // Act
    const value = scope.evaluate(template.Outputs.O?.Value ?? null);

    // Assess
    expect(value).toEqual(expected);
  });

  it('drops a property and a list item that evaluate to AWS::NoValue', () => {
    // Prepare
    const scope = scopeFor(TEMPLATE);

    // Act
    const value = scope.evaluate({
      Kept: 'x',
      Dropped: { 'Fn::If': ['IsProd', 'y', { Ref: 'AWS::NoValue' }] },
      List: ['a', { Ref: 'AWS::NoValue' }, 'b'],
    });

    // Assess
    expect(value).toEqual({ Kept: 'x', List: ['a', 'b'] });
    expect(scope.evaluate({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('evaluates conditions from the parameters passed', () => {
    // Prepare
    const scope = scopeFor(TEMPLATE, { Env: 'prod' });

    // Act / Assess
    expect(scope.condition('IsProd')).toBe(true);
    expect(scope.condition('IsDev')).toBe(false);
    expect(scope.isIncluded('Both')).toBe(false);
    expect(scope.isIncluded(undefined)).toBe(true);
  });

  it("fails Fn::Select with CloudFormation's message when the index is past the end", () => {
    // Prepare
    const scope = scopeFor(TEMPLATE);

    // Act / Assess
    expect(() => scope.evaluate({ 'Fn::Select': [5, { Ref: 'Names' }] })).toThrow(
      'Template error: Fn::Select cannot select nonexistent value at index 5',
    );
  });
});
