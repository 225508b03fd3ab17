import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';

/** The ARN Step Functions gives an execution of a state machine with a name. */
export const executionArnFor = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * Step Functions as the control plane uses it: executions under deterministic names
 * (docs/aws-facts.md, Step Functions).
 */
export function stepFunctionsOperations(client: SFNClient, stateMachineArn: string) {
  return {
    /**
     * Starts an execution; returns its ARN. The same name and input while it runs returns the
     * original; `ExecutionAlreadyExists` (it has closed, or it had another input) means it is
     * ours already. Other refusals are thrown as the SDK's errors.
     */
    async startExecution(name: string, input: string): Promise<string> {
      try {
        const { executionArn } = await client.send(
          new StartExecutionCommand({ stateMachineArn, name, input }),
        );
        return executionArn ?? executionArnFor(stateMachineArn, name);
      } catch (error: unknown) {
        if (error instanceof ExecutionAlreadyExists) return executionArnFor(stateMachineArn, name);
        throw error;
      }
    },

    /** An execution's status, and the error and cause it ended with. */
    async executionStatus(
      executionArn: string,
    ): Promise<{ status: string; error?: string; cause?: string } | undefined> {
      try {
        const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
        return {
          status: execution.status ?? 'UNKNOWN',
          ...(execution.error ? { error: execution.error } : {}),
          ...(execution.cause ? { cause: execution.cause } : {}),
        };
      } catch (error: unknown) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    },

    /** The ARN of the execution of that name (running or closed), or undefined when there is none. */
    async findExecution(name: string): Promise<string | undefined> {
      const executionArn = executionArnFor(stateMachineArn, name);
      try {
        await client.send(new DescribeExecutionCommand({ executionArn }));
        return executionArn;
      } catch (error: unknown) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    },
  };
}

export type StepFunctionsOperations = ReturnType<typeof stepFunctionsOperations>;
