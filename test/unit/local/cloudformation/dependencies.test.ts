import {
  creationOrder,
  dependencyGraph,
  parseTemplate,
} from '../../../../local/services/cloudformation/template';

describe('dependencyGraph', () => {
  it('orders resources after what they Ref, GetAtt, Sub or DependsOn', () => {
    // Prepare
    const template = parseTemplate(`
Resources:
  D:
    Type: Custom::X
    Properties: { ServiceToken: x, Url: !Sub "\${C.Url}" }
  C:
    Type: Custom::X
    Properties: { ServiceToken: x, Parent: !GetAtt B.Id }
  B:
    Type: Custom::X
    DependsOn: A
    Properties: { ServiceToken: x }
  A:
    Type: Custom::X
    Properties: { ServiceToken: !Ref AWS::Region }
`);

    // Act
    const order = creationOrder(dependencyGraph(template));

    // Assess
    expect(order).toEqual(['A', 'B', 'C', 'D']);
  });

  it("refuses a reference to nothing with CloudFormation's message", () => {
    // Prepare
    const template = parseTemplate(
      'Resources:\n  A:\n    Type: Custom::X\n    Properties: { ServiceToken: !Ref Nope }\n',
    );

    // Act / Assess
    expect(() => dependencyGraph(template)).toThrow(
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    );
  });

  it('refuses a cycle', () => {
    // Prepare
    const template = parseTemplate(`
Resources:
  A: { Type: Custom::X, Properties: { ServiceToken: !Ref B } }
  B: { Type: Custom::X, Properties: { ServiceToken: !Ref A } }
`);

    // Act / Assess
    expect(() => dependencyGraph(template)).toThrow('Circular dependency between resources: [A, B]');
  });
});
