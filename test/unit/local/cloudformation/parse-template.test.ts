// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold Fn::Sub placeholders, not JavaScript ones
import { parseTemplate, TemplateValidationError } from '../../../../local/services/cloudformation/template';

describe('parseTemplate', () => {
  it('reads the YAML short-form tags into their long forms when the template is YAML', () => {
    // Prepare
    const body = [
      'Resources:',
      '  Handle:',
      '    Type: AWS::CloudFormation::WaitConditionHandle',
      'Outputs:',
      '  Url:',
      '    Value: !Sub "${Handle}-${AWS::Region}"',
      '  Attr:',
      '    Value: !GetAtt Thing.Nested.Name',
      '  Picked:',
      '    Value: !If [IsProd, !Ref Handle, !Ref AWS::NoValue]',
    ].join('\n');

    // Act
    const template = parseTemplate(body);

    // Assess
    expect(template.Outputs.Url?.Value).toEqual({ 'Fn::Sub': '${Handle}-${AWS::Region}' });
    expect(template.Outputs.Attr?.Value).toEqual({ 'Fn::GetAtt': ['Thing', 'Nested.Name'] });
    expect(template.Outputs.Picked?.Value).toEqual({
      'Fn::If': ['IsProd', { Ref: 'Handle' }, { Ref: 'AWS::NoValue' }],
    });
  });

  it('reads JSON templates as JSON when the body starts with a brace', () => {
    // Prepare
    const body = JSON.stringify({ Resources: { H: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } });

    // Act
    const template = parseTemplate(body);

    // Assess
    expect(Object.keys(template.Resources)).toEqual(['H']);
    expect(template.Parameters).toEqual({});
  });

  it.each([
    ['{"Resources": ', 'Template format error: JSON not well-formed.'],
    ['Resources: {}', 'Template format error: At least one Resources member must be defined.'],
    ['Outputs: {}', 'Template format error: At least one Resources member must be defined.'],
    [
      'Resources:\n  A:\n    Properties: {}',
      'Template format error: [/Resources/A] Every Resources object must contain a Type member.',
    ],
    [
      'Foo: 1\nResources:\n  A:\n    Type: Custom::X',
      'Template format error: Invalid template property or properties [Foo]',
    ],
    [
      'Resources:\n  my-res:\n    Type: Custom::X',
      'Template format error: Resources my-res name is non alphanumeric.',
    ],
  ])("refuses %j with CloudFormation's message", (body, message) => {
    // Prepare / Act
    const parse = () => parseTemplate(body);

    // Assess
    expect(parse).toThrow(TemplateValidationError);
    expect(parse).toThrow(message);
  });
});
