/** How one node's work ended. */
export type NodeOutcome = 'ok' | 'failed' | 'cancelled';

export interface GraphOutcome {
  readonly ok: readonly string[];
  readonly failed: readonly string[];
  readonly cancelled: readonly string[];
  /** Never started: the run stopped first, or something they wait for did not end ok. */
  readonly notStarted: readonly string[];
}

/**
 * Runs work over nodes as CloudFormation works on resources: every node whose prerequisites are done
 * starts at once (in parallel with the others), in the order given. With `stopOnFailure`, the first
 * node that does not end ok stops the run: nothing new starts and the signal given to the nodes at
 * work aborts, so they can cancel; the run ends when they have.
 */
export function runGraph(
  nodes: readonly string[],
  prerequisites: (node: string) => Iterable<string>,
  work: (node: string, signal: AbortSignal) => Promise<NodeOutcome>,
  options: { readonly stopOnFailure: boolean },
): Promise<GraphOutcome> {
  const members = new Set(nodes);
  const outcome = new Map<string, NodeOutcome>();
  const running = new Set<string>();
  const controller = new AbortController();
  let stopped = false;

  return new Promise((resolve) => {
    const finish = () =>
      resolve({
        ok: nodes.filter((node) => outcome.get(node) === 'ok'),
        failed: nodes.filter((node) => outcome.get(node) === 'failed'),
        cancelled: nodes.filter((node) => outcome.get(node) === 'cancelled'),
        notStarted: nodes.filter((node) => !outcome.has(node) && !running.has(node)),
      });
    const pump = () => {
      if (!stopped) {
        for (const node of nodes) {
          if (outcome.has(node) || running.has(node)) continue;
          const waitsFor = [...prerequisites(node)].filter((other) => members.has(other) && other !== node);
          if (waitsFor.every((other) => outcome.get(other) === 'ok')) start(node);
        }
      }
      if (running.size === 0) finish();
    };
    const start = (node: string) => {
      running.add(node);
      work(node, controller.signal)
        .catch((): NodeOutcome => 'failed')
        .then((result) => {
          running.delete(node);
          outcome.set(node, result);
          if (result !== 'ok' && options.stopOnFailure && !stopped) {
            stopped = true;
            controller.abort();
          }
          pump();
        });
    };
    pump();
  });
}
