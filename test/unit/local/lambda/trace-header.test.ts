import { invocationTraceHeader, TRACE_ID } from '../../../../local/services/lambda/trace-header';

/** 2025-03-01T12:00:00Z: epoch second 1740830400, 0x67c2f6c0. */
const NOW_MS = Date.parse('2025-03-01T12:00:00.000Z');
/** Fixed "random" bytes, so that the ids are predictable. */
const fixedBytes = (size: number) => Buffer.alloc(size, 0xab);

describe('invocationTraceHeader', () => {
  it('starts a new, unsampled trace of this second when the caller sends no trace header', () => {
    // Act
    const header = invocationTraceHeader(undefined, NOW_MS, fixedBytes);

    // Assess
    expect(header).toBe(`Root=1-67c2f6c0-${'ab'.repeat(12)};Parent=${'ab'.repeat(8)};Sampled=0`);
  });

  it("continues the caller's trace: its Root and sampling decision kept, Lambda's own segment as Parent", () => {
    // Prepare
    const caller = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

    // Act
    const header = invocationTraceHeader(caller, NOW_MS, fixedBytes);

    // Assess
    expect(header).toBe(`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${'ab'.repeat(8)};Sampled=1`);
  });

  it('keeps an unsampled caller unsampled', () => {
    // Act
    const header = invocationTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793', NOW_MS, fixedBytes);

    // Assess
    expect(header).toBe(`Root=1-5759e988-bd862e3fe1be46a994272793;Parent=${'ab'.repeat(8)};Sampled=0`);
  });

  it.each([
    ['a Root of the wrong shape', 'Root=1-xyz;Sampled=1'],
    ['no Root', 'Parent=53995c3f42cd8ad8;Sampled=1'],
    ['no fields at all', 'garbage'],
  ])('starts a new, unsampled trace when the caller header has %s', (_case, caller) => {
    // Act
    const header = invocationTraceHeader(caller, NOW_MS, fixedBytes);

    // Assess
    expect(header).toBe(`Root=1-67c2f6c0-${'ab'.repeat(12)};Parent=${'ab'.repeat(8)};Sampled=0`);
  });

  it('makes a different trace for every invocation with the real random source', () => {
    // Act
    const roots = [1, 2, 3].map(() => /^Root=([^;]+);/.exec(invocationTraceHeader(undefined, NOW_MS))?.[1]);

    // Assess
    for (const root of roots) expect(root).toMatch(TRACE_ID);
    expect(new Set(roots).size).toBe(3);
  });
});
