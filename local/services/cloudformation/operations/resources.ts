import { paginate } from '../../../core/paging';
import { fragments, leaf, node } from '../../../core/xml';
import { stackNotFound, validationError } from '../cloudformation-errors';
import { members } from '../cloudformation-xml';
import type { CloudFormationContext, CloudFormationOperation } from '../operation-context';
import { renderEvent, renderResource, renderResourceDetail, renderResourceSummary } from '../render';
import type { StackRecord } from '../stack-records';

const invalidNextToken = () => validationError('Invalid NextToken');

/** Any stack by name (live) or id (deleted too), as the read operations find them. */
function stackNamed(ctx: CloudFormationContext, nameOrId: string): StackRecord {
  const stack = ctx.store.find(ctx.region, nameOrId);
  if (!stack) throw stackNotFound(nameOrId);
  return stack;
}

const presentResources = (stack: StackRecord) =>
  [...stack.resources.values()].filter(
    (resource) => stack.status === 'DELETE_COMPLETE' || resource.status !== 'DELETE_COMPLETE',
  );

/** Newest first, 100 a page. */
export const describeStackEvents: CloudFormationOperation = (ctx) => {
  const stack = stackNamed(ctx, ctx.input.required('StackName'));
  const events = [...stack.events].reverse();
  const { page, nextToken } = paginate(events, 100, ctx.input.string('NextToken'), invalidNextToken);
  return fragments(members('StackEvents', page.map(renderEvent)), leaf('NextToken', nextToken));
};

export const describeStackResources: CloudFormationOperation = (ctx) => {
  const nameOrId = ctx.input.string('StackName');
  const physicalId = ctx.input.string('PhysicalResourceId');
  const logicalId = ctx.input.string('LogicalResourceId');
  if (nameOrId === undefined && physicalId === undefined) {
    throw validationError('Either StackName or PhysicalResourceId must be specified.');
  }
  const stack =
    nameOrId !== undefined
      ? stackNamed(ctx, nameOrId)
      : ctx.store
          .list(ctx.region)
          .find((candidate) =>
            [...candidate.resources.values()].some((resource) => resource.physicalId === physicalId),
          );
  if (!stack) throw stackNotFound(physicalId ?? '');
  const resources = presentResources(stack).filter(
    (resource) =>
      (logicalId === undefined || resource.logicalId === logicalId) &&
      (physicalId === undefined || resource.physicalId === physicalId),
  );
  return members(
    'StackResources',
    resources.map((resource) => renderResource(stack, resource)),
  );
};

export const describeStackResource: CloudFormationOperation = (ctx) => {
  const stack = stackNamed(ctx, ctx.input.required('StackName'));
  const logicalId = ctx.input.required('LogicalResourceId');
  const resource = presentResources(stack).find((candidate) => candidate.logicalId === logicalId);
  if (!resource) throw validationError(`Resource ${logicalId} does not exist for stack ${stack.stackName}`);
  return node('StackResourceDetail', renderResourceDetail(stack, resource));
};

export const listStackResources: CloudFormationOperation = (ctx) => {
  const stack = stackNamed(ctx, ctx.input.required('StackName'));
  const { page, nextToken } = paginate(
    presentResources(stack),
    100,
    ctx.input.string('NextToken'),
    invalidNextToken,
  );
  return fragments(
    members('StackResourceSummaries', page.map(renderResourceSummary)),
    leaf('NextToken', nextToken),
  );
};
