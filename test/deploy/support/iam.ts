import { asList, type CfnTemplate, isRecord } from './cloudformation';

export interface IamStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: readonly string[];
  readonly NotAction?: unknown;
  readonly Resource: readonly unknown[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

function normalize(statement: unknown): IamStatement {
  if (!isRecord(statement)) throw new Error(`not an IAM statement: ${JSON.stringify(statement)}`);
  return {
    ...statement,
    Effect: String(statement.Effect),
    Action: asList(statement.Action).map(String),
    Resource: asList(statement.Resource),
  } as IamStatement;
}

/** The statements of a role's inline policies. */
export function roleStatements(template: CfnTemplate, roleLogicalId: string): IamStatement[] {
  const role = template.Resources[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`no role ${roleLogicalId}`);
  return asList(role.Properties?.Policies).flatMap((policy) =>
    isRecord(policy) && isRecord(policy.PolicyDocument)
      ? asList(policy.PolicyDocument.Statement).map(normalize)
      : [],
  );
}

/** Every identity-based statement in the template: roles' inline policies and standalone policies. */
export function allIdentityStatements(template: CfnTemplate): { owner: string; statement: IamStatement }[] {
  return Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    if (resource.Type === 'AWS::IAM::Role') {
      return roleStatements(template, logicalId).map((statement) => ({ owner: logicalId, statement }));
    }
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      const document = resource.Properties?.PolicyDocument;
      return isRecord(document)
        ? asList(document.Statement).map((statement) => ({
            owner: logicalId,
            statement: normalize(statement),
          }))
        : [];
    }
    return [];
  });
}

/** The actions a role allows, sorted and without duplicates. */
export function allowedActions(statements: readonly IamStatement[]): string[] {
  return [...new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action))].sort();
}
