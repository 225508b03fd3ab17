/**
 * `npm run cloud`: the local AWS cloud in the foreground, until SIGINT or SIGTERM.
 */
import { CLOUD_USAGE, parseCloudOptions } from './cli-options';
import { type LocalCloud, startLocalCloud } from './cloud';
import { deployControlPlane } from './control-plane/deploy';

const SERVICE_LINES: ReadonlyArray<readonly [string, string]> = [
  ['apigateway', 'API Gateway REST API management (REST-JSON)'],
  ['ec2', 'EC2 VPCs, subnets, security groups, VPC endpoints (query/XML)'],
  ['dynamodb', 'DynamoDB (dynalite, in memory)'],
  ['lambda', 'Lambda (handlers in process)'],
  ['states', 'Step Functions (real ASL, aws-local-stepfunctions)'],
  ['events', 'EventBridge (buses, rules, targets, schedules)'],
  ['s3', 'S3 buckets, objects, presigned URLs (REST-XML, path style)'],
  ['cloudformation', 'CloudFormation stacks, change sets, custom resources (query/XML)'],
  ['servicecatalog', 'Service Catalog portfolios, products, launches as stacks (JSON 1.1)'],
];

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCloudOptions>;
  try {
    parsed = parseCloudOptions(process.argv.slice(2));
  } catch (error: unknown) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${CLOUD_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    console.log(`npm run cloud -- [options]\n\n${CLOUD_USAGE}`);
    return;
  }
  const cloud: LocalCloud = await startLocalCloud(parsed.options);
  for (const [name, what] of SERVICE_LINES) {
    console.log(`${name.padEnd(11)} ${cloud.endpoint}  ${what}`);
  }
  console.log(
    `${'dns'.padEnd(11)} udp://127.0.0.1:${cloud.dnsPort}  endpoint names, private DNS, association aliases`,
  );
  console.log(`${'control'.padEnd(11)} ${cloud.endpoint}/_local/health  clock, quotas, faults, tampering`);
  console.log(
    `ready: account ${cloud.accountId}, region ${cloud.region}, time scale ${cloud.clock.timeScale}, quotas ${cloud.quotas.enabled ? 'on' : 'off'}`,
  );
  if (!parsed.bare) {
    const deployed = await deployControlPlane(cloud);
    console.log(
      `control plane: bus ${deployed.eventBusName}, table ${deployed.tableName}, state machine ${deployed.stateMachineArn}`,
    );
    console.log(
      `submit: AWS_ENDPOINT_URL=${cloud.endpoint} npx papi submit examples/create-request.json --wait`,
    );
  }
  console.log(`try:   aws --endpoint-url ${cloud.endpoint} ec2 describe-vpcs`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    cloud
      .stop()
      .then(() => console.log('stopped'))
      .catch((error: unknown) => {
        console.error('stop failed', error);
        process.exitCode = 1;
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
