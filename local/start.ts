/**
 * `npm start`: the main job on the local cloud. Starts the cloud with the control plane deployed,
 * submits a request through the real EventBridge client, follows it step by step, and proves
 * that the API's alias resolves on the local DNS server. Exits 0 only on SUCCEEDED.
 */
import { Resolver } from 'node:dns/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { runPapi } from '../cli/papi';
import { aliasHostname, privateDnsHostname } from '../shared/naming';
import type { RequestRecord } from '../shared/status/records';
import { CLOUD_OPTION_SPECS, CLOUD_USAGE, toCloudOptions } from './cli-options';
import { startLocalCloud } from './cloud';
import { deployControlPlane, LOCAL_STAGE } from './control-plane/deploy';

const DEFAULT_REQUEST = join(__dirname, '../examples/create-request.json');
/** Realistic AWS delays (60 s endpoint, 90 s alias) on a clock fast enough to watch. */
const DEFAULT_TIME_SCALE = 30;

const USAGE = `npm start -- [--request FILE] [--timeout SECONDS] [cloud options]

  --request FILE   the request to submit (default examples/create-request.json)
  --timeout S      real seconds to wait for the request to end (default 300)
${CLOUD_USAGE}`;

/** Sums the simulated time spent in each state, from the execution's history. */
export function stepDurations(
  events: readonly HistoryEvent[],
): { state: string; seconds: number; entries: number }[] {
  const totals = new Map<string, { seconds: number; entries: number }>();
  const entered = new Map<string, number>();
  for (const event of events) {
    const time = event.timestamp?.getTime() ?? 0;
    const enteredName = event.stateEnteredEventDetails?.name;
    const exitedName = event.stateExitedEventDetails?.name;
    if (enteredName !== undefined) entered.set(enteredName, time);
    if (exitedName !== undefined) {
      const start = entered.get(exitedName) ?? time;
      const total = totals.get(exitedName) ?? { seconds: 0, entries: 0 };
      totals.set(exitedName, { seconds: total.seconds + (time - start) / 1000, entries: total.entries + 1 });
    }
  }
  return [...totals.entries()].map(([state, total]) => ({ state, ...total }));
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(process.argv.slice(2)).values;
  } catch (error: unknown) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const options = toCloudOptions(values);
  const cloud = await startLocalCloud({
    ...options,
    port: options.port ?? 0,
    dnsPort: options.dnsPort ?? 0,
    timeScale: options.timeScale ?? DEFAULT_TIME_SCALE,
  });
  try {
    console.log(
      `local cloud on ${cloud.endpoint} (dns udp/${cloud.dnsPort}), clock ${cloud.clock.timeScale}x`,
    );
    const deployed = await deployControlPlane(cloud);
    console.log(`control plane deployed: bus ${deployed.eventBusName}, table ${deployed.tableName}`);

    const requestFile = values.request ?? DEFAULT_REQUEST;
    let record: RequestRecord | undefined;
    let output = '';
    const code = await runPapi(
      [
        'submit',
        requestFile,
        '--wait',
        '--timeout',
        values.timeout ?? '300',
        '--endpoint',
        cloud.endpoint,
        '--stage',
        LOCAL_STAGE,
      ],
      {
        out: (line) => {
          if (line.startsWith('{')) output = line;
          else console.log(line);
        },
        err: (line) => console.error(line),
        env: { AWS_REGION: cloud.region, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
    );
    if (output) record = JSON.parse(output) as RequestRecord;
    if (!record) return code || 1;
    console.log(`\nstatus record:\n${JSON.stringify(record, null, 2)}`);

    if (record.executionArn) {
      const sfn = new SFNClient({
        endpoint: cloud.endpoint,
        region: cloud.region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const history = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: record.executionArn, maxResults: 1000 }),
      );
      console.log("\nsimulated time per state (AWS time, not this run's):");
      for (const { state, seconds, entries } of stepDurations(history.events ?? [])) {
        console.log(
          `  ${state.padEnd(24)} ${seconds.toFixed(1).padStart(8)} s${entries > 1 ? `  (${entries} rounds)` : ''}`,
        );
      }
      sfn.destroy();
    }
    if (record.status !== 'SUCCEEDED') return 1;

    const outputs = record.outputs as
      | { apiId: string; vpcEndpointId: string; invokeUrls: unknown }
      | undefined;
    if (!outputs) return 1;
    console.log(`\ninvoke URLs:\n${JSON.stringify(outputs.invokeUrls, null, 2)}`);
    const resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${cloud.dnsPort}`]);
    const names = [
      aliasHostname(outputs.apiId, outputs.vpcEndpointId, cloud.region),
      privateDnsHostname(outputs.apiId, cloud.region),
    ];
    console.log('\nDNS on the local server:');
    for (const name of names) {
      const answer = await resolver.resolve4(name).catch((error: { code?: string }) => error.code ?? 'error');
      console.log(`  ${name} -> ${Array.isArray(answer) ? answer.join(', ') : answer}`);
    }
    return 0;
  } finally {
    await cloud.stop();
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    options: { ...CLOUD_OPTION_SPECS, request: { type: 'string' }, timeout: { type: 'string' } },
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  },
);
