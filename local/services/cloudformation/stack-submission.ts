import { validationError } from './cloudformation-errors';
import type { CloudFormationContext } from './operation-context';
import type { StackRecord, StackSettings, Tag } from './stack-records';
import type { Deployment, StackRunner } from './stack-runner';
import {
  checkParameterDeclarations,
  checkResourceTypes,
  dependencyGraph,
  isTemplateObject,
  MAX_TEMPLATE_BODY_BYTES,
  MAX_TEMPLATE_URL_BYTES,
  type ParameterInput,
  parseTemplate,
  resolveParameters,
  type StackParameter,
  TemplateValidationError,
  type TemplateValue,
} from './template';

/**
 * The template of a CreateStack, UpdateStack, CreateChangeSet or ValidateTemplate: exactly one of
 * TemplateBody, TemplateURL and (updates only) UsePreviousTemplate.
 */
export async function readTemplateBody(ctx: CloudFormationContext, previous?: StackRecord): Promise<string> {
  const { input } = ctx;
  const body = input.string('TemplateBody');
  const url = input.string('TemplateURL');
  const usePrevious = input.boolean('UsePreviousTemplate') === true;
  const given = [body !== undefined, url !== undefined, usePrevious].filter(Boolean).length;
  if (given === 0) {
    throw validationError(
      previous === undefined
        ? 'Either Template URL or Template Body must be specified.'
        : 'Either Template URL, Template Body or Use Previous Template must be specified.',
    );
  }
  if (given > 1)
    throw validationError('Specify exactly one of TemplateBody, TemplateURL and UsePreviousTemplate.');
  if (usePrevious) {
    if (previous === undefined)
      throw validationError('UsePreviousTemplate can only be used on an existing stack.');
    return previous.templateBody;
  }
  if (body !== undefined) {
    if (Buffer.byteLength(body) > MAX_TEMPLATE_BODY_BYTES) {
      throw validationError(
        `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
      );
    }
    return body;
  }
  const fetched = await ctx.fetchTemplate(url ?? '');
  if (Buffer.byteLength(fetched) > MAX_TEMPLATE_URL_BYTES) {
    throw validationError(`Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`);
  }
  return fetched;
}

/** `Parameters.member.N.{ParameterKey, ParameterValue, UsePreviousValue}`. */
export function readParameterInputs(ctx: CloudFormationContext): ParameterInput[] {
  return ctx.input.structures('Parameters').map((fields) => {
    const key = fields.get('ParameterKey');
    if (key === undefined) throw validationError('Parameters: a member without ParameterKey');
    return {
      key,
      value: fields.get('ParameterValue'),
      usePreviousValue: fields.get('UsePreviousValue') === 'true',
    };
  });
}

export function readTags(ctx: CloudFormationContext): Tag[] {
  return ctx.input
    .structures('Tags')
    .map((fields) => ({ key: fields.get('Key') ?? '', value: fields.get('Value') ?? '' }));
}

/** The settings of a create or update; an update keeps what it does not pass. */
export function readSettings(ctx: CloudFormationContext, previous?: StackSettings): StackSettings {
  const { input } = ctx;
  const onFailure = input.string('OnFailure');
  const disableRollback = input.boolean('DisableRollback');
  if (onFailure !== undefined && disableRollback !== undefined) {
    throw validationError('You can specify either DisableRollback or OnFailure, but not both.');
  }
  if (
    onFailure !== undefined &&
    onFailure !== 'ROLLBACK' &&
    onFailure !== 'DO_NOTHING' &&
    onFailure !== 'DELETE'
  ) {
    throw validationError(
      `1 validation error detected: Value '${onFailure}' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, DELETE]`,
    );
  }
  const tags = input.structures('Tags').length > 0 ? readTags(ctx) : (previous?.tags ?? []);
  const notificationArns = input.list('NotificationARNs');
  return {
    tags,
    capabilities: input.list('Capabilities'),
    notificationArns: notificationArns.length > 0 ? notificationArns : (previous?.notificationArns ?? []),
    disableRollback: disableRollback ?? onFailure === 'DO_NOTHING',
    timeoutInMinutes: input.integer('TimeoutInMinutes') ?? previous?.timeoutInMinutes,
    roleArn: input.string('RoleARN') ?? previous?.roleArn,
    onFailure: (onFailure ??
      (disableRollback === true ? 'DO_NOTHING' : 'ROLLBACK')) as StackSettings['onFailure'],
  };
}

/**
 * Everything CloudFormation checks before it accepts a template for a stack, answered as a
 * ValidationError: the template's structure and resource types, its references and dependency
 * order, the parameters' values, its conditions, and the exports its Fn::ImportValue names.
 */
export function prepareDeployment(
  runner: StackRunner,
  stack: StackRecord,
  templateBody: string,
  inputs: readonly ParameterInput[],
  previous: readonly StackParameter[] = [],
): Deployment {
  try {
    const template = parseTemplate(templateBody);
    checkParameterDeclarations(template);
    checkResourceTypes(template);
    dependencyGraph(template);
    const parameters = resolveParameters(template, inputs, previous);
    const deployment: Deployment = { templateBody, template, parameters };
    const scope = runner.scope(stack, deployment);
    for (const name of Object.keys(template.Conditions)) scope.condition(name);
    for (const argument of importArguments(template.Resources).concat(importArguments(template.Outputs))) {
      try {
        scope.evaluate({ 'Fn::ImportValue': argument });
      } catch (error: unknown) {
        if (error instanceof TemplateValidationError && error.message.startsWith('No export named'))
          throw error;
      }
    }
    return deployment;
  } catch (error: unknown) {
    if (error instanceof TemplateValidationError) throw validationError(error.message);
    throw error;
  }
}

function importArguments(value: unknown): TemplateValue[] {
  if (Array.isArray(value)) return value.flatMap(importArguments);
  if (!isTemplateObject(value)) return [];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Fn::ImportValue') return [value['Fn::ImportValue'] ?? null];
  return Object.values(value).flatMap(importArguments);
}
