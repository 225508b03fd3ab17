import { CONTROL_PLANE_FUNCTIONS } from '../../../local/control-plane/functions';
import { type CfnResource, type CfnTemplate, isRecord, resource } from './cloudformation';

/** The function keys of serverless.yml, as the local cloud knows them. */
export const FUNCTION_KEYS: readonly string[] = CONTROL_PLANE_FUNCTIONS.map((fn) => fn.key);

const capitalized = (key: string) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** serverless' logical id of a function's AWS::Lambda::Function (`intake` → `IntakeLambdaFunction`). */
export const lambdaLogicalId = (functionKey: string) => `${capitalized(functionKey)}LambdaFunction`;

/** serverless' logical id of a function's log group (`intake` → `IntakeLogGroup`). */
export const logGroupLogicalId = (functionKey: string) => `${capitalized(functionKey)}LogGroup`;

export function lambdaFunction(template: CfnTemplate, functionKey: string): CfnResource {
  return resource(template, lambdaLogicalId(functionKey), 'AWS::Lambda::Function');
}

/** The logical id of the role a function runs with (`Fn::Sub: '${IntakeRole.Arn}'` or `Fn::GetAtt`). */
export function roleLogicalIdOf(lambda: CfnResource): string {
  const role = lambda.Properties?.Role;
  if (isRecord(role)) {
    const sub = role['Fn::Sub'];
    const matched = typeof sub === 'string' ? /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(sub) : null;
    if (matched?.[1]) return matched[1];
    const getAtt = role['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  throw new Error(`cannot tell the role of ${JSON.stringify(role)}`);
}
