import { isDeepStrictEqual } from 'node:util';
import { paginate } from '../../../core/paging';
import { fragments, leaf } from '../../../core/xml';
import { STACK_NAME, stackAlreadyExists, stackNotFound, validationError } from '../cloudformation-errors';
import { members } from '../cloudformation-xml';
import type { CloudFormationContext, CloudFormationOperation } from '../operation-context';
import { renderStack, renderStackSummary } from '../render';
import {
  isInProgress,
  type StackRecord,
  type StackSettings,
  type StackStatus,
  UPDATABLE_STATUSES,
} from '../stack-records';
import { stackIdOf } from '../stack-store';
import { prepareDeployment, readParameterInputs, readSettings, readTemplateBody } from '../stack-submission';
import type { Template } from '../template';

const invalidNextToken = () => validationError('Invalid NextToken');

/** Reads StackName and checks its form: `[a-zA-Z][-a-zA-Z0-9]*`, at most 128 characters. */
function newStackName(ctx: CloudFormationContext): string {
  const name = ctx.input.required('StackName');
  if (!STACK_NAME.test(name)) {
    throw validationError(
      `1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  return name;
}

/** What a new stack record holds until its deployment is prepared. */
const NO_TEMPLATE_YET: Template = {
  Parameters: {},
  Mappings: {},
  Conditions: {},
  Resources: {},
  Outputs: {},
};

/** A new stack record, not yet in the store: it holds what prepareDeployment needs to evaluate. */
export function newStack(
  ctx: CloudFormationContext,
  stackName: string,
  settings: StackSettings,
): StackRecord {
  return {
    stackId: stackIdOf(ctx.region, ctx.accountId, stackName),
    stackName,
    region: ctx.region,
    status: 'CREATE_IN_PROGRESS',
    createdAt: ctx.clock.now(),
    templateBody: '',
    template: NO_TEMPLATE_YET,
    parameters: [],
    outputs: [],
    imports: [],
    resources: new Map(),
    events: [],
    settings,
    enableTerminationProtection: false,
  };
}

/** The live stack a name or id names, or CloudFormation's "does not exist". */
export function existingStack(ctx: CloudFormationContext, nameOrId: string): StackRecord {
  const stack = ctx.store.find(ctx.region, nameOrId);
  if (!stack || stack.status === 'DELETE_COMPLETE') throw stackNotFound(nameOrId);
  return stack;
}

export const createStack: CloudFormationOperation = async (ctx) => {
  const stackName = newStackName(ctx);
  if (ctx.store.find(ctx.region, stackName)) throw stackAlreadyExists(stackName);
  const stack = newStack(ctx, stackName, readSettings(ctx));
  const deployment = prepareDeployment(
    ctx.runner,
    stack,
    await readTemplateBody(ctx),
    readParameterInputs(ctx),
  );
  // Another CreateStack of the same name may have won while the template was read.
  if (ctx.store.find(ctx.region, stackName)) throw stackAlreadyExists(stackName);
  Object.assign(stack, deployment);
  stack.enableTerminationProtection = ctx.input.boolean('EnableTerminationProtection') ?? false;
  ctx.store.add(stack);
  const token = ctx.input.string('ClientRequestToken');
  ctx.runner.stackStatus(stack, 'CREATE_IN_PROGRESS', 'User Initiated', token);
  ctx.runner.create(stack, token);
  return leaf('StackId', stack.stackId);
};

/** Refuses an update the stack's status does not allow, with CloudFormation's message. */
export function checkUpdatable(stack: StackRecord): void {
  if (!UPDATABLE_STATUSES.has(stack.status)) {
    throw validationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}

export const updateStack: CloudFormationOperation = async (ctx) => {
  const nameOrId = ctx.input.required('StackName');
  const stack = ctx.store.find(ctx.region, nameOrId);
  if (!stack || stack.status === 'DELETE_COMPLETE')
    throw validationError(`Stack [${nameOrId}] does not exist`);
  checkUpdatable(stack);
  const body = await readTemplateBody(ctx, stack);
  const settings = readSettings(ctx, stack.settings);
  const deployment = prepareDeployment(ctx.runner, stack, body, readParameterInputs(ctx), stack.parameters);
  checkUpdatable(stack);
  checkTypesUnchanged(stack, deployment.template);
  const unchanged =
    isDeepStrictEqual(deployment.template, stack.template) &&
    isDeepStrictEqual(deployment.parameters, stack.parameters) &&
    isDeepStrictEqual(settings.tags, stack.settings.tags);
  if (unchanged) throw validationError('No updates are to be performed.');
  stack.settings = settings;
  stack.updatedAt = ctx.clock.now();
  const token = ctx.input.string('ClientRequestToken');
  ctx.runner.stackStatus(stack, 'UPDATE_IN_PROGRESS', 'User Initiated', token);
  ctx.runner.update(stack, deployment, token);
  return leaf('StackId', stack.stackId);
};

/** CloudFormation does not change a resource's type in an update. */
export function checkTypesUnchanged(stack: StackRecord, next: StackRecord['template']): void {
  const changed = Object.entries(next.Resources)
    .filter(([id, resource]) => {
      const current = stack.resources.get(id);
      return current !== undefined && current.status !== 'DELETE_COMPLETE' && current.type !== resource.Type;
    })
    .map(([id]) => id);
  if (changed.length > 0) {
    throw validationError(
      `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${changed.join(', ')}]`,
    );
  }
}

const DELETABLE_WHILE_RUNNING: ReadonlySet<StackStatus> = new Set([
  'CREATE_IN_PROGRESS',
  'ROLLBACK_IN_PROGRESS',
]);

export const deleteStack: CloudFormationOperation = (ctx) => {
  const nameOrId = ctx.input.required('StackName');
  const stack = ctx.store.find(ctx.region, nameOrId);
  // Deleting a stack that does not exist (or no longer does) succeeds: DeleteStack is idempotent.
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return undefined;
  if (stack.enableTerminationProtection) {
    throw validationError(
      `Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`,
    );
  }
  if (isInProgress(stack.status) && !DELETABLE_WHILE_RUNNING.has(stack.status)) {
    throw validationError(`Stack [${stack.stackName}] cannot be deleted while in status ${stack.status}`);
  }
  const retain = ctx.input.list('RetainResources');
  if (retain.length > 0 && stack.status !== 'DELETE_FAILED') {
    throw validationError(
      `Invalid operation on stack [${stack.stackId}]. RetainResources can only be specified when the stack is in the DELETE_FAILED state`,
    );
  }
  // An export another stack imports keeps the stack: the delete is refused in an event, the status stays.
  for (const output of stack.outputs) {
    if (output.exportName === undefined) continue;
    const importers = ctx.store
      .importers(ctx.region, output.exportName)
      .filter((name) => name !== stack.stackName);
    if (importers.length > 0) {
      ctx.runner.stackNotice(
        stack,
        `Export ${output.exportName} cannot be deleted as it is in use by ${importers.join(', ')}`,
      );
      return undefined;
    }
  }
  ctx.runner.delete(stack, retain, ctx.input.string('ClientRequestToken'));
  return undefined;
};

export const describeStacks: CloudFormationOperation = (ctx) => {
  const nameOrId = ctx.input.string('StackName');
  const stacks =
    nameOrId === undefined
      ? ctx.store.list(ctx.region).filter((stack) => stack.status !== 'DELETE_COMPLETE')
      : [describedStack(ctx, nameOrId)];
  const { page, nextToken } = paginate(stacks, 100, ctx.input.string('NextToken'), invalidNextToken);
  return fragments(members('Stacks', page.map(renderStack)), leaf('NextToken', nextToken));
};

/** DescribeStacks finds a deleted stack by its id only. */
function describedStack(ctx: CloudFormationContext, nameOrId: string): StackRecord {
  const stack = ctx.store.find(ctx.region, nameOrId);
  if (!stack) throw stackNotFound(nameOrId);
  return stack;
}

export const listStacks: CloudFormationOperation = (ctx) => {
  const filter = new Set(ctx.input.list('StackStatusFilter'));
  const stacks = ctx.store
    .list(ctx.region)
    .filter((stack) => filter.size === 0 || filter.has(stack.status))
    .reverse();
  const { page, nextToken } = paginate(stacks, 100, ctx.input.string('NextToken'), invalidNextToken);
  return fragments(members('StackSummaries', page.map(renderStackSummary)), leaf('NextToken', nextToken));
};
