import { InvokeStore } from '@aws/lambda-invoke-store';
import { claimInvokeStore, invocationContext } from '../../../../local/services/lambda/runtime-invoke-store';

type RuntimeInvokeStoreModule = typeof import('../../../../local/services/lambda/runtime-invoke-store');
type InvokeStoreModule = typeof import('@aws/lambda-invoke-store');

const TRACE_HEADER = 'Root=1-67c2f6c0-abababababababababababab;Parent=abababababababab;Sampled=0';

describe('claimInvokeStore', () => {
  it('sets up the store on globalThis.awslambda, where Powertools and the AWS SDK look for it', async () => {
    // Act
    const store = await claimInvokeStore();

    // Assess
    expect(globalThis.awslambda.InvokeStore).toBe(store);
    expect(await InvokeStore.getInstanceAsync()).toBe(store);
  });

  it('keeps the context of each of several concurrent invocations apart', async () => {
    // Prepare
    const store = await claimInvokeStore();
    const invocation = (requestId: string, traceHeader: string) =>
      store.run(invocationContext(requestId, traceHeader), async () => {
        const before = store.getRequestId();
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { before, after: store.getRequestId(), traceHeader: store.getXRayTraceId() };
      });

    // Act
    const seen = await Promise.all([invocation('req-1', TRACE_HEADER), invocation('req-2', 'Root=other')]);

    // Assess
    expect(seen).toEqual([
      { before: 'req-1', after: 'req-1', traceHeader: TRACE_HEADER },
      { before: 'req-2', after: 'req-2', traceHeader: 'Root=other' },
    ]);
    expect(store.hasContext()).toBe(false);
  });

  it('refuses a store that keeps a single context, set up before the local Lambda started', async () => {
    // Prepare: a fresh process-wide store, claimed by a caller without AWS_LAMBDA_MAX_CONCURRENCY
    // (as an AWS SDK call made before the cloud started would claim it)
    const claimed = globalThis.awslambda.InvokeStore;
    const maxConcurrency = process.env.AWS_LAMBDA_MAX_CONCURRENCY;
    delete process.env.AWS_LAMBDA_MAX_CONCURRENCY;
    globalThis.awslambda.InvokeStore = undefined;
    try {
      let claim: () => Promise<unknown> = async () => undefined;
      await jest.isolateModulesAsync(async () => {
        const library: InvokeStoreModule = await import('@aws/lambda-invoke-store');
        await library.InvokeStore.getInstanceAsync();
        const runtime: RuntimeInvokeStoreModule = await import(
          '../../../../local/services/lambda/runtime-invoke-store'
        );
        claim = runtime.claimInvokeStore;
      });

      // Act & Assess
      expect(() => claim()).toThrow(/keeps a single context.*start the local cloud first/);
    } finally {
      globalThis.awslambda.InvokeStore = claimed;
      if (maxConcurrency !== undefined) process.env.AWS_LAMBDA_MAX_CONCURRENCY = maxConcurrency;
    }
  });
});

describe('invocationContext', () => {
  it("puts the request id and trace header where the store's getters read them", async () => {
    // Prepare
    const store = await claimInvokeStore();

    // Act
    const seen = store.run(invocationContext('req-1', TRACE_HEADER), () => ({
      requestId: store.getRequestId(),
      traceHeader: store.getXRayTraceId(),
      tenantId: store.getTenantId(),
    }));

    // Assess
    expect(seen).toEqual({ requestId: 'req-1', traceHeader: TRACE_HEADER, tenantId: undefined });
  });
});
