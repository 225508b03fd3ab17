import { randomUUID } from 'node:crypto';
import type { ClockTimers } from '../../../core/clock-timers';
import type { ResponseChannel } from '../response-channel';
import { isTemplateObject, scalarText, type TemplateObject, type TemplateValue } from '../template';
import {
  type ProvisionRequest,
  type ProvisionResult,
  ResourceCancelled,
  ResourceFailure,
  type ResourceProvisioner,
} from './resource-provisioner';

/** ServiceTimeout: 1 to 3,600 s, 3,600 by default (docs/aws-facts.md, CloudFormation). */
export const DEFAULT_SERVICE_TIMEOUT_SECONDS = 3600;
export const MAX_SERVICE_TIMEOUT_SECONDS = 3600;
/** A provider's answer is at most 4,096 bytes; its PhysicalResourceId at most 1 KB. */
export const MAX_RESPONSE_BYTES = 4096;
export const MAX_PHYSICAL_ID_BYTES = 1024;
/** How long the presigned ResponseURL stays valid (docs/aws-facts.md, CloudFormation: two hours, *unverified*). */
export const RESPONSE_URL_EXPIRY_SECONDS = 7200;

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

export type CustomResourceRequestType = 'Create' | 'Update' | 'Delete';

/** The request CloudFormation sends a custom resource provider (docs/aws-facts.md, CloudFormation). */
export interface CustomResourceEvent {
  readonly RequestType: CustomResourceRequestType;
  readonly ServiceToken: string;
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: TemplateObject;
  readonly OldResourceProperties?: TemplateObject;
}

export interface CustomResourceDeps {
  /** Invokes the ServiceToken's function asynchronously (InvocationType Event), as CloudFormation does. */
  invokeAsync(functionArn: string, event: CustomResourceEvent): Promise<void>;
  readonly responses: ResponseChannel;
  /** Timers on the cloud's simulated clock: ServiceTimeout runs on it. */
  readonly timers: ClockTimers;
}

/**
 * Every property value as CloudFormation hands it to a provider: scalars as strings, lists and maps
 * kept with string leaves.
 */
export function stringifyProperties(value: TemplateValue): TemplateValue {
  if (Array.isArray(value)) return value.map(stringifyProperties);
  if (isTemplateObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, stringifyProperties(member)]),
    );
  }
  return value === null ? null : (scalarText(value) ?? null);
}

/** CloudFormation's reason for a provider that never answered. */
export const noResponseReason = (requestId: string): string =>
  `CloudFormation did not receive a response from your Custom Resource. Please check your logs for requestId [${requestId}]. If you are using the Python cfn-response module, you may need to update your Lambda function code so that CloudFormation can attach the updated version.`;

/** CloudFormation's reason for a provider that answered FAILED. */
export const failedResponseReason = (reason: string, requestId: string): string =>
  `Received response status [FAILED] from custom resource. Message returned: ${reason} (RequestId: ${requestId})`;

interface ProviderAnswer {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly physicalId?: string;
  readonly data: Record<string, TemplateValue>;
  readonly noEcho: boolean;
}

/**
 * Custom::* and AWS::CloudFormation::CustomResource: each operation invokes the ServiceToken's
 * Lambda function asynchronously with the request and a fresh ResponseURL, then waits for the PUT of
 * the answer there, at most ServiceTimeout seconds of the cloud's clock.
 */
export function customResourceProvisioner(deps: CustomResourceDeps): ResourceProvisioner {
  const send = async (
    requestType: CustomResourceRequestType,
    request: ProvisionRequest,
  ): Promise<ProviderAnswer> => {
    const serviceToken = request.properties.ServiceToken;
    if (typeof serviceToken !== 'string' || serviceToken === '') {
      throw new ResourceFailure('Property validation failure: [The property {/ServiceToken} is required]');
    }
    if (requestType === 'Update' && request.oldProperties?.ServiceToken !== serviceToken) {
      throw new ResourceFailure('Modifying service token is not allowed.');
    }
    const timeoutSeconds = serviceTimeoutOf(request.properties.ServiceTimeout);
    const arn = LAMBDA_ARN.exec(serviceToken);
    if (!arn) {
      throw new ResourceFailure(
        `Invalid service token ${serviceToken}: the local CloudFormation sends custom resource requests to Lambda function ARNs only`,
      );
    }
    if (arn[1] !== request.stack.region) {
      throw new ResourceFailure(
        `The service token ${serviceToken} must be from the same Region as the stack`,
      );
    }
    const requestId = randomUUID();
    const key = `${request.stack.stackId}|${request.logicalId}|${requestId}`;
    const responseUrl = await deps.responses.responseUrl(
      request.stack.region,
      key,
      RESPONSE_URL_EXPIRY_SECONDS,
    );
    const event: CustomResourceEvent = {
      RequestType: requestType,
      ServiceToken: serviceToken,
      ResponseURL: responseUrl,
      StackId: request.stack.stackId,
      RequestId: requestId,
      LogicalResourceId: request.logicalId,
      ResourceType: request.resourceType,
      ...(request.physicalId === undefined ? {} : { PhysicalResourceId: request.physicalId }),
      ResourceProperties: stringifyProperties(request.properties) as TemplateObject,
      ...(request.oldProperties === undefined
        ? {}
        : { OldResourceProperties: stringifyProperties(request.oldProperties) as TemplateObject }),
    };

    const waiting = new AbortController();
    let timedOut = false;
    const onCancel = () => waiting.abort();
    request.signal.addEventListener('abort', onCancel, { once: true });
    const timer = deps.timers.setTimeout(() => {
      timedOut = true;
      waiting.abort();
    }, timeoutSeconds * 1000);
    try {
      const answered = deps.responses.waitForResponse(request.stack.region, key, waiting.signal);
      try {
        await deps.invokeAsync(serviceToken, event);
      } catch (error: unknown) {
        waiting.abort();
        throw new ResourceFailure(
          `Failed to invoke the custom resource's ServiceToken ${serviceToken}: ${messageOf(error)}`,
        );
      }
      const body = await answered;
      if (body === undefined) {
        if (timedOut) throw new ResourceFailure(noResponseReason(requestId));
        throw new ResourceCancelled();
      }
      return readAnswer(body, requestId);
    } finally {
      deps.timers.clearTimeout(timer);
      request.signal.removeEventListener('abort', onCancel);
    }
  };

  const result = (
    answer: ProviderAnswer,
    request: ProvisionRequest,
    requestType: CustomResourceRequestType,
  ) => {
    const physicalId = answer.physicalId;
    if (answer.status === 'FAILED')
      throw new ResourceFailure(answer.reason, physicalId ?? request.physicalId);
    if (
      physicalId === undefined ||
      physicalId === '' ||
      Buffer.byteLength(physicalId) > MAX_PHYSICAL_ID_BYTES
    ) {
      throw new ResourceFailure(
        `Invalid PhysicalResourceId in the ${requestType} response of the custom resource: a non-empty string of at most ${MAX_PHYSICAL_ID_BYTES} bytes is required`,
        request.physicalId,
      );
    }
    return { physicalId, attributes: answer.data, noEcho: answer.noEcho } satisfies ProvisionResult;
  };

  return {
    async create(request) {
      return result(await send('Create', request), request, 'Create');
    },
    async update(request) {
      return result(await send('Update', request), request, 'Update');
    },
    async delete(request) {
      const answer = await send('Delete', request);
      if (answer.status === 'FAILED') throw new ResourceFailure(answer.reason, request.physicalId);
    },
  };
}

function serviceTimeoutOf(value: TemplateValue | undefined): number {
  if (value === undefined) return DEFAULT_SERVICE_TIMEOUT_SECONDS;
  const text = scalarText(value) ?? '';
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > MAX_SERVICE_TIMEOUT_SECONDS) {
    throw new ResourceFailure(
      `Property validation failure: [ServiceTimeout ${text} must be an integer from 1 to ${MAX_SERVICE_TIMEOUT_SECONDS}]`,
    );
  }
  return seconds;
}

function readAnswer(body: Buffer, requestId: string): ProviderAnswer {
  if (body.length > MAX_RESPONSE_BYTES) throw new ResourceFailure('Response object is too long.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ResourceFailure(
      'Invalid response object: the custom resource answered with a body that is not JSON',
    );
  }
  if (!isTemplateObject(parsed))
    throw new ResourceFailure('Invalid response object: the answer must be a JSON object');
  const status = parsed.Status;
  if (status !== 'SUCCESS' && status !== 'FAILED') {
    throw new ResourceFailure(
      `Invalid response object: Status must be SUCCESS or FAILED, got ${JSON.stringify(status)}`,
    );
  }
  const physicalId = typeof parsed.PhysicalResourceId === 'string' ? parsed.PhysicalResourceId : undefined;
  const reason = typeof parsed.Reason === 'string' ? parsed.Reason : '';
  const data = isTemplateObject(parsed.Data ?? null) ? (parsed.Data as Record<string, TemplateValue>) : {};
  return {
    status,
    reason: status === 'FAILED' ? failedResponseReason(reason, requestId) : reason,
    physicalId,
    data,
    noEcho: parsed.NoEcho === true || parsed.NoEcho === 'true',
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
