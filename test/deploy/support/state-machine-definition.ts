import { type CfnTemplate, isRecord, referencedLogicalId, resource } from './cloudformation';

/** What a Task's Resource says once the template is deployed: the ARN of this resource. */
export const ARN_OF = 'arn-of:';

export interface TaskState {
  readonly name: string;
  /** `arn-of:{LogicalId}` for `Fn::GetAtt [LogicalId, Arn]`, else the Resource as written. */
  readonly resource: unknown;
  readonly timeoutSeconds: unknown;
}

/**
 * The ASL of a state machine as the template deploys it. serverless-step-functions writes it
 * as `Fn::Sub [json, {placeholder: {Fn::GetAtt: [LogicalId, Arn]}}]`: each placeholder becomes
 * `arn-of:{LogicalId}`.
 */
export function deployedDefinition(template: CfnTemplate, logicalId: string): Record<string, unknown> {
  const definition = resource(template, logicalId, 'AWS::StepFunctions::StateMachine').Properties
    ?.DefinitionString;
  if (typeof definition === 'string') return JSON.parse(definition) as Record<string, unknown>;
  const sub = isRecord(definition) ? definition['Fn::Sub'] : undefined;
  if (!Array.isArray(sub) || typeof sub[0] !== 'string' || !isRecord(sub[1])) {
    throw new Error(`unexpected DefinitionString ${JSON.stringify(definition).slice(0, 200)}`);
  }
  let json = sub[0];
  for (const [placeholder, value] of Object.entries(sub[1])) {
    json = json.split(`\${${placeholder}}`).join(`${ARN_OF}${referencedLogicalId(value) ?? 'unresolved'}`);
  }
  return JSON.parse(json) as Record<string, unknown>;
}

/** Every Task state, in Parallel branches and Map processors too. */
export function taskStates(definition: Record<string, unknown>): TaskState[] {
  const states = definition.States;
  if (!isRecord(states)) return [];
  return Object.entries(states).flatMap(([name, state]): TaskState[] => {
    if (!isRecord(state)) return [];
    if (state.Type === 'Task')
      return [{ name, resource: state.Resource, timeoutSeconds: state.TimeoutSeconds }];
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      return state.Branches.flatMap((branch: unknown) => (isRecord(branch) ? taskStates(branch) : []));
    }
    const processor = state.ItemProcessor ?? state.Iterator;
    return state.Type === 'Map' && isRecord(processor) ? taskStates(processor) : [];
  });
}
