/**
 * The pure template engine of the local CloudFormation: parsing (JSON and YAML with short-form tags),
 * parameters, pseudo parameters, conditions, intrinsic functions and the dependency order of
 * resources. No AWS calls, no clock: the stack runner gives it what it reads.
 */

export { collectReferences, creationOrder, dependencyGraph, PSEUDO_PARAMETERS } from './dependencies';
export { evaluate, type IntrinsicContext, NO_VALUE, type NoValue } from './intrinsics';
export {
  checkParameterDeclarations,
  isTrue,
  NO_ECHO_MASK,
  type ParameterInput,
  parameterKind,
  resolveParameters,
  type StackParameter,
  scalarText,
} from './parameters';
export { MAX_TEMPLATE_BODY_BYTES, MAX_TEMPLATE_URL_BYTES, parseTemplate } from './parse-template';
export { checkResourceTypes, isCustomResourceType, WAIT_CONDITION_HANDLE } from './resource-types';
export {
  createStackScope,
  partitionOf,
  type ScopeDeps,
  type StackIdentity,
  type StackScope,
} from './stack-scope';
export { TemplateValidationError } from './template-error';
export type { ResolvedValue, Template, TemplateObject, TemplateValue } from './template-types';
export { isTemplateObject } from './template-types';
