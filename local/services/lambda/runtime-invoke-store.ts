import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

/** What the runtime keeps for one invocation, under the store's protected keys. */
export type InvocationContext = Readonly<Record<symbol, string>>;

/** The class name of the store that keeps one context per invocation (AsyncLocalStorage). */
const PER_INVOCATION_STORE = 'InvokeStoreMulti';

/**
 * Sets up the process's InvokeStore as the Node.js runtime interface client does in a
 * multi-concurrency environment (docs/aws-facts.md, Lambda): one store, backed by
 * AsyncLocalStorage, on `globalThis.awslambda.InvokeStore` where Powertools and the AWS SDK look
 * for it. The runtime chooses that store because AWS_LAMBDA_MAX_CONCURRENCY is set; the local
 * Lambda always runs invocations of many functions concurrently in this process, so it forces it.
 *
 * The first caller of `InvokeStore.getInstanceAsync` fixes the store for the whole process (the
 * AWS SDK calls it on every request), so call this before any SDK call: the runtime does it
 * before it loads the handler. Throws if a single-context store was set up first.
 */
export function claimInvokeStore(): Promise<InvokeStoreBase> {
  const existing = globalThis.awslambda?.InvokeStore;
  if (existing !== undefined && existing.constructor.name !== PER_INVOCATION_STORE) {
    throw new Error(
      'the InvokeStore of this process keeps a single context: something called InvokeStore.getInstanceAsync ' +
        '(an AWS SDK call does) before the local Lambda started, without AWS_LAMBDA_MAX_CONCURRENCY set; ' +
        'start the local cloud first',
    );
  }
  return InvokeStore.getInstanceAsync(true);
}

/**
 * The context the runtime runs an invocation in: its request id and X-Ray trace header (the
 * runtime also puts the tenant id there, for tenant-isolated functions; the local Lambda has none).
 */
export function invocationContext(requestId: string, traceHeader: string): InvocationContext {
  return {
    [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId,
    [InvokeStoreBase.PROTECTED_KEYS.X_RAY_TRACE_ID]: traceHeader,
  };
}
