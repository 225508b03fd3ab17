import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Clock } from './core/clock';
import { type Controllable, createControlApi } from './core/control-api';
import { FaultInjector } from './core/faults';
import { awsDefaultQuotas, DEFAULT_EC2_REQUESTS_PER_SECOND, QuotaGate } from './core/quotas';
import { createRouter } from './core/router';
import type { LocalService, ServiceContext } from './core/types';
import { createApiGatewayService } from './services/apigateway';
import { createCloudFormationService, s3ResponseChannel } from './services/cloudformation';
import { type DnsServer, startDnsServer } from './services/dns';
import { createDynamoDbService } from './services/dynamodb';
import { createEc2Service, loadSeed } from './services/ec2';
import { createEventBridgeService } from './services/eventbridge';
import { createLambdaService } from './services/lambda';
import { createS3Service, presignS3Url } from './services/s3';
import { createServiceCatalogService } from './services/servicecatalog';
import { createStepFunctionsService } from './services/stepfunctions';

/** The one account of the local cloud: obviously not a real one. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PORT = 4566;
export const DEFAULT_DNS_PORT = 5353;
/** Realistic defaults (simulated): AWS-FACTS says one to a few minutes for an endpoint. */
export const DEFAULT_ENDPOINT_AVAILABLE_AFTER_MS = 60_000;
export const DEFAULT_ALIAS_PROPAGATION_MS = 90_000;

export interface LocalCloudOptions {
  /** HTTP port on 127.0.0.1; 0 picks a free one. */
  readonly port?: number;
  /** DNS (UDP) port on 127.0.0.1; 0 picks a free one. */
  readonly dnsPort?: number;
  /** How much faster than real time the simulated clock runs. */
  readonly timeScale?: number;
  /** Rate quotas as documented (on by default). */
  readonly quotas?: boolean;
  readonly ec2RequestsPerSecond?: number;
  readonly endpointAvailableAfterMs?: number;
  readonly aliasPropagationMs?: number;
  /** Seed data (VPCs, subnets, security groups); the shipped default when absent. */
  readonly seedFile?: string;
  /** Keeps state across restarts: loaded at start when present, written at stop. */
  readonly stateFile?: string;
}

export interface LocalCloud {
  /** `http://127.0.0.1:PORT`: the endpoint every AWS client is given. */
  readonly endpoint: string;
  readonly port: number;
  readonly dnsPort: number;
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly faults: FaultInjector;
  readonly quotas: QuotaGate;
  readonly services: {
    readonly apigateway: ReturnType<typeof createApiGatewayService>;
    readonly ec2: ReturnType<typeof createEc2Service>;
    readonly dynamodb: Awaited<ReturnType<typeof createDynamoDbService>>;
    readonly lambda: ReturnType<typeof createLambdaService>;
    readonly stepFunctions: ReturnType<typeof createStepFunctionsService>;
    readonly eventBridge: ReturnType<typeof createEventBridgeService>;
    readonly s3: ReturnType<typeof createS3Service>;
    readonly cloudFormation: ReturnType<typeof createCloudFormationService>;
    readonly serviceCatalog: ReturnType<typeof createServiceCatalogService>;
  };
  readonly dns: DnsServer;
  /** Runs a control action in process, as `POST /_local/{target}/{action}` does over HTTP. */
  control(target: string, action: string, input?: Record<string, unknown>): Promise<unknown>;
  saveState(): Promise<string | undefined>;
  stop(): Promise<void>;
}

interface StateFile {
  readonly version: 1;
  readonly savedAt: string;
  readonly services: Record<string, unknown>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts the local cloud: one HTTP endpoint on 127.0.0.1 serving every emulated service (routed
 * by the SigV4 credential scope), a DNS server on 127.0.0.1, and the control API under `/_local/`.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const clock = new Clock(options.timeScale ?? 1);
  const ctx: ServiceContext = { clock, accountId: LOCAL_ACCOUNT_ID, defaultRegion: LOCAL_DEFAULT_REGION };
  const faults = new FaultInjector(clock);
  const quotas = new QuotaGate(
    awsDefaultQuotas(options.ec2RequestsPerSecond ?? DEFAULT_EC2_REQUESTS_PER_SECOND),
    clock,
    options.quotas ?? true,
  );

  const apigateway = createApiGatewayService(ctx);
  const ec2 = createEc2Service(ctx, {
    seed: loadSeed(options.seedFile),
    endpointAvailableAfterMs: options.endpointAvailableAfterMs ?? DEFAULT_ENDPOINT_AVAILABLE_AFTER_MS,
  });
  const dynamodb = await createDynamoDbService({
    path: options.stateFile === undefined ? undefined : `${options.stateFile}.dynamodb`,
  });
  const lambda = createLambdaService(ctx);
  const stepFunctions = createStepFunctionsService(ctx, { lambda });
  const eventBridge = createEventBridgeService(ctx, { lambda, stepFunctions });
  const s3 = createS3Service(ctx);
  // The ResponseURLs name the cloud's endpoint, known once the server listens.
  let endpoint = '';
  const cloudFormation = createCloudFormationService(ctx, {
    invoke: (functionArn, payload, options) => lambda.invoke(functionArn, payload, options),
    responses: s3ResponseChannel(s3, (url) =>
      presignS3Url({ ...url, method: 'PUT', endpoint, nowMs: clock.now() }),
    ),
    readObject: (bucket, key) => s3.readObject(bucket, key),
  });
  const serviceCatalog = createServiceCatalogService(ctx, {
    stacks: cloudFormation.stacks,
    readObject: (bucket, key) => s3.readObject(bucket, key),
  });
  const byName = {
    apigateway,
    ec2,
    dynamodb,
    lambda,
    stepFunctions,
    eventBridge,
    s3,
    cloudFormation,
    serviceCatalog,
  };
  const services: LocalService[] = Object.values(byName);

  if (options.stateFile !== undefined && existsSync(options.stateFile)) {
    const state = JSON.parse(readFileSync(options.stateFile, 'utf8')) as StateFile;
    for (const service of services) {
      const saved = state.services[service.signingName];
      if (saved !== undefined) service.restore?.(saved);
    }
  }

  const dns = await startDnsServer({
    host: '127.0.0.1',
    port: options.dnsPort ?? DEFAULT_DNS_PORT,
    clock,
    ec2: ec2.view,
    apigateway: apigateway.view,
    aliasPropagationMs: options.aliasPropagationMs ?? DEFAULT_ALIAS_PROPAGATION_MS,
  });

  const saveState = async (): Promise<string | undefined> => {
    if (options.stateFile === undefined) return undefined;
    const state: StateFile = {
      version: 1,
      savedAt: new Date().toISOString(),
      services: Object.fromEntries(services.map((service) => [service.signingName, service.snapshot?.()])),
    };
    writeFileSync(options.stateFile, JSON.stringify(state, null, 2));
    return options.stateFile;
  };

  const targets = new Map<string, Controllable>([
    ...services.map((service) => [service.signingName, service] as const),
    ['dns', dns],
  ]);
  const server = createServer(
    { keepAlive: true },
    createRouter({
      services: new Map(services.map((service) => [service.signingName, service])),
      quotas,
      faults,
      accountId: LOCAL_ACCOUNT_ID,
      defaultRegion: LOCAL_DEFAULT_REGION,
      control: createControlApi({
        clock,
        faults,
        quotas,
        targets,
        saveState,
        health: () => ({
          status: 'ok',
          accountId: LOCAL_ACCOUNT_ID,
          region: LOCAL_DEFAULT_REGION,
          services: services.map((service) => service.signingName),
          dnsPort: dns.port,
          now: clock.date().toISOString(),
          timeScale: clock.timeScale,
        }),
      }),
    }),
  );
  let port: number;
  try {
    port = await listen(server, options.port ?? DEFAULT_PORT);
  } catch (error: unknown) {
    await dns.close();
    throw error;
  }
  endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dnsPort: dns.port,
    region: LOCAL_DEFAULT_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    clock,
    faults,
    quotas,
    services: byName,
    dns,
    async control(target, action, input = {}) {
      const controllable = targets.get(target);
      if (!controllable?.control) throw new Error(`no control target ${target}`);
      return controllable.control(action, input);
    },
    saveState,
    async stop() {
      await saveState();
      await Promise.all([
        eventBridge.close(),
        stepFunctions.close(),
        lambda.close(),
        cloudFormation.close(),
        serviceCatalog.close(),
      ]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dns.close();
      await dynamodb.close();
    },
  };
}
