import { describeFieldError, isApiKey } from '../request';
import type { CallbackStore } from '../status/callback-store';
import type { StatusStore } from '../status/status-store';
import {
  type CustomResourceIdentity,
  type CustomResourceRequest,
  customResourceApiKey,
  customResourceRequestId,
  customResourceRequestSchema,
} from './custom-resource-request';
import type { CustomResourceAnswer } from './custom-resource-response';
import { needsReplacement, requestFromProperties } from './resource-properties';

export interface ProviderDeps {
  readonly callbacks: Pick<CallbackStore, 'put'>;
  readonly store: Pick<StatusStore, 'getManagedApi'>;
  /** Puts a PrivateApiRequest on the control plane's bus. */
  readonly submit: (detail: Record<string, unknown>) => Promise<void>;
  /** Answers CloudFormation now (PUT to ResponseURL). */
  readonly answer: (identity: CustomResourceIdentity, answer: CustomResourceAnswer) => Promise<void>;
  /** Reads an OpenApi document named by an s3:// URI. */
  readonly readDocument: (uri: string) => Promise<unknown>;
  readonly now: () => Date;
}

/** What the provider did with a request: answered it at once, or handed it to the workflow. */
export type ProviderOutcome =
  | { readonly answered: 'now'; readonly status: 'SUCCESS' | 'FAILED'; readonly reason?: string }
  | { readonly answered: 'by-the-workflow'; readonly requestId: string; readonly apiKey: string };

const S3_URI = /^s3:\/\/[^/]+\/.+/;

/**
 * The backend of the `Custom::PrivateApi` resource. Create, Update and Delete become create,
 * update and delete requests of the control plane (requestId from CloudFormation's RequestId, so
 * a redelivery is the same request; apiKey from the stack and the logical id), sent on the bus
 * after the callback is recorded: whatever ends the request answers the stack. What can be
 * answered at once is: invalid properties (FAILED, with every reason, nothing created), a Delete
 * of a resource that names no managed API (SUCCESS: a rollback is never stuck on this resource),
 * and a failure to hand the request over (FAILED, rather than an hour of waiting).
 */
export async function handleCustomResource(event: unknown, deps: ProviderDeps): Promise<ProviderOutcome> {
  const parsed = customResourceRequestSchema.safeParse(event);
  if (!parsed.success)
    throw new Error(`not a CloudFormation custom resource request: ${parsed.error.message}`);
  const request = parsed.data;
  const now = async (answer: CustomResourceAnswer): Promise<ProviderOutcome> => {
    await deps.answer(request, answer);
    return { answered: 'now', status: answer.status, ...(answer.reason ? { reason: answer.reason } : {}) };
  };
  const requestId = customResourceRequestId(request);
  const current = request.PhysicalResourceId;

  if (request.RequestType === 'Delete') {
    const managed =
      current !== undefined && isApiKey(current) ? await deps.store.getManagedApi(current) : undefined;
    if (!current || !managed || managed.state === 'DELETED') {
      return now({
        status: 'SUCCESS',
        physicalResourceId: current ?? request.LogicalResourceId,
        reason: 'nothing to delete',
      });
    }
    return handOver(request, { requestId, action: 'delete', apiKey: current }, current, deps, now);
  }

  const replacing =
    request.RequestType === 'Update' &&
    (current === undefined ||
      !isApiKey(current) ||
      needsReplacement(request.ResourceProperties, request.OldResourceProperties ?? {}));
  const apiKey =
    request.RequestType === 'Update' && !replacing && current !== undefined
      ? current
      : customResourceApiKey({
          stackId: request.StackId,
          logicalResourceId: request.LogicalResourceId,
          madeBy: request.RequestId,
        });
  // A failed create reports the apiKey it would have had (its rollback Delete finds nothing);
  // a failed update, the resource as it was.
  const physicalResourceIdOnFailure =
    request.RequestType === 'Update' && current !== undefined ? current : apiKey;
  const openApi = request.ResourceProperties.OpenApi;
  let document: unknown;
  if (typeof openApi === 'string' && S3_URI.test(openApi)) {
    try {
      document = await deps.readDocument(openApi);
    } catch (error: unknown) {
      return now({
        status: 'FAILED',
        physicalResourceId: physicalResourceIdOnFailure,
        reason: `Invalid properties: OpenApi: ${openApi} could not be read (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  }
  const action = request.RequestType === 'Update' && !replacing ? 'update' : 'create';
  const properties = requestFromProperties({
    requestId,
    action,
    apiKey,
    properties: request.ResourceProperties,
    ...(document === undefined ? {} : { openApi: document }),
  });
  if (!properties.ok) {
    return now({
      status: 'FAILED',
      physicalResourceId: physicalResourceIdOnFailure,
      reason: `Invalid properties: ${properties.errors.map(describeFieldError).join('; ')}`,
    });
  }
  return handOver(
    request,
    properties.request as unknown as Record<string, unknown>,
    physicalResourceIdOnFailure,
    deps,
    now,
  );
}

async function handOver(
  request: CustomResourceRequest,
  detail: Record<string, unknown>,
  physicalResourceIdOnFailure: string,
  deps: ProviderDeps,
  now: (answer: CustomResourceAnswer) => Promise<ProviderOutcome>,
): Promise<ProviderOutcome> {
  const requestId = String(detail.requestId);
  try {
    await deps.callbacks.put({
      requestId,
      responseUrl: request.ResponseURL,
      stackId: request.StackId,
      cloudFormationRequestId: request.RequestId,
      logicalResourceId: request.LogicalResourceId,
      physicalResourceIdOnFailure,
      createdAt: deps.now().toISOString(),
    });
    await deps.submit(detail);
  } catch (error: unknown) {
    return now({
      status: 'FAILED',
      physicalResourceId: physicalResourceIdOnFailure,
      reason: `the control plane could not take the request (${error instanceof Error ? error.message : String(error)}): try again`,
    });
  }
  return { answered: 'by-the-workflow', requestId, apiKey: String(detail.apiKey) };
}
