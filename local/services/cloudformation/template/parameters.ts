import { TemplateValidationError } from './template-error';
import type { ParameterDeclaration, ResolvedValue, Template, TemplateValue } from './template-types';

/** What a caller passes for one parameter (`Parameters.member.N`). */
export interface ParameterInput {
  readonly key: string;
  readonly value?: string;
  readonly usePreviousValue?: boolean;
}

/** A parameter of a stack once its value is settled. */
export interface StackParameter {
  readonly key: string;
  /** The value as given (or defaulted): a list parameter's comma-separated text. */
  readonly value: string;
  /** What Ref returns: a string, or a list for CommaDelimitedList and List<…>. */
  readonly resolved: ResolvedValue;
  readonly noEcho: boolean;
}

/** What DescribeStacks shows in place of a NoEcho parameter's value. */
export const NO_ECHO_MASK = '****';

/**
 * The AWS-specific parameter types (docs/aws-facts.md, CloudFormation). AWS checks that the value
 * names something that exists in the account; the local cloud takes them as strings.
 */
const AWS_SPECIFIC_TYPES = new Set([
  'AWS::EC2::AvailabilityZone::Name',
  'AWS::EC2::Image::Id',
  'AWS::EC2::Instance::Id',
  'AWS::EC2::KeyPair::KeyName',
  'AWS::EC2::SecurityGroup::GroupName',
  'AWS::EC2::SecurityGroup::Id',
  'AWS::EC2::Subnet::Id',
  'AWS::EC2::Volume::Id',
  'AWS::EC2::VPC::Id',
  'AWS::Route53::HostedZone::Id',
]);

interface ParameterKind {
  readonly list: boolean;
  readonly numeric: boolean;
}

/** The kind of a declared type, or a template format error for a type CloudFormation does not know. */
export function parameterKind(type: string): ParameterKind {
  if (type === 'String') return { list: false, numeric: false };
  if (type === 'Number') return { list: false, numeric: true };
  if (type === 'CommaDelimitedList') return { list: true, numeric: false };
  if (type === 'List<Number>') return { list: true, numeric: true };
  if (AWS_SPECIFIC_TYPES.has(type)) return { list: false, numeric: false };
  const inner = /^List<(.+)>$/.exec(type)?.[1];
  if (inner !== undefined && AWS_SPECIFIC_TYPES.has(inner)) return { list: true, numeric: false };
  if (type.startsWith('AWS::SSM::Parameter::')) {
    throw new TemplateValidationError(
      `Template format error: parameter type ${type} needs Systems Manager, which the local cloud does not emulate`,
    );
  }
  throw new TemplateValidationError(`Template format error: Unrecognized parameter type: ${type}`);
}

/** A scalar of the template as CloudFormation reads it where a string is meant (`Default: 3`). */
export function scalarText(value: TemplateValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => scalarText(item) ?? '').join(',');
  return undefined;
}

/** Checks every parameter's declaration (types, constraint members) as CloudFormation does on submit. */
export function checkParameterDeclarations(template: Template): void {
  for (const declaration of Object.values(template.Parameters)) parameterKind(declaration.Type);
}

/**
 * Settles the value of every declared parameter from what was passed, the previous stack's values
 * (UsePreviousValue on an update) and the defaults, and checks it against its type and constraints,
 * with CloudFormation's messages. Passing a parameter the template does not declare is an error.
 */
export function resolveParameters(
  template: Template,
  inputs: readonly ParameterInput[],
  previous: readonly StackParameter[] = [],
): StackParameter[] {
  const declared = template.Parameters;
  const unknown = inputs.filter((input) => !Object.hasOwn(declared, input.key)).map((input) => input.key);
  if (unknown.length > 0) {
    throw new TemplateValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  }
  const missing: string[] = [];
  const resolved: StackParameter[] = [];
  for (const [key, declaration] of Object.entries(declared)) {
    const input = inputs.find((candidate) => candidate.key === key);
    let value: string | undefined;
    if (input?.usePreviousValue === true) {
      const before = previous.find((parameter) => parameter.key === key);
      if (!before) {
        throw new TemplateValidationError(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      }
      value = before.value;
    } else {
      value = input?.value ?? scalarText(declaration.Default);
    }
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    resolved.push(checkValue(key, declaration, value));
  }
  if (missing.length > 0)
    throw new TemplateValidationError(`Parameters: [${missing.join(', ')}] must have values`);
  return resolved;
}

function checkValue(key: string, declaration: ParameterDeclaration, value: string): StackParameter {
  const kind = parameterKind(declaration.Type);
  const items = kind.list ? (value === '' ? [] : value.split(',').map((item) => item.trim())) : [value];
  const fail = (reason: string): never => {
    const description = declaration.ConstraintDescription;
    throw new TemplateValidationError(
      description === undefined
        ? `Parameter '${key}' ${reason}`
        : `Parameter ${key} failed to satisfy constraint: ${description}`,
    );
  };
  for (const item of items) {
    if (kind.numeric && (item.trim() === '' || !Number.isFinite(Number(item)))) {
      throw new TemplateValidationError(`Parameter '${key}' must be a number.`);
    }
    const allowed = declaration.AllowedValues?.map(scalarText);
    if (allowed !== undefined && !allowed.includes(item)) fail('must be one of AllowedValues');
    if (declaration.AllowedPattern !== undefined && !fullMatch(declaration.AllowedPattern, item)) {
      fail(`must match pattern ${declaration.AllowedPattern}`);
    }
    if (kind.numeric) {
      const number = Number(item);
      const min = numberOf(declaration.MinValue);
      const max = numberOf(declaration.MaxValue);
      if (min !== undefined && number < min) fail(`must be a number not less than ${min}`);
      if (max !== undefined && number > max) fail(`must be a number not greater than ${max}`);
    }
  }
  if (!kind.numeric) {
    const min = numberOf(declaration.MinLength);
    const max = numberOf(declaration.MaxLength);
    if (min !== undefined && value.length < min) fail(`must contain at least ${min} characters`);
    if (max !== undefined && value.length > max) fail(`must contain at most ${max} characters`);
  }
  return { key, value, resolved: kind.list ? items : value, noEcho: isTrue(declaration.NoEcho) };
}

/** AllowedPattern must match the whole value (CloudFormation anchors it). */
function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    throw new TemplateValidationError(
      `Template format error: AllowedPattern ${pattern} is not a valid pattern`,
    );
  }
}

function numberOf(value: TemplateValue | undefined): number | undefined {
  const text = scalarText(value);
  if (text === undefined) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** `NoEcho: true` or `NoEcho: "true"` (CloudFormation reads booleans from either). */
export const isTrue = (value: TemplateValue | undefined): boolean => value === true || value === 'true';
