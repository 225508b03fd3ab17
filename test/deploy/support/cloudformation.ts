/** The parts of a CloudFormation template the deploy checks read. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string | readonly string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<
    string,
    { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }
  >;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The resources of one type, by logical id. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

/** The one resource with this logical id and type; throws when there is none. */
export function resource(template: CfnTemplate, logicalId: string, type: string): CfnResource {
  const found = template.Resources[logicalId];
  if (!found || found.Type !== type) throw new Error(`no ${type} ${logicalId} in the template`);
  return found;
}

/** A property read through a path of keys, or undefined. */
export function property(target: CfnResource, ...path: readonly string[]): unknown {
  let value: unknown = target.Properties;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

/** The logical id a `{"Ref": id}` or `{"Fn::GetAtt": [id, attribute]}` points at, if the value is one. */
export function referencedLogicalId(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** A value as a list (CloudFormation accepts one item or a list in many places). */
export const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
