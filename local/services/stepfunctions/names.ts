import { AwsError } from '../../core/aws-error';

/** State machine and execution names: 1-80 characters (AWS-FACTS). */
export const MAX_NAME_LENGTH = 80;

/**
 * Characters Step Functions refuses in state machine and execution names: whitespace, brackets,
 * wildcards, the specials `"#%\^|~`$&,;:/` and control characters (U+0000-001F, U+007F-009F).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what AWS refuses.
const FORBIDDEN_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** Throws InvalidName, as Step Functions does, for a name it would refuse. */
export function assertValidName(name: string): void {
  if (name.length === 0 || name.length > MAX_NAME_LENGTH || FORBIDDEN_NAME_CHARACTERS.test(name)) {
    throw new AwsError('InvalidName', `Invalid Name: '${name}'`, 400);
  }
}

/** `arn:aws:states:{region}:{account}:stateMachine:{name}` */
export function stateMachineArn(region: string, accountId: string, name: string): string {
  return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
}

/** `arn:aws:states:{region}:{account}:execution:{stateMachineName}:{executionName}` */
export function executionArn(machineArn: string, executionName: string): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):execution:([^:]+):([^:]+)$/;

/** Throws InvalidArn unless the value is a state machine ARN. */
export function assertStateMachineArn(arn: string): void {
  if (!STATE_MACHINE_ARN.test(arn)) {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`, 400);
  }
}

/** Throws InvalidArn unless the value is an execution ARN. */
export function assertExecutionArn(arn: string): void {
  if (!EXECUTION_ARN.test(arn)) {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`, 400);
  }
}

/** The region part of a Step Functions ARN. */
export function regionOfArn(arn: string): string | undefined {
  return arn.split(':')[3];
}
