import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_PLANE_FUNCTIONS } from '../../local/control-plane/functions';
import { readConfig, type SettingName } from '../../shared/config/config';
import { CATALOG_REQUEST_SOURCE } from '../../shared/events';
import { controlPlaneNames } from '../../shared/naming';
import { statusTableDefinition } from '../../shared/status/table';
import {
  asList,
  type CfnTemplate,
  property,
  referencedLogicalId,
  resource,
  resourcesOfType,
} from './support/cloudformation';
import {
  FUNCTION_KEYS,
  lambdaFunction,
  lambdaLogicalId,
  logGroupLogicalId,
} from './support/control-plane-functions';
import { REPO_ROOT } from './support/node-22';
import {
  CHECK_STAGE,
  networkIsolationAvailable,
  offlineEnvironment,
  type PackagedService,
  packagedService,
} from './support/packaged-service';

/** Settings every function gets from provider.environment, read by the runtime rather than readConfig. */
const RUNTIME_SETTINGS = ['NODE_OPTIONS', 'POWERTOOLS_LOG_LEVEL'];
/** Lambda sets these itself (reserved variables): the template must not. */
const LAMBDA_RESERVED = ['AWS_REGION'];
/** Where serverless.yml's handlers live: functions/{kebab-key}/handler.ts. */
const handlerSource = (functionKey: string) =>
  join(
    REPO_ROOT,
    'functions',
    functionKey.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
    'handler.ts',
  );

/** The settings a handler reads at cold start: the names in its readConfig([...]) call. */
function settingsReadBy(functionKey: string): SettingName[] {
  const source = readFileSync(handlerSource(functionKey), 'utf8');
  const list = /readConfig\(\[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...list.matchAll(/'([A-Z0-9_]+)'/g)].map((match) => match[1] as SettingName);
}

/** Whether a setting has a default (readConfig accepts it missing). */
function hasDefault(name: SettingName): boolean {
  try {
    readConfig([name], {});
    return true;
  } catch {
    return false;
  }
}

const environmentOf = (template: CfnTemplate, functionKey: string) =>
  (property(lambdaFunction(template, functionKey), 'Environment', 'Variables') ?? {}) as Record<
    string,
    unknown
  >;

describe('the packaged CloudFormation template', () => {
  let packaged: PackagedService;
  let template: CfnTemplate;
  const names = controlPlaneNames(CHECK_STAGE);

  beforeAll(async () => {
    packaged = await packagedService();
    template = packaged.template;
    console.log(
      packaged.packagingMs > 0
        ? `serverless package --stage ${CHECK_STAGE}: ${packaged.packagingMs} ms`
        : `serverless package --stage ${CHECK_STAGE}: reused ${packaged.directory}`,
    );
  });

  (networkIsolationAvailable() ? it : it.skip)('is packaged with no AWS credentials and no network', () => {
    // Prepare
    const environment = offlineEnvironment();

    // Act
    const credentials = Object.keys(environment).filter((name) =>
      /^AWS_(ACCESS|SECRET|SESSION|PROFILE)/.test(name),
    );

    // Assess
    expect(credentials).toEqual([]);
    expect(packaged.packagedWithoutNetwork).toBe(true);
    expect(resourcesOfType(template, 'AWS::Lambda::Function')).toHaveLength(FUNCTION_KEYS.length);
  });

  it('runs every function on nodejs22.x on arm64 with source-mapped stack traces', () => {
    // Prepare
    const lambdas = resourcesOfType(template, 'AWS::Lambda::Function');

    // Act
    const runtimes = lambdas.map(([logicalId, lambda]) => ({
      logicalId,
      runtime: property(lambda, 'Runtime'),
      architectures: property(lambda, 'Architectures'),
      nodeOptions: property(lambda, 'Environment', 'Variables', 'NODE_OPTIONS'),
    }));

    // Assess
    expect(lambdas.map(([logicalId]) => logicalId).sort()).toEqual(FUNCTION_KEYS.map(lambdaLogicalId).sort());
    for (const entry of runtimes) {
      expect(entry).toEqual({
        logicalId: entry.logicalId,
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        nodeOptions: '--enable-source-maps',
      });
    }
  });

  it('gives each function the name and timeout the local cloud runs it with', () => {
    // Prepare
    const expected = CONTROL_PLANE_FUNCTIONS.map((fn) => ({
      key: fn.key,
      name: names.functionName(fn.key),
      timeout: fn.timeoutSeconds,
    }));

    // Act
    const actual = FUNCTION_KEYS.map((key) => ({
      key,
      name: property(lambdaFunction(template, key), 'FunctionName'),
      timeout: property(lambdaFunction(template, key), 'Timeout'),
    }));

    // Assess
    expect(actual).toEqual(expected);
  });

  it('sets every setting a function reads without a default, and only settings it reads', () => {
    // Prepare
    const problems: string[] = [];

    // Act
    for (const key of FUNCTION_KEYS) {
      const read = settingsReadBy(key);
      const set = Object.keys(environmentOf(template, key));
      for (const name of read) {
        if (!LAMBDA_RESERVED.includes(name) && !hasDefault(name) && !set.includes(name)) {
          problems.push(`${key} reads ${name}, which the template does not set`);
        }
      }
      for (const name of set) {
        if (LAMBDA_RESERVED.includes(name)) problems.push(`${key} sets ${name}, which Lambda reserves`);
        else if (!RUNTIME_SETTINGS.includes(name) && !read.includes(name as SettingName)) {
          problems.push(`${key} is given ${name}, which it does not read`);
        }
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });

  it('names the bus, rule, table and state machine as the local cloud and the papi CLI do', () => {
    // Prepare
    const bus = resource(template, 'EventBus', 'AWS::Events::EventBus');
    const rule = resource(template, 'IntakeRule', 'AWS::Events::Rule');
    const table = resource(template, 'StatusTable', 'AWS::DynamoDB::Table');
    const stateMachine = resource(
      template,
      'ProvisionPrivateApiStateMachine',
      'AWS::StepFunctions::StateMachine',
    );

    // Act
    const actual = {
      eventBusName: property(bus, 'Name'),
      intakeRuleName: property(rule, 'Name'),
      tableName: property(table, 'TableName'),
      stateMachineName: property(stateMachine, 'StateMachineName'),
    };

    // Assess
    expect(actual).toEqual({
      eventBusName: names.eventBusName,
      intakeRuleName: names.intakeRuleName,
      tableName: names.tableName,
      stateMachineName: names.stateMachineName,
    });
  });

  it('declares the status table as the local cloud creates it, on demand, with PITR and SSE', () => {
    // Prepare
    const local = statusTableDefinition(names.tableName);
    const table = resource(template, 'StatusTable', 'AWS::DynamoDB::Table');

    // Act
    const declared = {
      TableName: property(table, 'TableName'),
      BillingMode: property(table, 'BillingMode'),
      AttributeDefinitions: property(table, 'AttributeDefinitions'),
      KeySchema: property(table, 'KeySchema'),
      GlobalSecondaryIndexes: property(table, 'GlobalSecondaryIndexes'),
    };

    // Assess
    expect(declared).toEqual(local);
    expect(property(table, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled')).toBe(true);
    expect(property(table, 'SSESpecification', 'SSEEnabled')).toBe(true);
  });

  it("hands PrivateApiRequest events from the stage's sources to intake, with retries and a dead-letter queue", () => {
    // Prepare
    const rule = resource(template, 'IntakeRule', 'AWS::Events::Rule');
    const [target, ...others] = asList(property(rule, 'Targets')) as Record<string, unknown>[];
    const permission = resource(template, 'IntakeInvokePermission', 'AWS::Lambda::Permission');
    const [, invokeConfig] = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig')[0] ?? [];

    // Act
    const wiring = {
      bus: referencedLogicalId(property(rule, 'EventBusName')),
      pattern: property(rule, 'EventPattern'),
      target: referencedLogicalId(target?.Arn),
      ruleDeadLetters: referencedLogicalId(
        (target?.DeadLetterConfig as Record<string, unknown> | undefined)?.Arn,
      ),
      ruleRetries: target?.RetryPolicy,
      invokePermission: {
        function: referencedLogicalId(property(permission, 'FunctionName')),
        principal: property(permission, 'Principal'),
        sourceArn: referencedLogicalId(property(permission, 'SourceArn')),
      },
      asyncInvokeFailures:
        invokeConfig &&
        referencedLogicalId(property(invokeConfig, 'DestinationConfig', 'OnFailure', 'Destination')),
      asyncInvokeRetries: invokeConfig && property(invokeConfig, 'MaximumRetryAttempts'),
    };

    // Assess
    expect(others).toEqual([]);
    expect(wiring).toEqual({
      bus: 'EventBus',
      // The stage's requestSources (serverless.yml's default: what papi and the catalog's provider send as).
      pattern: { 'detail-type': ['PrivateApiRequest'], source: ['papi.cli', CATALOG_REQUEST_SOURCE] },
      target: lambdaLogicalId('intake'),
      ruleDeadLetters: 'IntakeDeadLetterQueue',
      ruleRetries: { MaximumRetryAttempts: expect.any(Number), MaximumEventAgeInSeconds: expect.any(Number) },
      invokePermission: {
        function: lambdaLogicalId('intake'),
        principal: 'events.amazonaws.com',
        sourceArn: 'IntakeRule',
      },
      asyncInvokeFailures: 'IntakeDeadLetterQueue',
      asyncInvokeRetries: 2,
    });
  });

  it('logs the state machine at level ERROR without execution data, and traces it with X-Ray', () => {
    // Prepare
    const stateMachine = resource(
      template,
      'ProvisionPrivateApiStateMachine',
      'AWS::StepFunctions::StateMachine',
    );

    // Act
    const logging = property(stateMachine, 'LoggingConfiguration') as Record<string, unknown>;
    const destination = asList(logging.Destinations)[0] as {
      CloudWatchLogsLogGroup: { LogGroupArn: unknown };
    };

    // Assess
    expect(logging.Level).toBe('ERROR');
    expect(logging.IncludeExecutionData).toBe(false);
    expect(referencedLogicalId(destination.CloudWatchLogsLogGroup.LogGroupArn)).toBe('StateMachineLogGroup');
    expect(property(stateMachine, 'TracingConfiguration', 'Enabled')).toBe(true);
  });

  it('keeps every log group for a limited retention', () => {
    // Prepare
    const logGroups = resourcesOfType(template, 'AWS::Logs::LogGroup');

    // Act
    const retention = Object.fromEntries(
      logGroups.map(([logicalId, logGroup]) => [logicalId, property(logGroup, 'RetentionInDays')]),
    );

    // Assess
    expect(Object.keys(retention).sort()).toEqual(
      [...FUNCTION_KEYS.map(logGroupLogicalId), 'StateMachineLogGroup'].sort(),
    );
    for (const days of Object.values(retention)) expect(days).toEqual(expect.any(Number));
  });

  it('alarms on failed executions and on intake errors', () => {
    // Prepare
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);

    // Act
    const watched = alarms.map((alarm) => ({
      metric: `${property(alarm, 'Namespace')}/${property(alarm, 'MetricName')}`,
      of: asList(property(alarm, 'Dimensions')).map((dimension) =>
        referencedLogicalId((dimension as Record<string, unknown>).Value),
      ),
      threshold: property(alarm, 'Threshold'),
    }));

    // Assess
    expect(watched).toEqual(
      expect.arrayContaining([
        { metric: 'AWS/States/ExecutionsFailed', of: ['ProvisionPrivateApiStateMachine'], threshold: 1 },
        { metric: 'AWS/Lambda/Errors', of: [lambdaLogicalId('intake')], threshold: 1 },
      ]),
    );
  });

  it('outputs the bus name and ARN, the table name and the state machine ARN', () => {
    // Prepare
    const outputs = template.Outputs ?? {};

    // Act
    const values = Object.fromEntries(
      ['EventBusName', 'EventBusArn', 'StatusTableName', 'StateMachineArn'].map((name) => [
        name,
        outputs[name]?.Value,
      ]),
    );

    // Assess
    expect(values).toEqual({
      EventBusName: { Ref: 'EventBus' },
      EventBusArn: { 'Fn::GetAtt': ['EventBus', 'Arn'] },
      StatusTableName: { Ref: 'StatusTable' },
      StateMachineArn: { Ref: 'ProvisionPrivateApiStateMachine' },
    });
  });
});
