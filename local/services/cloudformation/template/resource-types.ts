import { TemplateValidationError } from './template-error';
import type { Template } from './template-types';

/** AWS::CloudFormation::CustomResource, or any Custom::Name (docs/aws-facts.md, CloudFormation). */
export const isCustomResourceType = (type: string): boolean =>
  type === 'AWS::CloudFormation::CustomResource' || /^Custom::[A-Za-z0-9_@-]{1,60}$/.test(type);

/** The resource types the local CloudFormation provisions besides custom resources. */
export const WAIT_CONDITION_HANDLE = 'AWS::CloudFormation::WaitConditionHandle';

export const isSupportedResourceType = (type: string): boolean =>
  isCustomResourceType(type) || type === WAIT_CONDITION_HANDLE;

/**
 * Refuses a template naming a resource type the local cloud does not provision, with the message
 * CloudFormation gives for a type it does not know.
 */
export function checkResourceTypes(template: Template): void {
  const unknown = [...new Set(Object.values(template.Resources).map((resource) => resource.Type))].filter(
    (type) => !isSupportedResourceType(type),
  );
  if (unknown.length > 0) {
    throw new TemplateValidationError(
      `Template format error: Unrecognized resource types: [${unknown.join(', ')}]`,
    );
  }
}
