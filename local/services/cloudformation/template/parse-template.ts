import { yamlParse } from 'yaml-cfn';
import { TemplateValidationError } from './template-error';
import {
  isTemplateObject,
  type OutputDeclaration,
  type ParameterDeclaration,
  type ResourceDeclaration,
  type Template,
  type TemplateObject,
  type TemplateValue,
} from './template-types';

/** CloudFormation's limits on a template (docs/aws-facts.md, CloudFormation). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
export const MAX_TEMPLATE_URL_BYTES = 1_048_576;
export const MAX_RESOURCES = 500;
export const MAX_PARAMETERS = 200;
export const MAX_OUTPUTS = 200;

const SECTIONS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);
/** Logical ids (resources, parameters, outputs, conditions): alphanumeric only. */
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

const formatError = (detail: string) => new TemplateValidationError(`Template format error: ${detail}`);

/**
 * Reads a template body as CloudFormation does: JSON when it is JSON, else YAML with the short-form
 * tags (`!Ref`, `!Sub`, `!GetAtt a.b`, …, read by yaml-cfn into their long forms), then checks the
 * structure CloudFormation checks before it accepts the template.
 */
export function parseTemplate(body: string): Template {
  const document = readDocument(body);
  if (!isTemplateObject(document)) throw formatError('not a valid template');
  return checkTemplate(document);
}

function readDocument(body: string): unknown {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(body);
    } catch (error: unknown) {
      throw formatError(`JSON not well-formed. (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  try {
    return yamlParse(body);
  } catch (error: unknown) {
    const mark = (error as { mark?: { line?: unknown; column?: unknown } }).mark;
    const where =
      typeof mark?.line === 'number' && typeof mark.column === 'number'
        ? ` (line ${mark.line + 1}, column ${mark.column + 1})`
        : '';
    throw formatError(`YAML not well-formed.${where}`);
  }
}

function checkTemplate(document: TemplateObject): Template {
  const unknown = Object.keys(document).filter((key) => !SECTIONS.has(key));
  if (unknown.length > 0)
    throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  if (document.Transform !== undefined) {
    throw formatError('Transforms are not supported by the local CloudFormation');
  }
  const version = document.AWSTemplateFormatVersion;
  if (version !== undefined && version !== '2010-09-09') {
    throw formatError(`Unsupported template version '${String(version)}'. Use '2010-09-09'`);
  }
  const description = document.Description;
  if (description !== undefined && typeof description !== 'string') {
    throw formatError('Every Description member must be a string.');
  }
  const resources = section(document, 'Resources');
  if (resources === undefined || Object.keys(resources).length === 0) {
    throw formatError('At least one Resources member must be defined.');
  }
  if (Object.keys(resources).length > MAX_RESOURCES) {
    throw formatError(
      `Number of resources, ${Object.keys(resources).length}, is greater than maximum allowed, ${MAX_RESOURCES}`,
    );
  }
  const parameters = section(document, 'Parameters') ?? {};
  const outputs = section(document, 'Outputs') ?? {};
  if (Object.keys(parameters).length > MAX_PARAMETERS) {
    throw formatError(
      `Parameter count ${Object.keys(parameters).length} is greater than max allowed ${MAX_PARAMETERS}`,
    );
  }
  if (Object.keys(outputs).length > MAX_OUTPUTS) {
    throw formatError(
      `Output count ${Object.keys(outputs).length} is greater than max allowed ${MAX_OUTPUTS}`,
    );
  }
  const metadata = document.Metadata;
  return {
    AWSTemplateFormatVersion: version === undefined ? undefined : String(version),
    Description: description,
    Metadata: isTemplateObject(metadata) ? metadata : undefined,
    Parameters: mapEntries(parameters, 'Parameters', checkParameter),
    Mappings: mapEntries(section(document, 'Mappings') ?? {}, 'Mappings', (name, value) => {
      if (!isTemplateObject(value)) throw formatError(`Every Mappings member ${name} must be a map`);
      return value;
    }),
    Conditions: section(document, 'Conditions') ?? {},
    Resources: mapEntries(resources, 'Resources', checkResource),
    Outputs: mapEntries(outputs, 'Outputs', checkOutput),
  };
}

function section(document: TemplateObject, name: string): TemplateObject | undefined {
  const value = document[name];
  if (value === undefined || value === null) return undefined;
  if (!isTemplateObject(value)) throw formatError(`${name} must be a map`);
  return value;
}

function mapEntries<T>(
  members: TemplateObject,
  sectionName: string,
  check: (name: string, value: TemplateValue) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [name, value] of Object.entries(members)) {
    if (sectionName !== 'Mappings' && !LOGICAL_ID.test(name)) {
      throw formatError(`${sectionName} ${name} name is non alphanumeric.`);
    }
    result[name] = check(name, value);
  }
  return result;
}

function checkParameter(name: string, value: TemplateValue): ParameterDeclaration {
  if (!isTemplateObject(value)) throw formatError(`Every Parameters object must contain a Type member.`);
  if (typeof value.Type !== 'string') {
    throw formatError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
  }
  if (value.AllowedValues !== undefined && !Array.isArray(value.AllowedValues)) {
    throw formatError('Every AllowedValues member must be a list.');
  }
  if (value.AllowedPattern !== undefined && typeof value.AllowedPattern !== 'string') {
    throw formatError('Every AllowedPattern member must be a string.');
  }
  return value as unknown as ParameterDeclaration;
}

function checkResource(name: string, value: TemplateValue): ResourceDeclaration {
  if (!isTemplateObject(value) || typeof value.Type !== 'string') {
    throw formatError(`[/Resources/${name}] Every Resources object must contain a Type member.`);
  }
  if (value.Properties !== undefined && value.Properties !== null && !isTemplateObject(value.Properties)) {
    throw formatError(`[/Resources/${name}/Properties] Every Properties member must be an object`);
  }
  const dependsOn = value.DependsOn;
  if (
    dependsOn !== undefined &&
    typeof dependsOn !== 'string' &&
    !(Array.isArray(dependsOn) && dependsOn.every((item) => typeof item === 'string'))
  ) {
    throw formatError(`[/Resources/${name}/DependsOn] DependsOn must be a string or a list of strings`);
  }
  if (value.Condition !== undefined && typeof value.Condition !== 'string') {
    throw formatError(`[/Resources/${name}/Condition] Condition must be a string`);
  }
  return {
    ...(value as unknown as ResourceDeclaration),
    Properties: isTemplateObject(value.Properties) ? value.Properties : undefined,
  };
}

function checkOutput(name: string, value: TemplateValue): OutputDeclaration {
  if (!isTemplateObject(value) || value.Value === undefined) {
    throw formatError(`Every Outputs member must contain a Value object`);
  }
  const exported = value.Export;
  if (exported !== undefined && !(isTemplateObject(exported) && exported.Name !== undefined)) {
    throw formatError(`[/Outputs/${name}/Export] Export must contain a Name`);
  }
  return value as unknown as OutputDeclaration;
}
