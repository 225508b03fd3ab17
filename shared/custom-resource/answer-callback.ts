import { describeFieldError } from '../request';
import type { CallbackStore } from '../status/callback-store';
import type { RequestRecord } from '../status/records';
import type { StatusStore } from '../status/status-store';
import type { CustomResourceIdentity } from './custom-resource-request';
import type { CustomResourceAnswer, ResponseData } from './custom-resource-response';

/**
 * Tells whoever waits for a request's outcome (a CloudFormation stack) how it ended, from the
 * request's record once it is final; a no-op when nobody waits, when the record is not final yet,
 * or when the answer was given already.
 */
export type AnswerWaitingCaller = (requestId: string) => Promise<void>;

export interface AnswerCallbackDeps {
  readonly callbacks: Pick<CallbackStore, 'get' | 'markAnswered'>;
  readonly store: Pick<StatusStore, 'getRequest'>;
  readonly put: (identity: CustomResourceIdentity, answer: CustomResourceAnswer) => Promise<void>;
  readonly now: () => Date;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The custom resource's attributes (Fn::GetAtt) from a succeeded create or update's outputs. */
export function responseData(apiKey: string, outputs: Readonly<Record<string, unknown>>): ResponseData {
  const urls = (outputs.invokeUrls ?? {}) as Record<string, unknown>;
  const endpoint = (urls.endpoint ?? {}) as Record<string, unknown>;
  const data: Record<string, string | undefined> = {
    ApiKey: apiKey,
    ApiId: text(outputs.apiId),
    VpcEndpointId: text(outputs.vpcEndpointId),
    StageName: text(outputs.stageName),
    // Always there, empty without private DNS: a template's Fn::GetAtt of it must not fail.
    PrivateDnsUrl: text(urls.privateDns) ?? '',
    AliasUrl: text(urls.alias),
    EndpointUrl: text(endpoint.url),
  };
  return Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** What a final record tells a stack: the reason a person can act on, or the attributes. */
export function answerOf(
  record: RequestRecord,
  physicalResourceIdOnFailure: string,
): CustomResourceAnswer | undefined {
  switch (record.status) {
    case 'SUCCEEDED': {
      const apiKey = record.apiKey ?? physicalResourceIdOnFailure;
      return record.action === 'delete'
        ? { status: 'SUCCESS', physicalResourceId: physicalResourceIdOnFailure }
        : { status: 'SUCCESS', physicalResourceId: apiKey, data: responseData(apiKey, record.outputs ?? {}) };
    }
    case 'FAILED': {
      const error = record.error;
      const undone = error?.undone?.length ? ` Undone: ${error.undone.join('; ')}.` : '';
      const undoFailed = error?.undoError
        ? ` The undo failed too: ${error.undoError.name}: ${error.undoError.message}.`
        : '';
      return {
        status: 'FAILED',
        physicalResourceId: physicalResourceIdOnFailure,
        reason: error
          ? `Failed at step ${error.step}: ${error.name}: ${error.message}.${undone}${undoFailed} (request ${record.requestId})`
          : `Failed (request ${record.requestId})`,
      };
    }
    case 'REJECTED':
      return {
        status: 'FAILED',
        physicalResourceId: physicalResourceIdOnFailure,
        reason: `Refused: ${(record.reasons ?? []).map(describeFieldError).join('; ')} (request ${record.requestId})`,
      };
    default:
      return undefined;
  }
}

/**
 * Answers the CloudFormation request that started a control-plane request, when one did and the
 * request has ended. The PUT comes first and the callback is marked answered after it, so a PUT
 * that failed for good is given again by the next sweep (close-stalled-requests); CloudFormation
 * keeps the first answer it gets.
 */
export function answerWaitingCaller(deps: AnswerCallbackDeps): AnswerWaitingCaller {
  return async (requestId) => {
    const callback = await deps.callbacks.get(requestId);
    if (!callback || callback.answeredAt !== undefined) return;
    const record = await deps.store.getRequest(requestId);
    const answer = record && answerOf(record, callback.physicalResourceIdOnFailure);
    if (!answer) return;
    await deps.put(
      {
        ResponseURL: callback.responseUrl,
        StackId: callback.stackId,
        RequestId: callback.cloudFormationRequestId,
        LogicalResourceId: callback.logicalResourceId,
      },
      answer,
    );
    await deps.callbacks.markAnswered(requestId, deps.now().toISOString());
  };
}

/**
 * The answer as the ending of a request gives it: never failing that ending (a request that
 * provisioned is not undone because its stack could not be told). What could not be delivered
 * is given by the next sweep.
 */
export function bestEffort(
  answer: AnswerWaitingCaller,
  onError: (requestId: string, error: unknown) => void,
): AnswerWaitingCaller {
  return (requestId) => answer(requestId).catch((error: unknown) => onError(requestId, error));
}
