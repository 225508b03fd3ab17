import { CATALOG_REQUEST_SOURCE } from '../events';
import type { CallbackStore } from '../status/callback-store';
import type { RequestCaller } from '../status/records';

/**
 * Who sent a request, for its status record: the event's source (set by EventBridge, and only
 * the stage's requestSources reach intake), and for a Custom::PrivateApi the stack and logical id
 * its provider recorded with the callback before it sent the request (the control plane's own
 * record, never a field of the request anyone could write).
 */
export async function requestCallerOf(
  source: string,
  requestId: string,
  callbacks: Pick<CallbackStore, 'get'>,
): Promise<RequestCaller> {
  if (source !== CATALOG_REQUEST_SOURCE) return { source };
  const callback = await callbacks.get(requestId);
  return callback === undefined
    ? { source }
    : { source, stackId: callback.stackId, logicalResourceId: callback.logicalResourceId };
}
