import { AwsError } from '../../core/aws-error';
import { ClockTimers } from '../../core/clock-timers';
import { queryParametersOf } from '../../core/query-protocol';
import type { CloudRequest, CloudResponse, LocalService, ServiceContext } from '../../core/types';
import { ChangeSetStore } from './change-sets';
import { invalidAction, validationError } from './cloudformation-errors';
import { cloudFormationDocument, cloudFormationErrorDocument } from './cloudformation-xml';
import type { CloudFormationContext, CloudFormationOperation } from './operation-context';
import {
  createChangeSet,
  deleteChangeSet,
  describeChangeSet,
  executeChangeSet,
  listChangeSets,
} from './operations/change-sets';
import { listExports, listImports } from './operations/exports';
import {
  describeStackEvents,
  describeStackResource,
  describeStackResources,
  listStackResources,
} from './operations/resources';
import { createStack, deleteStack, describeStacks, listStacks, updateStack } from './operations/stacks';
import { getTemplate, getTemplateSummary, validateTemplate } from './operations/templates';
import { type CustomResourceEvent, customResourceProvisioner } from './provisioners/custom-resource';
import type { ResourceProvisioner } from './provisioners/resource-provisioner';
import { waitConditionHandleProvisioner } from './provisioners/wait-condition-handle';
import { QueryInput } from './query-input';
import type { ResponseChannel } from './response-channel';
import { createStackApi, type StackApi, type StackEventListener } from './stack-api';
import { StackRunner } from './stack-runner';
import { StackStore } from './stack-store';
import { isCustomResourceType, WAIT_CONDITION_HANDLE } from './template';
import { type ReadObject, readTemplateUrl } from './template-url';

export type { CustomResourceEvent } from './provisioners/custom-resource';
export {
  type PresignPut,
  type ResponseBucketStore,
  type ResponseChannel,
  responseBucketOf,
  s3ResponseChannel,
} from './response-channel';
export type {
  CreateStackRequest,
  DeleteStackRequest,
  StackApi,
  StackEventListener,
  StackParameterInput,
  StackView,
  UpdateStackRequest,
} from './stack-api';
export type { StackEvent, StackStatus, Tag as StackTag } from './stack-records';
export { type ReadObject, readTemplateUrl } from './template-url';

const XML_CONTENT_TYPE = 'text/xml';

/** The CloudFormation actions the local cloud answers (docs/aws-facts.md, CloudFormation). */
const OPERATIONS: Readonly<Record<string, CloudFormationOperation>> = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  DescribeStackResource: describeStackResource,
  ListStackResources: listStackResources,
  GetTemplate: getTemplate,
  GetTemplateSummary: getTemplateSummary,
  ValidateTemplate: validateTemplate,
  ListExports: listExports,
  ListImports: listImports,
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ExecuteChangeSet: executeChangeSet,
  ListChangeSets: listChangeSets,
  DeleteChangeSet: deleteChangeSet,
};

export interface CloudFormationServiceDeps {
  /** Invokes a custom resource's ServiceToken function (the local Lambda's invoke). */
  readonly invoke: (
    functionArn: string,
    payload: unknown,
    options: { readonly invocationType: 'Event' },
  ) => Promise<unknown>;
  /** Where custom resources answer (the local S3, through s3ResponseChannel). */
  readonly responses: ResponseChannel;
  /** Reads an object of the local S3, for TemplateURL. */
  readonly readObject?: ReadObject;
  /** Fn::GetAZs: the Availability Zones of a Region (three, a to c, when absent). */
  readonly availabilityZones?: (region: string) => readonly string[];
}

export interface CloudFormationService extends LocalService {
  readonly signingName: 'cloudformation';
  /** The stacks in process (create, update, delete, describe, events, and a listener of events). */
  readonly stacks: StackApi;
  /** Stops the custom resources' timers. */
  close(): Promise<void>;
}

/**
 * The local CloudFormation: stacks from JSON or YAML templates over CloudFormation's query protocol
 * (form-encoded `Action=…&Version=2010-05-15`, XML answers), for the real SDK v3 client and the AWS
 * CLI. Custom resources (Custom::*, AWS::CloudFormation::CustomResource) are sent to the local
 * Lambda with a presigned ResponseURL of the local S3, and wait for the answer there at most
 * ServiceTimeout seconds of the cloud's clock; AWS::CloudFormation::WaitConditionHandle is the one
 * other resource type. Stacks go through CloudFormation's statuses and events, rollbacks included.
 */
export function createCloudFormationService(
  ctx: ServiceContext,
  deps: CloudFormationServiceDeps,
): CloudFormationService {
  const timers = new ClockTimers(ctx.clock);
  const store = new StackStore();
  const changeSets = new ChangeSetStore();
  const custom = customResourceProvisioner({
    invokeAsync: async (functionArn: string, event: CustomResourceEvent) => {
      await deps.invoke(functionArn, event, { invocationType: 'Event' });
    },
    responses: deps.responses,
    timers,
  });
  const waitConditionHandle = waitConditionHandleProvisioner();
  const provisionerFor = (resourceType: string): ResourceProvisioner => {
    if (isCustomResourceType(resourceType)) return custom;
    if (resourceType === WAIT_CONDITION_HANDLE) return waitConditionHandle;
    throw validationError(`Template format error: Unrecognized resource types: [${resourceType}]`);
  };
  const availabilityZones =
    deps.availabilityZones ?? ((region: string) => ['a', 'b', 'c'].map((zone) => `${region}${zone}`));
  const listeners = new Set<StackEventListener>();
  const runner = new StackRunner({
    clock: ctx.clock,
    store,
    accountId: ctx.accountId,
    provisionerFor,
    availabilityZones,
    onEvent: (_stack, event) => {
      for (const listener of listeners) listener(event);
    },
  });
  const parsed = new WeakMap<CloudRequest, QueryInput>();
  const inputFor = (req: CloudRequest): QueryInput => {
    const known = parsed.get(req);
    if (known) return known;
    const input = new QueryInput(queryParametersOf(req));
    parsed.set(req, input);
    return input;
  };
  const contextFor = (input: QueryInput, region: string): CloudFormationContext => ({
    input,
    region,
    accountId: ctx.accountId,
    clock: ctx.clock,
    store,
    changeSets,
    runner,
    fetchTemplate: async (url) => readTemplateUrl(deps.readObject, url),
  });
  const stacks = createStackApi({
    store,
    contextFor,
    addListener(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });

  return {
    signingName: 'cloudformation',
    stacks,

    operationOf(req) {
      const action = inputFor(req).action;
      if (action === undefined || action === '') return new AwsError('MissingAction', 'Missing Action');
      return Object.hasOwn(OPERATIONS, action) ? action : invalidAction(action);
    },

    async handle(req, operation): Promise<CloudResponse> {
      const run = OPERATIONS[operation];
      if (!run) throw invalidAction(operation);
      const result = await run(contextFor(inputFor(req), req.region));
      return {
        status: 200,
        headers: { 'content-type': XML_CONTENT_TYPE },
        body: cloudFormationDocument(operation, req.requestId, result),
      };
    },

    errorResponse(error, req): CloudResponse {
      return {
        status: error.status,
        headers: { 'content-type': XML_CONTENT_TYPE },
        body: cloudFormationErrorDocument(error.code, error.message, req.requestId, error.status),
      };
    },

    async close() {
      timers.clearAll();
    },
  };
}
