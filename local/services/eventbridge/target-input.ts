import { AwsError } from '../../core/aws-error';
import { validationError } from '../../core/aws-json-protocol';
import { isPlainObject } from './event-pattern';

/** How a target shapes what it receives: the whole event, a constant, a path into it, or a template. */
export interface TargetInputSpec {
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Readonly<Record<string, string>>;
    readonly InputTemplate: string;
  };
}

/** What a rule's target is given besides the event: the rule, for the `aws.events.*` template variables. */
export interface RuleReference {
  readonly arn: string;
  readonly name: string;
}

/** The JSONPath subset EventBridge paths use: `$`, `$.a.b`, `$.a[0]`, `$['a-b']`. */
const PATH_SEGMENT = /\.([A-Za-z0-9_$@-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

/** Splits a path into its member names and indexes; undefined when it is not one EventBridge accepts. */
export function parseInputPath(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Array<string | number> = [];
  PATH_SEGMENT.lastIndex = 1;
  while (PATH_SEGMENT.lastIndex < path.length) {
    const start = PATH_SEGMENT.lastIndex;
    const match = PATH_SEGMENT.exec(path);
    if (!match || match.index !== start) return undefined;
    const [, member, index, single, double] = match;
    segments.push(index === undefined ? (member ?? single ?? double ?? '') : Number(index));
  }
  return segments;
}

/** The value a path selects in an event; undefined when nothing is there. */
export function selectPath(path: string, value: unknown): unknown {
  const segments = parseInputPath(path);
  if (!segments) return undefined;
  let current: unknown = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * A target's input settings as PutTargets reads them (docs/aws-facts.md, EventBridge): a member of
 * the wrong JSON type is a SerializationException, as the JSON protocol answers; a null member is
 * absent; a transformer without its template, two settings at once, an Input that is not JSON or a
 * path that is not one EventBridge takes is a ValidationException.
 */
export function readTargetInput(
  target: Readonly<Record<string, unknown>>,
  targetId: string,
): TargetInputSpec {
  const input = textMember(target.Input, 'Input');
  const inputPath = textMember(target.InputPath, 'InputPath');
  const transformer = readInputTransformer(target.InputTransformer);
  const spec: TargetInputSpec = {
    ...(input === undefined ? {} : { Input: input }),
    ...(inputPath === undefined ? {} : { InputPath: inputPath }),
    ...(transformer === undefined ? {} : { InputTransformer: transformer }),
  };
  const given = [spec.Input, spec.InputPath, spec.InputTransformer].filter((value) => value !== undefined);
  if (given.length > 1) {
    throw new AwsError(
      'ValidationException',
      `Target ${targetId}: only one of Input, InputPath or InputTransformer may be set.`,
      400,
    );
  }
  if (spec.Input !== undefined) {
    try {
      JSON.parse(spec.Input);
    } catch {
      throw new AwsError('ValidationException', `Target ${targetId}: Input is not valid JSON text.`, 400);
    }
  }
  if (spec.InputPath !== undefined && !parseInputPath(spec.InputPath)) {
    throw new AwsError('ValidationException', `Target ${targetId}: InputPath is not a valid JSON path.`, 400);
  }
  for (const [name, path] of Object.entries(spec.InputTransformer?.InputPathsMap ?? {})) {
    if (name.startsWith('aws.events.') || !parseInputPath(path)) {
      throw new AwsError(
        'ValidationException',
        `Target ${targetId}: InputPathsMap entry ${name} is not valid.`,
        400,
      );
    }
  }
  return spec;
}

function readInputTransformer(value: unknown): TargetInputSpec['InputTransformer'] {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw new AwsError('SerializationException', "Expected a structure for 'InputTransformer'", 400);
  }
  const template = textMember(value.InputTemplate, 'InputTemplate');
  if (template === undefined) {
    throw validationError(
      "Value null at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null",
    );
  }
  const pathsMap = value.InputPathsMap;
  if (pathsMap === undefined || pathsMap === null) return { InputTemplate: template };
  if (!isPlainObject(pathsMap)) {
    throw new AwsError('SerializationException', "Expected a map for 'InputPathsMap'", 400);
  }
  const paths: Record<string, string> = {};
  for (const [name, path] of Object.entries(pathsMap)) {
    if (typeof path !== 'string') {
      throw new AwsError('SerializationException', `Expected a string for 'InputPathsMap.${name}'`, 400);
    }
    paths[name] = path;
  }
  return { InputPathsMap: paths, InputTemplate: template };
}

/** A string member, or undefined when it is absent or null. */
function textMember(value: unknown, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new AwsError('SerializationException', `Expected a string for '${member}'`, 400);
  }
  return value;
}

/**
 * What a target receives for an event, as text: the event's JSON by default, `Input` verbatim,
 * the JSON of what `InputPath` selects, or `InputTemplate` with its `<name>` placeholders filled
 * (raw text inside a JSON string, JSON outside one) from `InputPathsMap` and the predefined
 * `aws.events.rule-arn`, `aws.events.rule-name`, `aws.events.event`, `aws.events.event.json` and
 * `aws.events.event.ingestion-time`.
 */
export function targetInput(
  spec: TargetInputSpec,
  event: Record<string, unknown>,
  rule: RuleReference,
): string {
  if (spec.Input !== undefined) return spec.Input;
  if (spec.InputPath !== undefined) return JSON.stringify(selectPath(spec.InputPath, event) ?? null);
  const transformer = spec.InputTransformer;
  if (!transformer) return JSON.stringify(event);
  const variables = new Map<string, unknown>([
    ['aws.events.rule-arn', rule.arn],
    ['aws.events.rule-name', rule.name],
    ['aws.events.event', event],
    ['aws.events.event.json', event],
    ['aws.events.event.ingestion-time', event.time],
  ]);
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    variables.set(name, selectPath(path, event));
  }
  return fillTemplate(transformer.InputTemplate, variables);
}

function fillTemplate(template: string, variables: ReadonlyMap<string, unknown>): string {
  let output = '';
  let inString = false;
  for (let index = 0; index < template.length; index += 1) {
    const char = template.charAt(index);
    if (char === '"' && template.charAt(index - 1) !== '\\') inString = !inString;
    const end = char === '<' ? template.indexOf('>', index) : -1;
    const name = end > index ? template.slice(index + 1, end) : undefined;
    if (name === undefined || !variables.has(name)) {
      output += char;
      continue;
    }
    const value = variables.get(name);
    if (inString) {
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      output += JSON.stringify(text).slice(1, -1);
    } else {
      output += JSON.stringify(value ?? null);
    }
    index = end;
  }
  return output;
}
