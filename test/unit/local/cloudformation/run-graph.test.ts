import { type NodeOutcome, runGraph } from '../../../../local/services/cloudformation/run-graph';

const waitingFor = (graph: Record<string, string[]>) => (node: string) => graph[node] ?? [];

describe('runGraph', () => {
  it('starts independent nodes together and each node after what it waits for', async () => {
    // Prepare
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const work = (node: string) =>
      new Promise<NodeOutcome>((resolve) => {
        started.push(node);
        finish.set(node, () => resolve('ok'));
      });

    // Act
    const run = runGraph(['A', 'B', 'C'], waitingFor({ C: ['A', 'B'] }), work, { stopOnFailure: true });
    await Promise.resolve();
    const startedFirst = [...started];
    finish.get('A')?.();
    await new Promise((resolve) => setImmediate(resolve));
    const afterA = [...started];
    finish.get('B')?.();
    await new Promise((resolve) => setImmediate(resolve));
    finish.get('C')?.();
    const outcome = await run;

    // Assess
    expect(startedFirst).toEqual(['A', 'B']);
    expect(afterA).toEqual(['A', 'B']);
    expect(started).toEqual(['A', 'B', 'C']);
    expect(outcome).toEqual({ ok: ['A', 'B', 'C'], failed: [], cancelled: [], notStarted: [] });
  });

  it('stops on the first failure: nothing new starts and the nodes at work are told to cancel', async () => {
    // Prepare
    const work = (node: string, signal: AbortSignal) =>
      node === 'Bad'
        ? Promise.resolve<NodeOutcome>('failed')
        : new Promise<NodeOutcome>((resolve) => signal.addEventListener('abort', () => resolve('cancelled')));

    // Act
    const outcome = await runGraph(['Slow', 'Bad', 'Later'], waitingFor({ Later: ['Bad'] }), work, {
      stopOnFailure: true,
    });

    // Assess
    expect(outcome).toEqual({ ok: [], failed: ['Bad'], cancelled: ['Slow'], notStarted: ['Later'] });
  });

  it('goes on past a failure when asked to, leaving only what waits for the failed node', async () => {
    // Prepare
    const work = async (node: string): Promise<NodeOutcome> => (node === 'Child' ? 'failed' : 'ok');

    // Act
    const outcome = await runGraph(['Child', 'Other', 'Parent'], waitingFor({ Parent: ['Child'] }), work, {
      stopOnFailure: false,
    });

    // Assess
    expect(outcome).toEqual({ ok: ['Other'], failed: ['Child'], cancelled: [], notStarted: ['Parent'] });
  });
});
