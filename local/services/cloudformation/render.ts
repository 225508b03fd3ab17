import { fragments, leaf, node, text, type Xml } from '../../core/xml';
import { members, timestamp } from './cloudformation-xml';
import type { ResourceRecord, StackEvent, StackRecord } from './stack-records';
import { NO_ECHO_MASK, type StackParameter } from './template';

/** What DescribeStacks shows of a value a NoEcho custom resource gave (the docs' five asterisks). */
export const NO_ECHO_ATTRIBUTE_MASK = '*****';

const NOT_CHECKED = node('DriftInformation', leaf('StackDriftStatus', 'NOT_CHECKED'));
const RESOURCE_NOT_CHECKED = node('DriftInformation', leaf('StackResourceDriftStatus', 'NOT_CHECKED'));

/** Parameters as DescribeStacks shows them: a NoEcho value masked. */
export function renderParameters(name: string, parameters: readonly StackParameter[]): Xml {
  return members(
    name,
    parameters.map((parameter) =>
      fragments(
        leaf('ParameterKey', parameter.key),
        leaf('ParameterValue', parameter.noEcho ? NO_ECHO_MASK : parameter.value),
      ),
    ),
  );
}

export function renderTags(tags: StackRecord['settings']['tags']): Xml {
  return members(
    'Tags',
    tags.map((tag) => fragments(leaf('Key', tag.key), leaf('Value', tag.value))),
  );
}

/** One member of DescribeStacks' Stacks. */
export function renderStack(stack: StackRecord): Xml {
  const { settings } = stack;
  return fragments(
    leaf('StackId', stack.stackId),
    leaf('StackName', stack.stackName),
    leaf('ChangeSetId', stack.changeSetId),
    leaf('Description', stack.template.Description),
    renderParameters('Parameters', stack.parameters),
    leaf('CreationTime', timestamp(stack.createdAt)),
    leaf('DeletionTime', stack.deletedAt === undefined ? undefined : timestamp(stack.deletedAt)),
    leaf('LastUpdatedTime', stack.updatedAt === undefined ? undefined : timestamp(stack.updatedAt)),
    node('RollbackConfiguration'),
    leaf('StackStatus', stack.status),
    leaf('StackStatusReason', stack.statusReason),
    leaf('DisableRollback', settings.disableRollback),
    members('NotificationARNs', settings.notificationArns.map(text)),
    leaf('TimeoutInMinutes', settings.timeoutInMinutes),
    settings.capabilities.length === 0
      ? fragments()
      : members('Capabilities', settings.capabilities.map(text)),
    stack.outputs.length === 0
      ? fragments()
      : members(
          'Outputs',
          stack.outputs.map((output) =>
            fragments(
              leaf('OutputKey', output.key),
              leaf('OutputValue', output.masked === true ? NO_ECHO_ATTRIBUTE_MASK : output.value),
              leaf('Description', output.description),
              leaf('ExportName', output.exportName),
            ),
          ),
        ),
    leaf('RoleARN', settings.roleArn),
    renderTags(settings.tags),
    leaf('EnableTerminationProtection', stack.enableTerminationProtection),
    NOT_CHECKED,
  );
}

/** One member of ListStacks' StackSummaries. */
export function renderStackSummary(stack: StackRecord): Xml {
  return fragments(
    leaf('StackId', stack.stackId),
    leaf('StackName', stack.stackName),
    leaf('TemplateDescription', stack.template.Description),
    leaf('CreationTime', timestamp(stack.createdAt)),
    leaf('LastUpdatedTime', stack.updatedAt === undefined ? undefined : timestamp(stack.updatedAt)),
    leaf('DeletionTime', stack.deletedAt === undefined ? undefined : timestamp(stack.deletedAt)),
    leaf('StackStatus', stack.status),
    leaf('StackStatusReason', stack.statusReason),
    node('DriftInformation', leaf('StackDriftStatus', 'NOT_CHECKED')),
  );
}

export function renderEvent(event: StackEvent): Xml {
  return fragments(
    leaf('StackId', event.stackId),
    leaf('EventId', event.eventId),
    leaf('StackName', event.stackName),
    leaf('LogicalResourceId', event.logicalId),
    leaf('PhysicalResourceId', event.physicalId),
    leaf('ResourceType', event.resourceType),
    leaf('Timestamp', timestamp(event.timestamp)),
    leaf('ResourceStatus', event.status),
    leaf('ResourceStatusReason', event.reason),
    leaf('ClientRequestToken', event.clientRequestToken),
  );
}

const resourceCommon = (stack: StackRecord, resource: ResourceRecord): Xml =>
  fragments(
    leaf('StackName', stack.stackName),
    leaf('StackId', stack.stackId),
    leaf('LogicalResourceId', resource.logicalId),
    leaf('PhysicalResourceId', resource.physicalId === '' ? undefined : resource.physicalId),
    leaf('ResourceType', resource.type),
  );

/** One member of DescribeStackResources' StackResources. */
export function renderResource(stack: StackRecord, resource: ResourceRecord): Xml {
  return fragments(
    resourceCommon(stack, resource),
    leaf('Timestamp', timestamp(resource.updatedAt)),
    leaf('ResourceStatus', resource.status),
    leaf('ResourceStatusReason', resource.statusReason),
    leaf('Description', resource.description),
    RESOURCE_NOT_CHECKED,
  );
}

/** DescribeStackResource's StackResourceDetail. */
export function renderResourceDetail(stack: StackRecord, resource: ResourceRecord): Xml {
  return fragments(
    resourceCommon(stack, resource),
    leaf('LastUpdatedTimestamp', timestamp(resource.updatedAt)),
    leaf('ResourceStatus', resource.status),
    leaf('ResourceStatusReason', resource.statusReason),
    leaf('Description', resource.description),
    leaf('Metadata', JSON.stringify(resource.metadata ?? {})),
    RESOURCE_NOT_CHECKED,
  );
}

/** One member of ListStackResources' StackResourceSummaries. */
export function renderResourceSummary(resource: ResourceRecord): Xml {
  return fragments(
    leaf('LogicalResourceId', resource.logicalId),
    leaf('PhysicalResourceId', resource.physicalId === '' ? undefined : resource.physicalId),
    leaf('ResourceType', resource.type),
    leaf('LastUpdatedTimestamp', timestamp(resource.updatedAt)),
    leaf('ResourceStatus', resource.status),
    leaf('ResourceStatusReason', resource.statusReason),
    node('DriftInformation', leaf('StackResourceDriftStatus', 'NOT_CHECKED')),
  );
}
