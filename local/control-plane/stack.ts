import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudFormationClient,
  type CloudFormationClientConfig,
  CreateStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { yamlParse } from 'yaml-cfn';

/** infra/outputs.yml: the outputs and exports of the control plane's stack on AWS. */
export const OUTPUTS_FILE = join(__dirname, '../../infra/outputs.yml');

/** What a deployed resource of serverless.yml's stack answers to Ref and to Fn::GetAtt Arn. */
export interface DeployedResource {
  readonly ref: string;
  readonly arn?: string;
}

/** A resource of serverless.yml's stack, or null for one the local cloud does not emulate (its outputs are left out). */
export type LocalResources = Readonly<Record<string, DeployedResource | null>>;

const logicalIdOf = (value: unknown): string | undefined => {
  const expression = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof expression.Ref === 'string') return expression.Ref;
  const getAtt = expression['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
};

function resolveOutputValue(value: unknown, resources: LocalResources): string {
  const expression = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  const [logicalId, attribute] =
    typeof expression.Ref === 'string'
      ? [expression.Ref, 'Ref']
      : Array.isArray(expression['Fn::GetAtt'])
        ? (expression['Fn::GetAtt'] as [string, string])
        : [undefined, undefined];
  const resource = logicalId === undefined ? undefined : resources[logicalId];
  const resolved = attribute === 'Ref' ? resource?.ref : attribute === 'Arn' ? resource?.arn : undefined;
  if (resolved === undefined)
    throw new Error(
      `infra/outputs.yml: the local deployment cannot resolve ${JSON.stringify(value)}; name its resource in deployControlPlane's stack resources`,
    );
  return resolved;
}

/**
 * The template of the control plane's stack as the local cloud holds it: infra/outputs.yml's
 * outputs and exports, their values those of the resources deployed by deployControlPlane. Its
 * one resource is a wait condition handle: the functions, table, bus and state machine are made
 * by the local deployment itself, not by this stack (until the local cloud deploys the packaged
 * template, issue 12), so that `aws cloudformation list-exports` and Fn::ImportValue find the
 * stage's exports, the product's ServiceToken among them.
 */
export function localStackTemplate(stage: string, resources: LocalResources): Record<string, unknown> {
  const { Outputs } = yamlParse(readFileSync(OUTPUTS_FILE, 'utf8')) as {
    Outputs: Record<string, { Description?: string; Value: unknown; Export?: { Name: string } }>;
  };
  const outputs = Object.fromEntries(
    Object.entries(Outputs)
      .filter(([, output]) => resources[logicalIdOf(output.Value) ?? ''] !== null)
      .map(([key, output]) => [
        key,
        {
          ...(output.Description === undefined ? {} : { Description: output.Description }),
          Value: resolveOutputValue(output.Value, resources),
          ...(output.Export === undefined
            ? {}
            : { Export: { Name: output.Export.Name.replaceAll(SLS_STAGE, stage) } }),
        },
      ]),
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `The private API control plane, stage ${stage}, as deployed on the local cloud.`,
    Resources: { LocalDeployment: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
    Outputs: outputs,
  };
}

/** serverless's stage variable, as infra/ files write it. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: serverless's variable syntax, not a template literal
const SLS_STAGE = '${sls:stage}';

const SETTLED = /(_COMPLETE|_FAILED)$/;

async function settledStack(cloudFormation: CloudFormationClient, stackName: string): Promise<Stack> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    if (stack?.StackStatus !== undefined && SETTLED.test(stack.StackStatus)) return stack;
    if (Date.now() > deadline) throw new Error(`stack ${stackName} did not settle: ${stack?.StackStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Creates the control plane's stack in the local CloudFormation (kept when it is there already,
 * as after a restart from a state file) and waits for CREATE_COMPLETE.
 */
export async function publishLocalStack(
  client: CloudFormationClientConfig,
  stackName: string,
  template: Record<string, unknown>,
): Promise<void> {
  const cloudFormation = new CloudFormationClient(client);
  try {
    const existing = await cloudFormation
      .send(new DescribeStacksCommand({ StackName: stackName }))
      .then(({ Stacks = [] }) => Stacks[0])
      .catch((error: unknown) => {
        if (error instanceof Error && /does not exist/.test(error.message)) return undefined;
        throw error;
      });
    if (existing === undefined) {
      await cloudFormation.send(
        new CreateStackCommand({ StackName: stackName, TemplateBody: JSON.stringify(template) }),
      );
    }
    const stack = await settledStack(cloudFormation, stackName);
    if (stack.StackStatus !== 'CREATE_COMPLETE' && stack.StackStatus !== 'UPDATE_COMPLETE')
      throw new Error(`stack ${stackName} is ${stack.StackStatus}: ${stack.StackStatusReason ?? ''}`);
  } finally {
    cloudFormation.destroy();
  }
}
