import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { REQUEST_DETAIL_TYPE } from '../../shared/events';
import { controlPlaneNames } from '../../shared/naming';
import { statusTableDefinition } from '../../shared/status/table';
import type { LocalCloud } from '../cloud';
import { CONTROL_PLANE_FUNCTIONS } from './functions';
import { localStackTemplate, publishLocalStack } from './stack';

export const LOCAL_STAGE = 'local';
export const PROVISION_STATE_MACHINE_FILE = join(
  __dirname,
  '../../statemachines/provision-private-api.asl.json',
);

/**
 * The intake rule's pattern, as infra/event-bus.yml writes it: PrivateApiRequest events, from the
 * given comma-separated sources only when there are some (serverless.yml's requestSources; the
 * local stage serves any source unless told otherwise, so that tools and tests send as they like).
 */
export function intakeEventPattern(requestSources: string): Record<string, string[]> {
  const sources = requestSources
    .split(',')
    .map((source) => source.trim())
    .filter(Boolean);
  return { 'detail-type': [REQUEST_DETAIL_TYPE], ...(sources.length > 0 ? { source: sources } : {}) };
}

/** serverless.yml's stalledRequestSweepRate. */
const STALLED_SWEEP_RATE = 'rate(5 minutes)';

export interface DeployedControlPlane {
  readonly tableName: string;
  readonly eventBusName: string;
  readonly stateMachineArn: string;
  /** The environment the functions run with (set on process.env: they run in this process). */
  readonly environment: Readonly<Record<string, string>>;
}

/** A new table is CREATING before it is ACTIVE, as on AWS: wait before using it. */
export async function waitForTableActive(
  dynamodb: DynamoDBClient,
  tableName: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`table ${tableName} is not ACTIVE after ${timeoutMs} ms`);
}

/** Replaces serverless-step-functions' `{"Fn::GetAtt": [fn, "Arn"]}` with the deployed function ARNs. */
export function resolveFunctionArns(definition: unknown, arnOf: (functionKey: string) => string): unknown {
  if (Array.isArray(definition)) return definition.map((item) => resolveFunctionArns(item, arnOf));
  if (typeof definition !== 'object' || definition === null) return definition;
  const getAtt = (definition as Record<string, unknown>)['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string') return arnOf(getAtt[0]);
  return Object.fromEntries(
    Object.entries(definition).map(([key, value]) => [key, resolveFunctionArns(value, arnOf)]),
  );
}

/**
 * Deploys the control plane into a running local cloud as serverless.yml does on AWS: the status
 * table, the event bus and intake rule, the functions (in process) and the state machine from
 * statemachines/. Everything is created through the real SDK clients; idempotent. `settings` are
 * the stage's parameters as the functions' environment (ALLOWED_VPC_IDS, …); REQUEST_SOURCES
 * also names the sources the intake rule serves (serverless.yml's requestSources).
 */
export async function deployControlPlane(
  cloud: LocalCloud,
  settings: Readonly<Record<string, string>> = {},
): Promise<DeployedControlPlane> {
  const names = controlPlaneNames(LOCAL_STAGE);
  const functionArn = (key: string) =>
    `arn:aws:lambda:${cloud.region}:${cloud.accountId}:function:${names.functionName(key)}`;
  const stateMachineArn = `arn:aws:states:${cloud.region}:${cloud.accountId}:stateMachine:${names.stateMachineName}`;
  const environment: Record<string, string> = {
    AWS_ENDPOINT_URL: cloud.endpoint,
    AWS_REGION: cloud.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    TABLE_NAME: names.tableName,
    EVENT_BUS_NAME: names.eventBusName,
    STATE_MACHINE_ARN: stateMachineArn,
    DNS_RESOLVER_SERVERS: `127.0.0.1:${cloud.dnsPort}`,
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // Invocations share this process, as in Lambda Managed Instances: Powertools keeps each one's logger
    // keys apart in the runtime's InvokeStore (docs/aws-facts.md, Lambda).
    AWS_LAMBDA_MAX_CONCURRENCY: '64',
    ...settings,
  };
  // The functions run in this process: their configuration is this process's environment.
  Object.assign(process.env, environment);

  const client = {
    endpoint: cloud.endpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const dynamodb = new DynamoDBClient(client);
  const events = new EventBridgeClient(client);
  const sfn = new SFNClient(client);

  try {
    await dynamodb.send(new CreateTableCommand(statusTableDefinition(names.tableName)));
  } catch (error: unknown) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitForTableActive(dynamodb, names.tableName);

  for (const fn of CONTROL_PLANE_FUNCTIONS) {
    cloud.services.lambda.register({
      functionName: names.functionName(fn.key),
      timeoutSeconds: fn.timeoutSeconds,
      environment,
      handler: async (event, context) => (await fn.load()).handler(event as never, context),
    });
  }

  const definition = resolveFunctionArns(
    JSON.parse(readFileSync(PROVISION_STATE_MACHINE_FILE, 'utf8')),
    functionArn,
  );
  await sfn.send(
    new CreateStateMachineCommand({
      name: names.stateMachineName,
      definition: JSON.stringify(definition),
      roleArn: `arn:aws:iam::${cloud.accountId}:role/${names.stateMachineName}`,
      type: 'STANDARD',
    }),
  );

  try {
    await events.send(new CreateEventBusCommand({ Name: names.eventBusName }));
  } catch (error: unknown) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  }
  await events.send(
    new PutRuleCommand({
      Name: names.intakeRuleName,
      EventBusName: names.eventBusName,
      EventPattern: JSON.stringify(intakeEventPattern(settings.REQUEST_SOURCES ?? '')),
      State: 'ENABLED',
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: names.intakeRuleName,
      EventBusName: names.eventBusName,
      Targets: [{ Id: 'intake', Arn: functionArn('intake') }],
    }),
  );
  // serverless.yml's schedule event of closeStalledRequests: a rule on the default bus.
  await events.send(
    new PutRuleCommand({
      Name: names.stalledSweepRuleName,
      ScheduleExpression: STALLED_SWEEP_RATE,
      State: 'ENABLED',
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: names.stalledSweepRuleName,
      Targets: [{ Id: 'closeStalledRequests', Arn: functionArn('closeStalledRequests') }],
    }),
  );
  dynamodb.destroy();
  events.destroy();
  sfn.destroy();

  // The documents a Custom::PrivateApi may name as its OpenApi (an administrator's bucket on AWS).
  cloud.services.s3.ensureBucket(names.definitionBucketName, cloud.region);
  await publishLocalStack(
    client,
    names.stackName,
    localStackTemplate(LOCAL_STAGE, {
      EventBus: {
        ref: names.eventBusName,
        arn: `arn:aws:events:${cloud.region}:${cloud.accountId}:event-bus/${names.eventBusName}`,
      },
      StatusTable: {
        ref: names.tableName,
        arn: `arn:aws:dynamodb:${cloud.region}:${cloud.accountId}:table/${names.tableName}`,
      },
      ProvisionPrivateApiStateMachine: { ref: stateMachineArn, arn: stateMachineArn },
      PrivateApiResourceLambdaFunction: {
        ref: names.functionName('privateApiResource'),
        arn: functionArn('privateApiResource'),
      },
      // The intake rule's dead-letter queue: the local cloud has no SQS.
      IntakeDeadLetterQueue: null,
    }),
  );
  return { tableName: names.tableName, eventBusName: names.eventBusName, stateMachineArn, environment };
}
