import { scalarText } from './parameters';
import { TemplateValidationError } from './template-error';
import {
  isTemplateObject,
  type ResolvedValue,
  type TemplateObject,
  type TemplateValue,
} from './template-types';

/** `Ref: AWS::NoValue`: the property (or list item) it stands for is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;

/** What the intrinsic functions read from the stack being worked on. */
export interface IntrinsicContext {
  /** Ref of a parameter, a pseudo parameter or a resource (its physical id). */
  ref(name: string): ResolvedValue | NoValue;
  /** Fn::GetAtt of a resource's attribute. */
  getAtt(logicalId: string, attribute: string): TemplateValue;
  /** Fn::ImportValue: the value of another stack's export in this account and Region. */
  importValue(exportName: string): string;
  /** A condition of the Conditions section (Fn::If, `Condition:` inside conditions). */
  condition(name: string): boolean;
  /** Fn::FindInMap. */
  findInMap(mapName: string, topKey: string, secondKey: string): TemplateValue;
  /** Fn::GetAZs for a Region ('' is the stack's). */
  availabilityZones(region: string): readonly string[];
}

/** The intrinsic functions the local CloudFormation evaluates (docs/aws-facts.md, CloudFormation). */
export const INTRINSIC_FUNCTIONS = [
  'Ref',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Split',
  'Fn::Select',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::ImportValue',
  'Fn::GetAZs',
  'Fn::Base64',
  'Fn::FindInMap',
  'Condition',
] as const;

const templateError = (detail: string) => new TemplateValidationError(`Template error: ${detail}`);

/** The one key of an object that is an intrinsic function call, or undefined for a plain object. */
export function intrinsicName(value: TemplateObject): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  if (key === undefined) return undefined;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

/** One `${…}` of a Fn::Sub string: a variable name, or literal text (`${!Literal}` and the rest). */
export type SubPart = { readonly literal: string } | { readonly variable: string };

/** Splits a Fn::Sub string into literal text and `${Name}` / `${Resource.Attribute}` variables. */
export function subParts(text: string): SubPart[] {
  const parts: SubPart[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = match[1] ?? '';
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) });
    parts.push(inner.startsWith('!') ? { literal: `\${${inner.slice(1)}}` } : { variable: inner.trim() });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
}

/** `Resource.Attribute` → [Resource, Attribute], split at the first dot (as the YAML short form is). */
export function splitGetAtt(text: string): [string, string] | undefined {
  const dot = text.indexOf('.');
  return dot <= 0 ? undefined : [text.slice(0, dot), text.slice(dot + 1)];
}

/**
 * Evaluates a template value: every intrinsic function in it is replaced by its value, and
 * `Ref: AWS::NoValue` (directly, or as the chosen branch of a Fn::If) removes the property or list
 * item that holds it. Throws TemplateValidationError with CloudFormation's message for a malformed call.
 */
export function evaluate(value: TemplateValue, context: IntrinsicContext): TemplateValue | NoValue {
  if (Array.isArray(value)) {
    return value
      .map((item) => evaluate(item, context))
      .filter((item): item is TemplateValue => item !== NO_VALUE);
  }
  if (!isTemplateObject(value)) return value;
  const name = intrinsicName(value);
  if (name === undefined) {
    const result: TemplateObject = {};
    for (const [key, member] of Object.entries(value)) {
      const evaluated = evaluate(member, context);
      if (evaluated !== NO_VALUE) result[key] = evaluated;
    }
    return result;
  }
  return call(name, value[name] ?? null, context);
}

/** Evaluates a value that must be there (a function's argument): AWS::NoValue there is an error. */
function present(value: TemplateValue, context: IntrinsicContext, where: string): TemplateValue {
  const evaluated = evaluate(value, context);
  if (evaluated === NO_VALUE) throw templateError(`${where} does not accept AWS::NoValue as an argument`);
  return evaluated;
}

function stringArgument(value: TemplateValue, context: IntrinsicContext, where: string): string {
  const evaluated = present(value, context, where);
  const text = typeof evaluated === 'object' ? undefined : scalarText(evaluated);
  if (text === undefined) throw templateError(`${where} requires a string, got ${JSON.stringify(evaluated)}`);
  return text;
}

function listArgument(value: TemplateValue, context: IntrinsicContext, where: string): TemplateValue[] {
  const evaluated = present(value, context, where);
  if (!Array.isArray(evaluated))
    throw templateError(`${where} requires a list, got ${JSON.stringify(evaluated)}`);
  return evaluated;
}

function resolvedToTemplate(value: ResolvedValue): TemplateValue {
  return typeof value === 'string' ? value : [...value];
}

function call(name: string, argument: TemplateValue, context: IntrinsicContext): TemplateValue | NoValue {
  switch (name) {
    case 'Ref': {
      if (typeof argument !== 'string')
        throw templateError('Ref requires a string: the name of a parameter or a resource');
      const resolved = context.ref(argument);
      return resolved === NO_VALUE ? NO_VALUE : resolvedToTemplate(resolved);
    }
    case 'Fn::GetAtt':
      return getAtt(argument, context);
    case 'Fn::Sub':
      return sub(argument, context);
    case 'Fn::Join': {
      if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') {
        throw templateError(
          'every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.',
        );
      }
      const delimiter = argument[0];
      const items = listArgument(argument[1] ?? null, context, 'Fn::Join');
      return items.map((item) => stringOf(item, 'Fn::Join')).join(delimiter);
    }
    case 'Fn::Split': {
      if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') {
        throw templateError(
          'every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.',
        );
      }
      return stringArgument(argument[1] ?? null, context, 'Fn::Split').split(argument[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw templateError('Fn::Select requires a list of two elements: an index and a list');
      }
      const index = Number(stringArgument(argument[0] ?? null, context, 'Fn::Select'));
      const items = listArgument(argument[1] ?? null, context, 'Fn::Select');
      const selected = Number.isInteger(index) && index >= 0 ? items[index] : undefined;
      if (selected === undefined)
        throw templateError(`Fn::Select cannot select nonexistent value at index ${index}`);
      return selected;
    }
    case 'Fn::If': {
      if (!Array.isArray(argument) || argument.length !== 3 || typeof argument[0] !== 'string') {
        throw templateError(
          'Fn::If requires a list argument with three elements: a condition name and two values',
        );
      }
      const chosen = context.condition(argument[0]) ? argument[1] : argument[2];
      return evaluate(chosen ?? null, context);
    }
    case 'Fn::Equals': {
      if (!Array.isArray(argument) || argument.length !== 2) {
        throw templateError('Fn::Equals requires a list argument with two elements');
      }
      const [left, right] = argument.map((item) => present(item, context, 'Fn::Equals'));
      return comparable(left ?? null) === comparable(right ?? null);
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(argument) || argument.length < 2 || argument.length > 10) {
        throw templateError(`${name} requires a list argument with between 2 and 10 conditions`);
      }
      const values = argument.map((item) => booleanOf(present(item, context, name), name));
      return name === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'Fn::Not': {
      if (!Array.isArray(argument) || argument.length !== 1) {
        throw templateError('Fn::Not requires a list argument with one element');
      }
      return !booleanOf(present(argument[0] ?? null, context, name), name);
    }
    case 'Condition': {
      if (typeof argument !== 'string') throw templateError('Condition requires the name of a condition');
      return context.condition(argument);
    }
    case 'Fn::ImportValue':
      return context.importValue(stringArgument(argument, context, 'Fn::ImportValue'));
    case 'Fn::GetAZs':
      return [...context.availabilityZones(stringArgument(argument, context, 'Fn::GetAZs'))];
    case 'Fn::Base64':
      return Buffer.from(stringArgument(argument, context, 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::FindInMap': {
      if (!Array.isArray(argument) || argument.length !== 3) {
        throw templateError('Fn::FindInMap requires a list argument with three elements');
      }
      const [mapName, topKey, secondKey] = argument.map((item) =>
        stringArgument(item, context, 'Fn::FindInMap'),
      );
      return context.findInMap(mapName ?? '', topKey ?? '', secondKey ?? '');
    }
    default:
      throw templateError(
        `Encountered unsupported function: ${name} Supported functions are: [${INTRINSIC_FUNCTIONS.join(', ')}]`,
      );
  }
}

function getAtt(argument: TemplateValue, context: IntrinsicContext): TemplateValue {
  const pair = typeof argument === 'string' ? splitGetAtt(argument) : argument;
  if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
    throw templateError('Fn::GetAtt requires a list of two elements: a resource name and an attribute');
  }
  const attribute = stringArgument(pair[1] ?? null, context, 'Fn::GetAtt');
  return context.getAtt(pair[0], attribute);
}

function sub(argument: TemplateValue, context: IntrinsicContext): string {
  let text: TemplateValue;
  let variables: TemplateObject = {};
  if (Array.isArray(argument)) {
    const [first, second] = argument;
    if (argument.length !== 2 || typeof first !== 'string' || !isTemplateObject(second ?? null)) {
      throw templateError(
        "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string",
      );
    }
    text = first;
    variables = second as TemplateObject;
  } else {
    text = argument;
  }
  if (typeof text !== 'string') {
    throw templateError(
      "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string",
    );
  }
  return subParts(text)
    .map((part) => {
      if ('literal' in part) return part.literal;
      const name = part.variable;
      if (Object.hasOwn(variables, name)) return stringArgument(variables[name] ?? null, context, 'Fn::Sub');
      const pair = name.startsWith('AWS::') ? undefined : splitGetAtt(name);
      if (pair) return stringOf(context.getAtt(pair[0], pair[1]), 'Fn::Sub');
      const resolved = context.ref(name);
      if (resolved === NO_VALUE || typeof resolved !== 'string') {
        throw templateError(`Fn::Sub variable ${name} must resolve to a string`);
      }
      return resolved;
    })
    .join('');
}

function stringOf(value: TemplateValue, where: string): string {
  const text = typeof value === 'object' ? undefined : scalarText(value);
  if (text === undefined) throw templateError(`${where} requires strings, got ${JSON.stringify(value)}`);
  return text;
}

function booleanOf(value: TemplateValue, where: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw templateError(`${where} elements must be conditions`);
}

/** Fn::Equals compares what the values say: `3` and `"3"` are equal, as CloudFormation reads both as text. */
function comparable(value: TemplateValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : (scalarText(value) ?? 'null');
}
