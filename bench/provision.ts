/**
 * Provisioning throughput on the local cloud: N create requests for one VPC at once, with the
 * documented API Gateway quotas on. Prints real and simulated latency per request, state
 * transitions per execution, and how often the quotas pushed back.
 */
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { createRequest } from '../test/integration/control-plane/fixtures';
import { startControlPlane } from '../test/support/control-plane';

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

export async function benchProvision(requests: number, timeScale: number): Promise<void> {
  const plane = await startControlPlane({ timeScale });
  try {
    const started = Date.now();
    const ids = Array.from({ length: requests }, (_, index) => `bench-${index}`);
    await Promise.all(ids.map((id) => plane.submit(createRequest(`${id}-1`, id))));
    const records = await Promise.all(ids.map((id) => plane.waitForStatus(`${id}-1`, undefined, 600_000)));
    const wallSeconds = (Date.now() - started) / 1000;

    const realLatency = records.map((record) => (Date.parse(record.updatedAt) - started) / 1000);
    const simulated: number[] = [];
    const transitions: number[] = [];
    for (const record of records) {
      const { events = [] } = await plane.sfn.send(
        new GetExecutionHistoryCommand({ executionArn: record.executionArn, maxResults: 1000 }),
      );
      const first = events[0]?.timestamp?.getTime() ?? 0;
      const last = events.at(-1)?.timestamp?.getTime() ?? 0;
      simulated.push((last - first) / 1000);
      transitions.push(events.filter((event) => event.type?.endsWith('StateEntered')).length);
    }
    const succeeded = records.filter((record) => record.status === 'SUCCEEDED').length;
    console.log(`provision: ${requests} creates in one VPC, time scale ${timeScale}x, quotas on`);
    console.log(`  succeeded            ${succeeded}/${requests}`);
    console.log(`  wall time            ${wallSeconds.toFixed(2)} s real`);
    console.log(
      `  latency (real)       p50 ${percentile(realLatency, 50).toFixed(2)} s   p95 ${percentile(realLatency, 95).toFixed(2)} s`,
    );
    console.log(
      `  latency (simulated)  p50 ${percentile(simulated, 50).toFixed(0)} s   p95 ${percentile(simulated, 95).toFixed(0)} s   (AWS time)`,
    );
    console.log(
      `  state transitions    p50 ${percentile(transitions, 50)}   max ${Math.max(...transitions)}   per execution`,
    );
    console.log(`  quota throttles      ${JSON.stringify(plane.cloud.quotas.describe().throttled)}`);
  } finally {
    await plane.stop();
  }
}
