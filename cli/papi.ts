import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REQUEST_DETAIL_TYPE } from '../shared/events';
import { controlPlaneNames } from '../shared/naming';
import { REQUEST_STATUSES, type RequestRecord, type RequestStatus } from '../shared/status/records';
import { createStatusStore, type StatusStore } from '../shared/status/status-store';

export const PAPI_USAGE = `papi: operate the private API control plane (on AWS, or on the local cloud)

Usage:
  papi submit FILE [--wait] [--timeout SECONDS]   put the request in FILE on the bus; --wait follows it to the end
  papi status REQUEST_ID                          the request's status record, as JSON
  papi list [--status STATUS]                     requests by status (${REQUEST_STATUSES.join(', ')})
  papi apis                                       managed APIs and their state

Target (flags, else environment, else defaults for the stage):
  --stage STAGE        deployed stage (env PAPI_STAGE; default local): names papi-STAGE, papi-STAGE-status
  --bus NAME           event bus (env PAPI_EVENT_BUS)
  --table NAME         status table (env PAPI_TABLE)
  --endpoint URL       AWS endpoint, e.g. the local cloud (env AWS_ENDPOINT_URL)
  --region REGION      (env AWS_REGION; default us-east-1)
  --source SOURCE      the event source to send as (default papi.cli)`;

export interface PapiIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly sleep: (ms: number) => Promise<void>;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FINAL: readonly RequestStatus[] = ['SUCCEEDED', 'FAILED', 'REJECTED'];

/** Runs one papi command; returns the process exit code (0 only when the command did what it says). */
export async function runPapi(argv: readonly string[], io: PapiIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error: unknown) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${PAPI_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, argument] = positionals;
  if (values.help || command === undefined) {
    io.out(PAPI_USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const stage = values.stage ?? io.env.PAPI_STAGE ?? 'local';
  const endpoint = values.endpoint ?? io.env.AWS_ENDPOINT_URL;
  const clientConfig = {
    region: values.region ?? io.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
  };
  const names = controlPlaneNames(stage);
  const busName = values.bus ?? io.env.PAPI_EVENT_BUS ?? names.eventBusName;
  const tableName = values.table ?? io.env.PAPI_TABLE ?? names.tableName;
  const dynamodb = new DynamoDBClient(clientConfig);
  const store = createStatusStore(DynamoDBDocumentClient.from(dynamodb), tableName);
  const events = new EventBridgeClient(clientConfig);
  try {
    switch (command) {
      case 'submit': {
        if (!argument) throw new UsageError('submit: FILE is required');
        const timeoutSeconds = Number(values.timeout ?? '900');
        if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
          throw new UsageError('--timeout: expected seconds');
        return await submit(
          argument,
          { wait: values.wait === true, timeoutSeconds, source: values.source ?? 'papi.cli' },
          { io, store, events, busName },
        );
      }
      case 'status': {
        if (!argument) throw new UsageError('status: REQUEST_ID is required');
        const record = await store.getRequest(argument);
        if (!record) {
          io.err(`no request ${argument} in ${tableName}`);
          return 1;
        }
        io.out(JSON.stringify(record, null, 2));
        return 0;
      }
      case 'list': {
        const status = values.status?.toUpperCase();
        if (status !== undefined && !REQUEST_STATUSES.includes(status as RequestStatus)) {
          throw new UsageError(`--status: one of ${REQUEST_STATUSES.join(', ')}`);
        }
        const statuses = status === undefined ? REQUEST_STATUSES : [status as RequestStatus];
        const records = (await Promise.all(statuses.map((s) => store.listRequests(s)))).flat();
        for (const record of records) {
          io.out(
            [
              record.requestId,
              record.status,
              record.apiKey ?? '-',
              record.currentStep ?? '-',
              record.updatedAt,
            ].join('\t'),
          );
        }
        return 0;
      }
      case 'apis': {
        for (const api of await store.listManagedApis()) {
          io.out(
            [api.apiKey, api.state, api.apiId ?? '-', api.vpcEndpointId ?? '-', api.lastRequestId].join('\t'),
          );
        }
        return 0;
      }
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${PAPI_USAGE}`);
      return 2;
    }
    io.err(`papi ${command}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return 1;
  } finally {
    dynamodb.destroy();
    events.destroy();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      status: { type: 'string' },
      stage: { type: 'string' },
      bus: { type: 'string' },
      table: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      source: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function submit(
  file: string,
  options: { wait: boolean; timeoutSeconds: number; source: string },
  target: { io: PapiIo; store: StatusStore; events: EventBridgeClient; busName: string },
): Promise<number> {
  const { io, store, events, busName } = target;
  let detail: unknown;
  try {
    detail = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const put = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: options.source,
          DetailType: REQUEST_DETAIL_TYPE,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  const entry = put.Entries?.[0];
  if (!entry?.EventId || entry.ErrorCode) {
    io.err(`the bus refused the event: ${entry?.ErrorCode ?? 'no entry'} ${entry?.ErrorMessage ?? ''}`);
    return 1;
  }
  const requestId =
    typeof detail === 'object' &&
    detail !== null &&
    typeof (detail as Record<string, unknown>).requestId === 'string'
      ? String((detail as Record<string, unknown>).requestId)
      : undefined;
  io.out(`submitted ${requestId ?? '(no requestId)'} as event ${entry.EventId} on ${busName}`);
  if (!options.wait) return 0;

  // A request with a missing or malformed requestId is filed under rejected-{eventId}.
  const candidates = [requestId, `rejected-${entry.EventId}`].filter((id): id is string => id !== undefined);
  const record = await follow(candidates, options.timeoutSeconds, store, io);
  if (!record) {
    io.err(`no final status after ${options.timeoutSeconds} s`);
    return 1;
  }
  io.out(JSON.stringify(record, null, 2));
  return record.status === 'SUCCEEDED' ? 0 : 1;
}

/** Polls the status record, printing each step as it is recorded, until the request is final. */
export async function follow(
  requestIds: readonly string[],
  timeoutSeconds: number,
  store: Pick<StatusStore, 'getRequest'>,
  io: Pick<PapiIo, 'out' | 'sleep'>,
): Promise<RequestRecord | undefined> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let shownSteps = 0;
  let shownStatus: string | undefined;
  while (Date.now() < deadline) {
    for (const requestId of requestIds) {
      const record = await store.getRequest(requestId);
      if (!record) continue;
      if (record.status !== shownStatus) {
        io.out(`${record.requestId}: ${record.status}`);
        shownStatus = record.status;
      }
      for (const step of record.steps.slice(shownSteps)) {
        const seconds = ((Date.parse(step.finishedAt) - Date.parse(step.startedAt)) / 1000).toFixed(2);
        io.out(
          `  ${step.outcome === 'failed' ? '✗' : step.outcome === 'waiting' ? '…' : '✓'} ${step.step.padEnd(20)} ${step.outcome.padEnd(8)} ${seconds} s${step.error ? `  ${step.error.name}: ${step.error.message}` : ''}`,
        );
      }
      shownSteps = record.steps.length;
      if (FINAL.includes(record.status)) return record;
      break;
    }
    await io.sleep(250);
  }
  return undefined;
}
