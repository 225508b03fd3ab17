import {
  parseTemplate,
  resolveParameters,
  type Template,
} from '../../../../local/services/cloudformation/template';

const templateWith = (parameters: Record<string, unknown>): Template =>
  parseTemplate(
    JSON.stringify({
      Parameters: parameters,
      Resources: { H: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    }),
  );

describe('resolveParameters', () => {
  it('takes the Default when no value is passed, and a passed value over it', () => {
    // Prepare
    const template = templateWith({
      Stage: { Type: 'String', Default: 'dev' },
      Size: { Type: 'Number', Default: 3 },
    });

    // Act
    const parameters = resolveParameters(template, [{ key: 'Stage', value: 'prod' }]);

    // Assess
    expect(parameters).toEqual([
      { key: 'Stage', value: 'prod', resolved: 'prod', noEcho: false },
      { key: 'Size', value: '3', resolved: '3', noEcho: false },
    ]);
  });

  it('resolves list types to lists, AWS-specific types to strings', () => {
    // Prepare
    const template = templateWith({
      Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' },
      Names: { Type: 'CommaDelimitedList' },
      Vpc: { Type: 'AWS::EC2::VPC::Id' },
    });

    // Act
    const parameters = resolveParameters(template, [
      { key: 'Subnets', value: 'subnet-1,subnet-2' },
      { key: 'Names', value: 'a, b' },
      { key: 'Vpc', value: 'vpc-1' },
    ]);

    // Assess
    expect(parameters.map((parameter) => parameter.resolved)).toEqual([
      ['subnet-1', 'subnet-2'],
      ['a', 'b'],
      'vpc-1',
    ]);
  });

  it.each([
    [
      { Env: { Type: 'String', AllowedValues: ['dev', 'prod'] } },
      'qa',
      "Parameter 'Env' must be one of AllowedValues",
    ],
    [
      { Env: { Type: 'String', AllowedValues: ['dev'], ConstraintDescription: 'dev only' } },
      'qa',
      'Parameter Env failed to satisfy constraint: dev only',
    ],
    [
      { Env: { Type: 'String', AllowedPattern: '[a-z]+' } },
      'ab1',
      "Parameter 'Env' must match pattern [a-z]+",
    ],
    [{ Env: { Type: 'String', MinLength: 3 } }, 'ab', "Parameter 'Env' must contain at least 3 characters"],
    [{ Env: { Type: 'String', MaxLength: '2' } }, 'abc', "Parameter 'Env' must contain at most 2 characters"],
    [{ Env: { Type: 'Number' } }, 'ten', "Parameter 'Env' must be a number."],
    [{ Env: { Type: 'Number', MaxValue: 5 } }, '6', "Parameter 'Env' must be a number not greater than 5"],
    [
      { Env: { Type: 'CommaDelimitedList', AllowedValues: ['a', 'b'] } },
      'a,c',
      "Parameter 'Env' must be one of AllowedValues",
    ],
  ])('refuses a value that breaks a constraint (%j, %s)', (declaration, value, message) => {
    // Prepare
    const template = templateWith(declaration);

    // Act
    const resolve = () => resolveParameters(template, [{ key: 'Env', value }]);

    // Assess
    expect(resolve).toThrow(message);
  });

  it('names every parameter that has no value, and every one the template does not declare', () => {
    // Prepare
    const template = templateWith({ A: { Type: 'String' }, B: { Type: 'String' } });

    // Act / Assess
    expect(() => resolveParameters(template, [])).toThrow('Parameters: [A, B] must have values');
    expect(() => resolveParameters(template, [{ key: 'C', value: 'x' }])).toThrow(
      'Parameters: [C] do not exist in the template',
    );
  });

  it('keeps the previous value when UsePreviousValue is set on an update', () => {
    // Prepare
    const template = templateWith({ Secret: { Type: 'String', NoEcho: true } });
    const previous = [{ key: 'Secret', value: 's3cret', resolved: 's3cret', noEcho: true }];

    // Act
    const parameters = resolveParameters(template, [{ key: 'Secret', usePreviousValue: true }], previous);

    // Assess
    expect(parameters).toEqual(previous);
  });

  it('refuses a type CloudFormation does not know', () => {
    // Prepare
    const template = templateWith({ A: { Type: 'Strin', Default: 'x' } });

    // Act / Assess
    expect(() => resolveParameters(template, [])).toThrow(
      'Template format error: Unrecognized parameter type: Strin',
    );
  });
});
