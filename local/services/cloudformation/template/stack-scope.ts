import { evaluate, type IntrinsicContext, NO_VALUE, type NoValue } from './intrinsics';
import { type StackParameter, scalarText } from './parameters';
import { TemplateValidationError } from './template-error';
import { isTemplateObject, type ResolvedValue, type Template, type TemplateValue } from './template-types';

/** The stack a template is evaluated for: what the pseudo parameters say. */
export interface StackIdentity {
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly notificationArns: readonly string[];
}

/** What the scope asks of the stack's resources and of the account. */
export interface ScopeDeps {
  /** Ref of a resource: its physical id; throws when it has none (not created, or its condition is false). */
  resourceRef(logicalId: string): string;
  /** Fn::GetAtt of a resource's attribute; throws when it has no such attribute. */
  resourceAttribute(logicalId: string, attribute: string): TemplateValue;
  importValue(exportName: string): string;
  availabilityZones(region: string): readonly string[];
}

/** The partition of a Region: `aws`, `aws-cn`, `aws-us-gov` (AWS::Partition). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The domain suffix of a Region's endpoints (AWS::URLSuffix). */
export const urlSuffixOf = (region: string): string =>
  region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';

export function pseudoParameter(name: string, identity: StackIdentity): ResolvedValue | NoValue | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return identity.accountId;
    case 'AWS::NotificationARNs':
      return identity.notificationArns;
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Partition':
      return partitionOf(identity.region);
    case 'AWS::Region':
      return identity.region;
    case 'AWS::StackId':
      return identity.stackId;
    case 'AWS::StackName':
      return identity.stackName;
    case 'AWS::URLSuffix':
      return urlSuffixOf(identity.region);
    default:
      return undefined;
  }
}

export interface StackScope extends IntrinsicContext {
  /** Whether a resource or output is in the stack: no Condition, or a true one. */
  isIncluded(condition: string | undefined): boolean;
  /** Evaluates a value in this scope. */
  evaluate(value: TemplateValue): TemplateValue | NoValue;
}

/**
 * The scope the intrinsic functions of one stack operation are evaluated in: the template's
 * parameters and mappings, the pseudo parameters, its conditions (each evaluated once), and the
 * stack's resources and the account's exports through `deps`.
 */
export function createStackScope(
  template: Template,
  parameters: readonly StackParameter[],
  identity: StackIdentity,
  deps: ScopeDeps,
): StackScope {
  const conditionValues = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const scope: StackScope = {
    ref(name) {
      const parameter = parameters.find((candidate) => candidate.key === name);
      if (parameter) return parameter.resolved;
      const pseudo = pseudoParameter(name, identity);
      if (pseudo !== undefined) return pseudo;
      if (Object.hasOwn(template.Resources, name)) return deps.resourceRef(name);
      throw new TemplateValidationError(
        `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
      );
    },
    getAtt(logicalId, attribute) {
      if (!Object.hasOwn(template.Resources, logicalId)) {
        throw new TemplateValidationError(
          `Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`,
        );
      }
      return deps.resourceAttribute(logicalId, attribute);
    },
    importValue: (exportName) => deps.importValue(exportName),
    availabilityZones: (region) => deps.availabilityZones(region === '' ? identity.region : region),
    findInMap(mapName, topKey, secondKey) {
      const map = template.Mappings[mapName];
      const top = map?.[topKey];
      const value = isTemplateObject(top ?? null)
        ? (top as Record<string, TemplateValue>)[secondKey]
        : undefined;
      if (value === undefined) {
        throw new TemplateValidationError(
          `Template error: Unable to get mapping for ${mapName}::${topKey}::${secondKey}`,
        );
      }
      return value;
    },
    condition(name) {
      const known = conditionValues.get(name);
      if (known !== undefined) return known;
      if (!Object.hasOwn(template.Conditions, name)) {
        throw new TemplateValidationError(`Template format error: Unresolved condition dependency ${name}`);
      }
      if (evaluating.has(name)) {
        throw new TemplateValidationError(
          `Template format error: Circular dependency between conditions: [${[...evaluating].join(', ')}]`,
        );
      }
      evaluating.add(name);
      const value = evaluate(template.Conditions[name] ?? null, scope);
      evaluating.delete(name);
      const result = value === true || value === 'true';
      if (!result && value !== false && value !== 'false') {
        throw new TemplateValidationError(
          `Template format error: Condition ${name} must evaluate to a boolean, not ${scalarText(value === NO_VALUE ? null : value) ?? JSON.stringify(value)}`,
        );
      }
      conditionValues.set(name, result);
      return result;
    },
    isIncluded: (condition) => condition === undefined || scope.condition(condition),
    evaluate: (value) => evaluate(value, scope),
  };
  return scope;
}
