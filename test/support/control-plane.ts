import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalCloudOptions } from '../../local/cloud';
import { type DeployedControlPlane, deployControlPlane } from '../../local/control-plane/deploy';
import type { RequestRecord, RequestStatus } from '../../shared/status/records';
import { createStatusStore, type StatusStore } from '../../shared/status/status-store';
import { startTestCloud, type TestCloud } from './local-cloud';

/** The local cloud with the control plane deployed, and real clients to drive and inspect it. */
export interface ControlPlaneHarness {
  readonly cloud: TestCloud;
  readonly deployed: DeployedControlPlane;
  readonly store: StatusStore;
  /** For arranging what the control plane did not write (a crashed request's lease, say). */
  readonly documentClient: DynamoDBDocumentClient;
  readonly apiGateway: APIGatewayClient;
  readonly ec2: EC2Client;
  readonly sfn: SFNClient;
  readonly events: EventBridgeClient;
  /** Puts a PrivateApiRequest event on the control plane's bus; returns the event id. */
  submit(detail: unknown): Promise<string>;
  /** Status events the control plane published on its bus, of one detail-type. */
  publishedEvents<D = Record<string, unknown>>(detailType: string): Promise<{ detail: D }[]>;
  /** Waits (real time) until the request's record reaches one of the statuses. */
  waitForStatus(
    requestId: string,
    statuses?: readonly RequestStatus[],
    timeoutMs?: number,
  ): Promise<RequestRecord>;
  stop(): Promise<void>;
}

/**
 * Starts a local cloud on free ports with a fast clock and deploys the control plane into it.
 * The functions run in this process and read process.env: one harness per test file.
 */
export async function startControlPlane(
  options: LocalCloudOptions & { settings?: Record<string, string> } = {},
): Promise<ControlPlaneHarness> {
  const { settings, ...cloudOptions } = options;
  const cloud = await startTestCloud({ timeScale: 200, ...cloudOptions });
  // The functions log through Powertools: silent in tests unless PAPI_TEST_LOG_LEVEL asks for it.
  const deployed = await deployControlPlane(cloud, {
    POWERTOOLS_LOG_LEVEL: process.env.PAPI_TEST_LOG_LEVEL ?? 'SILENT',
    ...settings,
  });
  const config = cloud.clientConfig;
  const dynamodb = new DynamoDBClient(config);
  const documentClient = DynamoDBDocumentClient.from(dynamodb);
  const store = createStatusStore(documentClient, deployed.tableName);
  const apiGateway = new APIGatewayClient({ ...config, maxAttempts: 1 });
  const ec2 = new EC2Client({ ...config, maxAttempts: 1 });
  const sfn = new SFNClient(config);
  const events = new EventBridgeClient(config);

  return {
    cloud,
    deployed,
    store,
    documentClient,
    apiGateway,
    ec2,
    sfn,
    events,
    async submit(detail) {
      const result = await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: deployed.eventBusName,
              Source: 'test.portal',
              DetailType: 'PrivateApiRequest',
              Detail: JSON.stringify(detail),
            },
          ],
        }),
      );
      const entry = result.Entries?.[0];
      if (!entry?.EventId) throw new Error(`PutEvents failed: ${entry?.ErrorCode} ${entry?.ErrorMessage}`);
      return entry.EventId;
    },
    async publishedEvents<D>(detailType: string) {
      const { events: published } = (await cloud.control('events', 'list-events', {
        eventBusName: deployed.eventBusName,
        detailType,
      })) as { events: { detail: D }[] };
      return published;
    },
    async waitForStatus(requestId, statuses = ['SUCCEEDED', 'FAILED', 'REJECTED'], timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: RequestRecord | undefined;
      while (Date.now() < deadline) {
        last = await store.getRequest(requestId);
        if (last && statuses.includes(last.status)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(
        `request ${requestId} did not reach ${statuses.join('|')} in ${timeoutMs} ms; last: ${JSON.stringify(last)}`,
      );
    },
    async stop() {
      for (const client of [dynamodb, apiGateway, ec2, sfn, events]) client.destroy();
      await cloud.stop();
    },
  };
}
