import type { CustomResourceIdentity } from './custom-resource-request';

/** CloudFormation reads at most 4,096 bytes of a custom resource's response (docs/aws-facts.md, CloudFormation). */
export const MAX_RESPONSE_BYTES = 4096;

/** What CloudFormation shows of the resource's outputs: its Fn::GetAtt attributes. */
export type ResponseData = Readonly<Record<string, string>>;

export type CustomResourceAnswer =
  | {
      readonly status: 'SUCCESS';
      readonly physicalResourceId: string;
      readonly data?: ResponseData;
      readonly reason?: string;
    }
  | { readonly status: 'FAILED'; readonly physicalResourceId: string; readonly reason: string };

/**
 * The JSON body of the PUT to ResponseURL, cut to fit 4,096 bytes: the Reason is shortened first
 * (with an ellipsis), and Data dropped only if that is not enough.
 */
export function responseBody(identity: CustomResourceIdentity, answer: CustomResourceAnswer): string {
  const base = {
    Status: answer.status,
    PhysicalResourceId: answer.physicalResourceId,
    StackId: identity.StackId,
    RequestId: identity.RequestId,
    LogicalResourceId: identity.LogicalResourceId,
  };
  const data = answer.status === 'SUCCESS' ? answer.data : undefined;
  const reason = answer.reason ?? '';
  const render = (text: string, withData: boolean) =>
    JSON.stringify({
      ...base,
      ...(text ? { Reason: text } : {}),
      ...(withData && data ? { Data: data } : {}),
    });
  for (const withData of [true, false]) {
    const whole = render(reason, withData);
    if (Buffer.byteLength(whole) <= MAX_RESPONSE_BYTES) return whole;
    const room = MAX_RESPONSE_BYTES - Buffer.byteLength(render('', withData)) - 32;
    if (room <= 0) continue;
    let cut = reason.slice(0, room);
    while (Buffer.byteLength(render(`${cut}…`, withData)) > MAX_RESPONSE_BYTES) cut = cut.slice(0, -16);
    return render(`${cut}…`, withData);
  }
  return JSON.stringify(base);
}

export interface PutResponseOptions {
  /** Attempts in all (the first included). */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** `fetch`, passed in. */
  readonly fetch: typeof fetch;
}

/** The answer could not be delivered: the PUT kept failing (or was refused). */
export class CustomResourceResponseError extends Error {
  override readonly name = 'CustomResourceResponseError';
}

/**
 * PUTs the answer to the pre-signed ResponseURL. The URL is signed without a Content-Type, so
 * the PUT sends none (an empty one), as CloudFormation's own cfn-response does. A network failure
 * or a 5xx is retried with full-jitter backoff; a 4xx (an expired or tampered URL) is not.
 */
export async function putResponse(
  identity: CustomResourceIdentity,
  answer: CustomResourceAnswer,
  options: PutResponseOptions,
): Promise<void> {
  const body = responseBody(identity, answer);
  let last = 'no attempt made';
  for (let attempt = 1; attempt <= options.attempts; attempt += 1) {
    try {
      const response = await options.fetch(identity.ResponseURL, {
        method: 'PUT',
        body,
        headers: { 'content-type': '' },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
      if (response.status < 500) break;
    } catch (error: unknown) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (attempt < options.attempts) {
      await options.sleep(options.random() * options.baseDelayMs * 2 ** (attempt - 1));
    }
  }
  throw new CustomResourceResponseError(
    `the answer to ${identity.LogicalResourceId} could not be delivered: ${last}`,
  );
}
