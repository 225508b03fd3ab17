import { type CfnTemplate, property, referencedLogicalId } from './cloudformation';
import { CHECK_REGION } from './packaged-service';

/** The account id the local checks pretend to deploy in (never a real-looking one). */
const ACCOUNT_ID = '000000000000';

/** What `Ref` gives for a resource of the template once deployed, with made-up account and Region. */
function deployedRef(template: CfnTemplate, logicalId: string): string {
  const target = template.Resources[logicalId];
  switch (target?.Type) {
    case 'AWS::DynamoDB::Table':
      return String(property(target, 'TableName'));
    case 'AWS::Events::EventBus':
      return String(property(target, 'Name'));
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${CHECK_REGION}:${ACCOUNT_ID}:stateMachine:${String(property(target, 'StateMachineName'))}`;
    default:
      throw new Error(`no deployed value for Ref ${logicalId} (${target?.Type ?? 'missing'})`);
  }
}

/**
 * A function's environment as Lambda would give it: the template's variables with their
 * references resolved, plus the variables Lambda itself sets (reserved: region, function name,
 * credentials of the execution role, the task root).
 */
export function lambdaEnvironment(
  template: CfnTemplate,
  functionLogicalId: string,
  taskRoot: string,
): Record<string, string> {
  const lambda = template.Resources[functionLogicalId];
  if (!lambda) throw new Error(`no function ${functionLogicalId}`);
  const variables = (property(lambda, 'Environment', 'Variables') ?? {}) as Record<string, unknown>;
  const resolved = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => {
      if (typeof value === 'string') return [name, value];
      const logicalId = referencedLogicalId(value);
      if (!logicalId || !('Ref' in (value as object)))
        throw new Error(`cannot resolve ${name}=${JSON.stringify(value)}`);
      return [name, deployedRef(template, logicalId)];
    }),
  );
  return {
    ...resolved,
    AWS_REGION: CHECK_REGION,
    AWS_DEFAULT_REGION: CHECK_REGION,
    AWS_LAMBDA_FUNCTION_NAME: String(property(lambda, 'FunctionName')),
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(property(lambda, 'MemorySize')),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXECROLE',
    AWS_SECRET_ACCESS_KEY: 'example-execution-role-secret',
    AWS_SESSION_TOKEN: 'example-execution-role-session',
    LAMBDA_TASK_ROOT: taskRoot,
    TZ: ':UTC',
  };
}
