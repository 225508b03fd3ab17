import { intrinsicName, splitGetAtt, subParts } from './intrinsics';
import { TemplateValidationError } from './template-error';
import { isTemplateObject, type Template, type TemplateValue } from './template-types';

/** The pseudo parameters CloudFormation defines (docs/aws-facts.md, CloudFormation). */
export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
] as const;

/** What a value names without evaluating it: the static references CloudFormation orders resources by. */
export interface References {
  /** Names used by Ref or as a `${Name}` of Fn::Sub. */
  readonly refs: Set<string>;
  /** Resources named by Fn::GetAtt or as a `${Resource.Attribute}` of Fn::Sub. */
  readonly getAtts: Set<string>;
  /** Conditions named by Fn::If or `Condition:`. */
  readonly conditions: Set<string>;
}

export function collectReferences(
  value: TemplateValue,
  into: References = { refs: new Set(), getAtts: new Set(), conditions: new Set() },
): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return into;
  }
  if (!isTemplateObject(value)) return into;
  const name = intrinsicName(value);
  const argument = name === undefined ? undefined : (value[name] ?? null);
  if (name === 'Ref' && typeof argument === 'string') {
    into.refs.add(argument);
  } else if (name === 'Fn::GetAtt' && argument !== undefined) {
    const pair = typeof argument === 'string' ? splitGetAtt(argument) : argument;
    if (Array.isArray(pair) && typeof pair[0] === 'string') into.getAtts.add(pair[0]);
    if (Array.isArray(pair)) collectReferences(pair.slice(1), into);
  } else if (name === 'Fn::Sub' && argument !== undefined) {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
    const local = isTemplateObject(variables ?? null) ? Object.keys(variables as object) : [];
    if (typeof text === 'string') {
      for (const part of subParts(text)) {
        if (!('variable' in part) || local.includes(part.variable)) continue;
        const pair = part.variable.startsWith('AWS::') ? undefined : splitGetAtt(part.variable);
        if (pair) into.getAtts.add(pair[0]);
        else into.refs.add(part.variable);
      }
    }
    if (variables !== undefined) collectReferences(variables, into);
  } else if (name === 'Fn::If' && Array.isArray(argument)) {
    if (typeof argument[0] === 'string') into.conditions.add(argument[0]);
    collectReferences(argument.slice(1), into);
  } else if (name === 'Condition' && typeof argument === 'string') {
    into.conditions.add(argument);
  } else {
    for (const member of Object.values(value)) collectReferences(member, into);
  }
  return into;
}

const dependsOnOf = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/**
 * The resources each resource depends on: its DependsOn and every resource its properties name
 * with Ref, Fn::GetAtt or Fn::Sub. Checks that every name resolves (CloudFormation refuses the
 * template otherwise) and that there is no cycle.
 */
export function dependencyGraph(template: Template): Map<string, Set<string>> {
  const resources = new Set(Object.keys(template.Resources));
  const parameters = new Set(Object.keys(template.Parameters));
  const conditions = new Set(Object.keys(template.Conditions));
  const pseudo = new Set<string>(PSEUDO_PARAMETERS);
  const unresolved = (names: Iterable<string>, block: string) => {
    const missing = [...names];
    if (missing.length > 0) {
      throw new TemplateValidationError(
        `Template format error: Unresolved resource dependencies [${missing.join(', ')}] in the ${block} block of the template`,
      );
    }
  };
  const checkConditions = (names: Iterable<string>, where: string) => {
    for (const name of names) {
      if (!conditions.has(name)) {
        throw new TemplateValidationError(
          `Template format error: Unresolved condition dependency ${name} in ${where}`,
        );
      }
    }
  };

  const graph = new Map<string, Set<string>>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const references = collectReferences(resource.Properties ?? {});
    const dependsOn = dependsOnOf(resource.DependsOn);
    unresolved(
      [...references.refs, ...dependsOn].filter(
        (name) => !resources.has(name) && !parameters.has(name) && !pseudo.has(name),
      ),
      'Resources',
    );
    for (const target of references.getAtts) {
      if (!resources.has(target)) {
        throw new TemplateValidationError(
          `Template error: instance of Fn::GetAtt references undefined resource ${target}`,
        );
      }
    }
    checkConditions(references.conditions, logicalId);
    if (resource.Condition !== undefined) checkConditions([resource.Condition], logicalId);
    graph.set(
      logicalId,
      new Set(
        [...references.refs, ...references.getAtts, ...dependsOn].filter((name) => resources.has(name)),
      ),
    );
  }
  for (const [outputKey, output] of Object.entries(template.Outputs)) {
    const references = collectReferences([output.Value, output.Export?.Name ?? null]);
    unresolved(
      [...references.refs].filter(
        (name) => !resources.has(name) && !parameters.has(name) && !pseudo.has(name),
      ),
      'Outputs',
    );
    unresolved(
      [...references.getAtts].filter((name) => !resources.has(name)),
      'Outputs',
    );
    checkConditions(references.conditions, outputKey);
    if (output.Condition !== undefined) checkConditions([output.Condition], outputKey);
  }
  for (const [name, condition] of Object.entries(template.Conditions)) {
    const references = collectReferences(condition);
    const resourceRefs = [...references.refs, ...references.getAtts].filter((ref) => resources.has(ref));
    if (resourceRefs.length > 0) {
      throw new TemplateValidationError(
        `Template format error: Unresolved dependencies [${resourceRefs.join(', ')}]. Cannot reference resources in the Conditions block of the template`,
      );
    }
    checkConditions(references.conditions, name);
  }
  creationOrder(graph);
  return graph;
}

/**
 * The resources in an order in which each comes after everything it depends on (ties in template
 * order); a cycle is CloudFormation's "Circular dependency between resources".
 */
export function creationOrder(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  let remaining = [...graph.keys()];
  while (remaining.length > 0) {
    const ready = remaining.filter((id) =>
      [...(graph.get(id) ?? [])].every((dependency) => done.has(dependency)),
    );
    if (ready.length === 0) {
      throw new TemplateValidationError(`Circular dependency between resources: [${remaining.join(', ')}]`);
    }
    for (const id of ready) {
      order.push(id);
      done.add(id);
    }
    remaining = remaining.filter((id) => !done.has(id));
  }
  return order;
}
