import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { AwsError } from '../../../core/aws-error';
import { fragments, leaf, node, text } from '../../../core/xml';
import type { ChangeSetRecord, ResourceChange } from '../change-sets';
import {
  changeSetNotFound,
  stackAlreadyExists,
  stackNotFound,
  validationError,
} from '../cloudformation-errors';
import { members, timestamp } from '../cloudformation-xml';
import type { CloudFormationContext, CloudFormationOperation } from '../operation-context';
import { renderParameters, renderTags } from '../render';
import type { StackRecord } from '../stack-records';
import type { Deployment } from '../stack-runner';
import { prepareDeployment, readParameterInputs, readSettings, readTemplateBody } from '../stack-submission';
import { collectReferences } from '../template';
import { checkTypesUnchanged, checkUpdatable, newStack } from './stacks';

/** CloudFormation's reason for a change set that would change nothing (what `aws cloudformation deploy` looks for). */
export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/;

/** What an update would do to each resource: Add, Modify (a custom resource may be replaced) or Remove. */
function changesOf(
  stack: StackRecord | undefined,
  next: Deployment,
  included: (logicalId: string) => boolean,
): ResourceChange[] {
  const changes: ResourceChange[] = [];
  const changedParameters = new Set(
    next.parameters
      .filter((parameter) => {
        const before = stack?.parameters.find((candidate) => candidate.key === parameter.key);
        return before === undefined || before.value !== parameter.value;
      })
      .map((parameter) => parameter.key),
  );
  for (const [logicalId, declaration] of Object.entries(next.template.Resources)) {
    if (!included(logicalId)) continue;
    const current = stack?.resources.get(logicalId);
    if (!stack || !current || current.status === 'DELETE_COMPLETE') {
      changes.push({ action: 'Add', logicalId, resourceType: declaration.Type });
      continue;
    }
    const before = stack.template.Resources[logicalId];
    const references = collectReferences(declaration.Properties ?? {});
    const touchesChangedParameter = [...references.refs].some((name) => changedParameters.has(name));
    if (!isDeepStrictEqual(before, declaration) || touchesChangedParameter) {
      changes.push({
        action: 'Modify',
        logicalId,
        physicalId: current.physicalId,
        resourceType: declaration.Type,
        replacement: 'Conditional',
      });
    }
  }
  for (const [logicalId, current] of stack?.resources ?? []) {
    if (!included(logicalId) && current.status !== 'DELETE_COMPLETE') {
      changes.push({
        action: 'Remove',
        logicalId,
        physicalId: current.physicalId,
        resourceType: current.type,
      });
    }
  }
  return changes;
}

export const createChangeSet: CloudFormationOperation = async (ctx) => {
  const stackName = ctx.input.required('StackName');
  const changeSetName = ctx.input.required('ChangeSetName');
  if (!CHANGE_SET_NAME.test(changeSetName)) {
    throw validationError(
      `1 validation error detected: Value '${changeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  const type = ctx.input.string('ChangeSetType') ?? 'UPDATE';
  if (type !== 'CREATE' && type !== 'UPDATE')
    throw validationError(`ChangeSetType ${type} is not supported by the local cloud`);
  const existing = ctx.store.find(ctx.region, stackName);
  let stack: StackRecord;
  if (type === 'CREATE') {
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw validationError(
        `Stack [${stackName}] already exists and cannot be created again with the changeSet [${changeSetName}].`,
      );
    }
    stack = existing ?? newStack(ctx, stackName, readSettings(ctx));
  } else {
    if (!existing || existing.status === 'REVIEW_IN_PROGRESS') throw stackNotFound(stackName);
    checkUpdatable(existing);
    stack = existing;
  }
  if (ctx.changeSets.ofStack(stack.stackId).some((changeSet) => changeSet.changeSetName === changeSetName)) {
    throw new AwsError('AlreadyExistsException', `ChangeSet ${changeSetName} already exists`);
  }
  const body = await readTemplateBody(ctx, type === 'UPDATE' ? stack : undefined);
  const settings = readSettings(ctx, type === 'UPDATE' ? stack.settings : undefined);
  const deployment = prepareDeployment(
    ctx.runner,
    stack,
    body,
    readParameterInputs(ctx),
    type === 'UPDATE' ? stack.parameters : [],
  );
  if (type === 'UPDATE') checkTypesUnchanged(stack, deployment.template);
  if (!existing) {
    if (ctx.store.find(ctx.region, stackName)) throw stackAlreadyExists(stackName);
    Object.assign(stack, { ...deployment, status: 'REVIEW_IN_PROGRESS' });
    ctx.store.add(stack);
    ctx.runner.stackStatus(stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
  }
  const scope = ctx.runner.scope(stack, deployment);
  const included = (logicalId: string) =>
    Object.hasOwn(deployment.template.Resources, logicalId) &&
    scope.isIncluded(deployment.template.Resources[logicalId]?.Condition);
  const changes = changesOf(type === 'UPDATE' ? stack : undefined, deployment, included);
  const unchanged =
    type === 'UPDATE' &&
    changes.length === 0 &&
    isDeepStrictEqual(deployment.parameters, stack.parameters) &&
    isDeepStrictEqual(settings.tags, stack.settings.tags);
  const changeSet: ChangeSetRecord = {
    changeSetId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${changeSetName}/${randomUUID()}`,
    changeSetName,
    stackId: stack.stackId,
    stackName: stack.stackName,
    region: ctx.region,
    changeSetType: type,
    status: unchanged ? 'FAILED' : 'CREATE_COMPLETE',
    statusReason: unchanged ? NO_CHANGES_REASON : undefined,
    executionStatus: unchanged ? 'UNAVAILABLE' : 'AVAILABLE',
    createdAt: ctx.clock.now(),
    description: ctx.input.string('Description'),
    deployment,
    settings,
    changes,
  };
  ctx.changeSets.add(changeSet);
  return fragments(leaf('Id', changeSet.changeSetId), leaf('StackId', stack.stackId));
};

function changeSetOf(ctx: CloudFormationContext): ChangeSetRecord {
  const name = ctx.input.required('ChangeSetName');
  const stackName = ctx.input.string('StackName');
  const stack = stackName === undefined ? undefined : ctx.store.find(ctx.region, stackName);
  if (!name.startsWith('arn:') && stackName === undefined) {
    throw validationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  }
  if (stackName !== undefined && !stack && !name.startsWith('arn:')) throw stackNotFound(stackName);
  const changeSet = ctx.changeSets.find(ctx.region, name, stack);
  if (!changeSet) throw changeSetNotFound(name);
  return changeSet;
}

export const describeChangeSet: CloudFormationOperation = (ctx) => {
  const changeSet = changeSetOf(ctx);
  return fragments(
    leaf('ChangeSetName', changeSet.changeSetName),
    leaf('ChangeSetId', changeSet.changeSetId),
    leaf('StackId', changeSet.stackId),
    leaf('StackName', changeSet.stackName),
    leaf('Description', changeSet.description),
    renderParameters('Parameters', changeSet.deployment.parameters),
    leaf('CreationTime', timestamp(changeSet.createdAt)),
    leaf('ExecutionStatus', changeSet.executionStatus),
    leaf('Status', changeSet.status),
    leaf('StatusReason', changeSet.statusReason),
    members('NotificationARNs', changeSet.settings.notificationArns.map(text)),
    members('Capabilities', changeSet.settings.capabilities.map(text)),
    renderTags(changeSet.settings.tags),
    members(
      'Changes',
      changeSet.changes.map((change) =>
        fragments(
          leaf('Type', 'Resource'),
          node(
            'ResourceChange',
            leaf('Action', change.action),
            leaf('LogicalResourceId', change.logicalId),
            leaf('PhysicalResourceId', change.physicalId),
            leaf('ResourceType', change.resourceType),
            leaf('Replacement', change.replacement),
          ),
        ),
      ),
    ),
    leaf('IncludeNestedStacks', false),
  );
};

export const executeChangeSet: CloudFormationOperation = (ctx) => {
  const changeSet = changeSetOf(ctx);
  const stack = ctx.store.find(ctx.region, changeSet.stackId);
  if (!stack) throw stackNotFound(changeSet.stackName);
  const notExecutable = () =>
    new AwsError(
      'InvalidChangeSetStatus',
      `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${changeSet.status}]`,
    );
  if (changeSet.executionStatus !== 'AVAILABLE') throw notExecutable();
  const token = ctx.input.string('ClientRequestToken');
  const disableRollback = ctx.input.boolean('DisableRollback');
  const settings =
    disableRollback === undefined
      ? changeSet.settings
      : {
          ...changeSet.settings,
          disableRollback,
          onFailure: disableRollback ? ('DO_NOTHING' as const) : ('ROLLBACK' as const),
        };
  if (changeSet.changeSetType === 'CREATE') {
    if (stack.status !== 'REVIEW_IN_PROGRESS') throw notExecutable();
    Object.assign(stack, changeSet.deployment);
    stack.settings = settings;
    stack.changeSetId = changeSet.changeSetId;
    ctx.runner.stackStatus(stack, 'CREATE_IN_PROGRESS', 'User Initiated', token);
    ctx.runner.create(stack, token);
  } else {
    checkUpdatable(stack);
    stack.settings = settings;
    stack.changeSetId = changeSet.changeSetId;
    stack.updatedAt = ctx.clock.now();
    ctx.runner.stackStatus(stack, 'UPDATE_IN_PROGRESS', 'User Initiated', token);
    ctx.runner.update(stack, changeSet.deployment, token);
  }
  changeSet.executionStatus = 'EXECUTE_COMPLETE';
  // Executing a change set deletes the stack's other change sets.
  for (const other of ctx.changeSets.ofStack(stack.stackId)) {
    if (other !== changeSet) ctx.changeSets.remove(other.changeSetId);
  }
  // An empty ExecuteChangeSetResult: the output shape has no members, but botocore expects the element.
  return fragments();
};

export const listChangeSets: CloudFormationOperation = (ctx) => {
  const stackName = ctx.input.required('StackName');
  const stack = ctx.store.find(ctx.region, stackName);
  if (!stack) throw stackNotFound(stackName);
  return members(
    'Summaries',
    ctx.changeSets
      .ofStack(stack.stackId)
      .map((changeSet) =>
        fragments(
          leaf('StackId', changeSet.stackId),
          leaf('StackName', changeSet.stackName),
          leaf('ChangeSetId', changeSet.changeSetId),
          leaf('ChangeSetName', changeSet.changeSetName),
          leaf('ExecutionStatus', changeSet.executionStatus),
          leaf('Status', changeSet.status),
          leaf('StatusReason', changeSet.statusReason),
          leaf('CreationTime', timestamp(changeSet.createdAt)),
          leaf('Description', changeSet.description),
        ),
      ),
  );
};

export const deleteChangeSet: CloudFormationOperation = (ctx) => {
  const changeSet = changeSetOf(ctx);
  ctx.changeSets.remove(changeSet.changeSetId);
  return fragments();
};
