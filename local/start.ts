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
import { dnsResolver } from '../shared/aws/dns-resolver';
import { aliasHostname, privateDnsHostname } from '../shared/naming';
import type { RequestRecord } from '../shared/status/records';
import { CLOUD_OPTION_SPECS, CLOUD_USAGE, toCloudOptions } from './cli-options';
import { startLocalCloud } from './cloud';
import { deployControlPlane, LOCAL_STAGE } from './control-plane/deploy';

const DEFAULT_REQUEST = join(__dirname, '../examples/create-request.json');
/** Realistic AWS delays (60 s endpoint, 90 s alias) on a clock fast enough to watch. */
const DEFAULT_TIME_SCALE = 30;

const USAGE = `npm start -- [--request FILE ...] [--timeout SECONDS] [cloud options]

  --request FILE   a request to submit (default examples/create-request.json); repeat it to run
                   several in order, e.g. the create, update and delete examples
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

    const files = values.request ?? [DEFAULT_REQUEST];
    const records: RequestRecord[] = [];
    for (const file of files) {
      console.log(`\n== ${file}`);
      const record = await submitAndFollow(file, cloud.endpoint, cloud.region, values.timeout ?? '300');
      if (!record) return 1;
      records.push(record);
      console.log(`\nstatus record:\n${JSON.stringify(record, null, 2)}`);
      await printStateDurations(record, cloud.endpoint, cloud.region);
      if (record.status !== 'SUCCEEDED') return 1;
    }

    // The API the requests were about: its invoke URLs, and its names on the local DNS server.
    const provisioned = [...records].reverse().find((record) => record.outputs?.vpcEndpointId !== undefined);
    const outputs = provisioned?.outputs as
      | { apiId: string; vpcEndpointId: string; associatedEndpointIds?: string[]; invokeUrls: unknown }
      | undefined;
    if (!outputs) return 0;
    const deleted = records.at(-1)?.action === 'delete';
    if (!deleted) console.log(`\ninvoke URLs:\n${JSON.stringify(outputs.invokeUrls, null, 2)}`);
    const resolver = new Resolver();
    resolver.setServers([`127.0.0.1:${cloud.dnsPort}`]);
    const endpoints = outputs.associatedEndpointIds ?? [outputs.vpcEndpointId];
    const names = [
      ...endpoints.map((vpcEndpointId) => aliasHostname(outputs.apiId, vpcEndpointId, cloud.region)),
      privateDnsHostname(outputs.apiId, cloud.region),
    ];
    console.log(`\nDNS on the local server${deleted ? ' (after the delete)' : ''}:`);
    let aliasResolves = false;
    /** An endpoint interface's address: the private name is asked as from inside its VPC. */
    let inTheVpc: string | undefined;
    const fromTheVpc = dnsResolver([`127.0.0.1:${cloud.dnsPort}`]);
    for (const name of names) {
      const privateName = name === privateDnsHostname(outputs.apiId, cloud.region);
      const answer =
        privateName && inTheVpc !== undefined
          ? await fromTheVpc(name, { asSeenFrom: inTheVpc }).then((found) =>
              found === 'nxdomain' ? 'ENOTFOUND' : found,
            )
          : await resolver.resolve4(name).catch((error: { code?: string }) => error.code ?? 'error');
      if (name === names[0] && Array.isArray(answer) && answer.length > 0) {
        aliasResolves = true;
        inTheVpc = answer[0];
      }
      const where = privateName && inTheVpc !== undefined ? ` (inside the VPC, as from ${inTheVpc})` : '';
      console.log(`  ${name}${where} -> ${Array.isArray(answer) ? answer.join(', ') : answer}`);
    }
    // Proof: a provisioned API's alias resolves; a deleted one's does not.
    return aliasResolves === !deleted ? 0 : 1;
  } finally {
    await cloud.stop();
  }
}

const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Submits one request file through papi (the real EventBridge client) and follows it to the end. */
async function submitAndFollow(
  file: string,
  endpoint: string,
  region: string,
  timeout: string,
): Promise<RequestRecord | undefined> {
  let output = '';
  await runPapi(
    ['submit', file, '--wait', '--timeout', timeout, '--endpoint', endpoint, '--stage', LOCAL_STAGE],
    {
      out: (line) => {
        if (line.startsWith('{')) output = line;
        else console.log(line);
      },
      err: (line) => console.error(line),
      env: { AWS_REGION: region, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
  );
  return output ? (JSON.parse(output) as RequestRecord) : undefined;
}

async function printStateDurations(record: RequestRecord, endpoint: string, region: string): Promise<void> {
  if (!record.executionArn) return;
  const sfn = new SFNClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    const history = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: record.executionArn, maxResults: 1000 }),
    );
    console.log("\nsimulated time per state (AWS time, not this run's):");
    for (const { state, seconds, entries } of stepDurations(history.events ?? [])) {
      console.log(
        `  ${state.padEnd(24)} ${seconds.toFixed(1).padStart(8)} s${entries > 1 ? `  (${entries} rounds)` : ''}`,
      );
    }
  } finally {
    sfn.destroy();
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    options: {
      ...CLOUD_OPTION_SPECS,
      request: { type: 'string', multiple: true },
      timeout: { type: 'string' },
    },
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
