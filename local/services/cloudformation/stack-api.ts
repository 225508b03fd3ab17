import type { CloudFormationContext } from './operation-context';
import { createStack, deleteStack, updateStack } from './operations/stacks';
import { QueryInput } from './query-input';
import { NO_ECHO_ATTRIBUTE_MASK } from './render';
import type { StackEvent, StackRecord, StackStatus, Tag } from './stack-records';
import type { StackStore } from './stack-store';
import { NO_ECHO_MASK } from './template';

/** A parameter of a create or update, as CreateStack's `Parameters` carry it. */
export interface StackParameterInput {
  readonly key: string;
  readonly value?: string;
  readonly usePreviousValue?: boolean;
}

export interface CreateStackRequest {
  readonly region: string;
  readonly stackName: string;
  /** The template itself (a product's artifact): any size a TemplateURL object may have, 1 MB. */
  readonly templateBody: string;
  readonly parameters?: readonly StackParameterInput[];
  readonly tags?: readonly Tag[];
  readonly roleArn?: string;
  readonly notificationArns?: readonly string[];
  readonly clientRequestToken?: string;
}

export interface UpdateStackRequest {
  readonly region: string;
  /** The stack's name (while it lives) or id. */
  readonly stackName: string;
  /** The new template; absent: the stack's current one (UsePreviousTemplate). */
  readonly templateBody?: string;
  readonly parameters?: readonly StackParameterInput[];
  /** Absent: the stack keeps its tags, as UpdateStack does. */
  readonly tags?: readonly Tag[];
  readonly roleArn?: string;
  readonly clientRequestToken?: string;
}

export interface DeleteStackRequest {
  readonly region: string;
  readonly stackName: string;
  readonly clientRequestToken?: string;
}

/** A stack as DescribeStacks shows it (NoEcho parameters and outputs masked). */
export interface StackView {
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  readonly status: StackStatus;
  readonly statusReason?: string;
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
  readonly outputs: readonly {
    readonly key: string;
    readonly value: string;
    readonly description?: string;
  }[];
  readonly tags: readonly Tag[];
}

export type StackEventListener = (event: StackEvent) => void;

/**
 * The local CloudFormation in process, for the local services that run stacks themselves (Service
 * Catalog): CreateStack, UpdateStack and DeleteStack with exactly the checks and errors of the query
 * operations (an AwsError such as ValidationError is thrown where the API would answer it), the
 * stack as DescribeStacks shows it, its events, and a listener told of every event as it happens.
 */
export interface StackApi {
  /** CreateStack; resolves to the stack id once the stack is CREATE_IN_PROGRESS. */
  createStack(request: CreateStackRequest): Promise<string>;
  /** UpdateStack; resolves to the stack id once the stack is UPDATE_IN_PROGRESS. */
  updateStack(request: UpdateStackRequest): Promise<string>;
  /** DeleteStack: idempotent, the deletion runs on. */
  deleteStack(request: DeleteStackRequest): Promise<void>;
  /** A live stack by name, or any stack by id (deleted ones too), in a Region. */
  describeStack(region: string, stackNameOrId: string): StackView | undefined;
  /** The stack's events, oldest first. */
  stackEvents(region: string, stackNameOrId: string): readonly StackEvent[];
  /** Calls `listener` with every stack and resource event of every stack; returns the function that stops it. */
  onStackEvent(listener: StackEventListener): () => void;
}

/** A template given in process is read through the TemplateURL path, whose size limit (1 MB) it keeps. */
const IN_PROCESS_TEMPLATE_URL = 'local-cloud://in-process/template';

export interface StackApiDeps {
  readonly store: StackStore;
  /** The context a query operation runs in, for this input. */
  contextFor(input: QueryInput, region: string): CloudFormationContext;
  /** Registers a listener of every stack event. */
  addListener(listener: StackEventListener): () => void;
}

/** The in-process stack API over the query operations. */
export function createStackApi(deps: StackApiDeps): StackApi {
  const run = (
    action: string,
    region: string,
    params: URLSearchParams,
    templateBody: string | undefined,
  ): CloudFormationContext => {
    params.set('Action', action);
    const base = deps.contextFor(new QueryInput(params), region);
    return templateBody === undefined ? base : { ...base, fetchTemplate: async () => templateBody };
  };
  const stackIdOf = (region: string, stackName: string): string => {
    const stack = deps.store.find(region, stackName);
    if (!stack) throw new Error(`the local CloudFormation lost stack ${stackName}`);
    return stack.stackId;
  };

  return {
    async createStack(request) {
      const params = new URLSearchParams({
        StackName: request.stackName,
        TemplateURL: IN_PROCESS_TEMPLATE_URL,
      });
      writeCommon(params, request);
      for (const [index, arn] of (request.notificationArns ?? []).entries()) {
        params.set(`NotificationARNs.member.${index + 1}`, arn);
      }
      await createStack(run('CreateStack', request.region, params, request.templateBody));
      return stackIdOf(request.region, request.stackName);
    },

    async updateStack(request) {
      const params = new URLSearchParams({ StackName: request.stackName });
      if (request.templateBody === undefined) params.set('UsePreviousTemplate', 'true');
      else params.set('TemplateURL', IN_PROCESS_TEMPLATE_URL);
      writeCommon(params, request);
      await updateStack(run('UpdateStack', request.region, params, request.templateBody));
      return stackIdOf(request.region, request.stackName);
    },

    async deleteStack(request) {
      const params = new URLSearchParams({ StackName: request.stackName });
      if (request.clientRequestToken !== undefined)
        params.set('ClientRequestToken', request.clientRequestToken);
      await deleteStack(run('DeleteStack', request.region, params, undefined));
    },

    describeStack(region, stackNameOrId) {
      const stack = deps.store.find(region, stackNameOrId);
      return stack === undefined ? undefined : viewOf(stack);
    },

    stackEvents(region, stackNameOrId) {
      return [...(deps.store.find(region, stackNameOrId)?.events ?? [])];
    },

    onStackEvent: (listener) => deps.addListener(listener),
  };
}

function writeCommon(
  params: URLSearchParams,
  request: Pick<CreateStackRequest, 'parameters' | 'tags' | 'roleArn' | 'clientRequestToken'>,
): void {
  for (const [index, parameter] of (request.parameters ?? []).entries()) {
    const head = `Parameters.member.${index + 1}`;
    params.set(`${head}.ParameterKey`, parameter.key);
    if (parameter.value !== undefined) params.set(`${head}.ParameterValue`, parameter.value);
    if (parameter.usePreviousValue === true) params.set(`${head}.UsePreviousValue`, 'true');
  }
  for (const [index, tag] of (request.tags ?? []).entries()) {
    params.set(`Tags.member.${index + 1}.Key`, tag.key);
    params.set(`Tags.member.${index + 1}.Value`, tag.value);
  }
  if (request.roleArn !== undefined) params.set('RoleARN', request.roleArn);
  if (request.clientRequestToken !== undefined) params.set('ClientRequestToken', request.clientRequestToken);
}

function viewOf(stack: StackRecord): StackView {
  return {
    stackId: stack.stackId,
    stackName: stack.stackName,
    region: stack.region,
    status: stack.status,
    statusReason: stack.statusReason,
    parameters: stack.parameters.map((parameter) => ({
      key: parameter.key,
      value: parameter.noEcho ? NO_ECHO_MASK : parameter.value,
    })),
    outputs: stack.outputs.map((output) => ({
      key: output.key,
      value: output.masked === true ? NO_ECHO_ATTRIBUTE_MASK : output.value,
      description: output.description,
    })),
    tags: [...stack.settings.tags],
  };
}
