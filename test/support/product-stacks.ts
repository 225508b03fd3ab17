import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Parameter,
  type Stack,
  type StackEvent,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';

/** The Service Catalog product's provisioning template, as an administrator publishes it. */
export const PRODUCT_TEMPLATE_FILE = join(__dirname, '../../infra/service-catalog/private-api-product.yml');
export const PRODUCT_TEMPLATE = readFileSync(PRODUCT_TEMPLATE_FILE, 'utf8');

/** The product's parameters as CloudFormation takes them; the control plane stage is the local one. */
export function productParameters(values: Readonly<Record<string, string>>): Parameter[] {
  return Object.entries({ ControlPlaneStage: 'local', ...values }).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));
}

/** Updates a stack, keeping every parameter not given (UsePreviousValue). */
export async function updateProductStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const previous = (Stacks[0]?.Parameters ?? []).map((parameter) => parameter.ParameterKey ?? '');
  await cloudFormation.send(
    new UpdateStackCommand({
      StackName: stackName,
      UsePreviousTemplate: true,
      Parameters: [
        ...previous
          .filter((key) => values[key] === undefined)
          .map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true })),
        ...Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      ],
    }),
  );
}

export async function createProductStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
  values: Readonly<Record<string, string>>,
): Promise<string> {
  const { StackId } = await cloudFormation.send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: PRODUCT_TEMPLATE,
      Parameters: productParameters(values),
    }),
  );
  return StackId ?? '';
}

/** Waits (real time) until the stack's status is no longer *_IN_PROGRESS; returns the stack. */
export async function settledStack(
  cloudFormation: CloudFormationClient,
  stackNameOrId: string,
  timeoutMs = 60_000,
): Promise<Stack> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Stacks = [] } = await cloudFormation.send(
      new DescribeStacksCommand({ StackName: stackNameOrId }),
    );
    const stack = Stacks[0];
    if (stack && !stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    if (Date.now() > deadline) throw new Error(`${stackNameOrId} still ${stack?.StackStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function deleteProductStack(
  cloudFormation: CloudFormationClient,
  stackId: string,
): Promise<Stack> {
  await cloudFormation.send(new DeleteStackCommand({ StackName: stackId }));
  return settledStack(cloudFormation, stackId);
}

/** Every event of a stack, oldest first (DescribeStackEvents answers newest first). */
export async function stackEvents(
  cloudFormation: CloudFormationClient,
  stackId: string,
): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken }));
    events.push(...(page.StackEvents ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return events.reverse();
}

/** A stack's outputs by key. */
export function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries(
    (stack.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']),
  );
}
