import { MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '../../shared/naming';
import {
  callbackKey,
  definitionKey,
  endpointKey,
  endpointSlotKey,
  leaseKey,
  managedApiKey,
  requestKey,
} from '../../shared/status/table';
import {
  type CfnTemplate,
  isRecord,
  referencedLogicalId,
  resource,
  resourcesOfType,
} from './support/cloudformation';
import {
  FUNCTION_KEYS,
  lambdaFunction,
  lambdaLogicalId,
  logGroupLogicalId,
  roleLogicalIdOf,
} from './support/control-plane-functions';
import { allIdentityStatements, allowedActions, type IamStatement, roleStatements } from './support/iam';
import { packagedService } from './support/packaged-service';
import { ARN_OF, deployedDefinition, taskStates } from './support/state-machine-definition';

/** Every function writes its logs and sends X-Ray segments (provider.tracing.lambda). */
const OBSERVABILITY = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
/** The step handler records each step on the request's status record (shared/middleware/step-handler.ts). */
const RECORD_STEP = ['dynamodb:UpdateItem'];

/** What each function's code calls (functions/KEY/handler.ts and the shared/aws operations it uses). */
const ACTIONS_BY_FUNCTION: Record<string, readonly string[]> = {
  // status store: getRequest, acceptRequest/rejectRequest, claimManagedApi, setExecutionArn;
  // status events; StartExecution; the async invoke's on-failure destination.
  intake: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'events:PutEvents',
    'states:StartExecution',
    'sqs:SendMessage',
  ],
  // getManagedApi (a Delete of a managed API); the callback (PutItem); the request event;
  // an OpenApi document in S3.
  privateApiResource: ['dynamodb:GetItem', 'dynamodb:PutItem', 'events:PutEvents', 's3:GetObject'],
  // listOpenBefore, pendingBefore (Query the byStatus index); failUnstartedRequest, setExecutionArn,
  // updateManagedApi; DescribeExecution; PrivateApiRequestFailed.
  closeStalledRequests: [
    'dynamodb:Query',
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'states:DescribeExecution',
    'events:PutEvents',
  ],
  // DescribeVpcs, DescribeVpcAttribute, DescribeSubnets, DescribeSecurityGroups; GetRestApis.
  preflight: [
    ...RECORD_STEP,
    'ec2:DescribeVpcs',
    'ec2:DescribeVpcAttribute',
    'ec2:DescribeSubnets',
    'ec2:DescribeSecurityGroups',
    'apigateway:GET',
  ],
  // acquireLease (conditional PutItem of the lease item; GetItem of the holder's lease);
  // getManagedApi (GetItem).
  acquireLease: [...RECORD_STEP, 'dynamodb:PutItem', 'dynamodb:GetItem'],
  // takeOverManagedApi: a conditional UpdateItem, then GetItem of the record.
  prepareUpdate: [...RECORD_STEP, 'dynamodb:GetItem'],
  prepareDelete: [...RECORD_STEP, 'dynamodb:GetItem'],
  // GetRestApis, GetStages; UpdateRestApi remove association (PATCH); DeleteStage, DeleteRestApi.
  // The API the managed-API record owns (GetItem).
  removeApi: [...RECORD_STEP, 'dynamodb:GetItem', 'apigateway:GET', 'apigateway:PATCH', 'apigateway:DELETE'],
  // the endpoint registry (UpdateItem); DescribeVpcEndpoints; DeleteVpcEndpoints.
  // The VPC's managed-endpoint slots (GetItem).
  releaseEndpoints: [
    ...RECORD_STEP,
    'dynamodb:GetItem',
    'ec2:DescribeVpcEndpoints',
    'ec2:DeleteVpcEndpoints',
  ],
  // removeApi's and releaseEndpoints' calls, getManagedApi, and what createApi, attachPolicy,
  // associateEndpoint and deployStage call (restoring a failed update).
  undoRequest: [
    ...RECORD_STEP,
    'dynamodb:GetItem',
    'apigateway:GET',
    'apigateway:POST',
    'apigateway:PUT',
    'apigateway:PATCH',
    'apigateway:DELETE',
    'apigateway:UpdateRestApiPolicy',
    'ec2:DescribeVpcEndpoints',
    'ec2:DeleteVpcEndpoints',
  ],
  // DescribeVpcEndpoints; CreateVpcEndpoint with TagSpecifications (CreateTags); the endpoint
  // registry and the managed-API record (UpdateItem).
  // The VPC's managed-endpoint slots (GetItem, UpdateItem).
  ensureEndpoint: [
    ...RECORD_STEP,
    'dynamodb:GetItem',
    'ec2:DescribeVpcEndpoints',
    'ec2:CreateVpcEndpoint',
    'ec2:CreateTags',
  ],
  checkEndpoint: [...RECORD_STEP, 'ec2:DescribeVpcEndpoints', 'ec2:DescribeNetworkInterfaces'],
  // GetRestApis; CreateRestApi (POST, tags may be PUT /tags); PutRestApi (PUT); UpdateRestApi /name, /description (PATCH).
  // The managed-API record's API and the definition (GetItem).
  createApi: [
    ...RECORD_STEP,
    'dynamodb:GetItem',
    'apigateway:GET',
    'apigateway:POST',
    'apigateway:PUT',
    'apigateway:PATCH',
  ],
  // GetRestApi; UpdateRestApi replace /policy.
  attachPolicy: [...RECORD_STEP, 'apigateway:GET', 'apigateway:PATCH', 'apigateway:UpdateRestApiPolicy'],
  // DescribeVpcEndpoints; GetRestApi; UpdateRestApi add and remove /endpointConfiguration/vpcEndpointIds;
  // the endpoint registry (UpdateItem).
  associateEndpoint: [...RECORD_STEP, 'ec2:DescribeVpcEndpoints', 'apigateway:GET', 'apigateway:PATCH'],
  // GetDeployments, GetStage; CreateDeployment, CreateStage (POST); UpdateStage (PATCH);
  // DeleteStage (a renamed stage).
  deployStage: [...RECORD_STEP, 'apigateway:GET', 'apigateway:POST', 'apigateway:PATCH', 'apigateway:DELETE'],
  // DescribeVpcEndpoints, DescribeNetworkInterfaces: the addresses each alias must resolve to.
  checkDns: [...RECORD_STEP, 'ec2:DescribeVpcEndpoints', 'ec2:DescribeNetworkInterfaces'],
  // getRequest; completeRequest, updateManagedApi; releaseLease (DeleteItem); outcome events.
  recordResult: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'events:PutEvents'],
};

/** The status table's items by partition-key prefix, as IAM patterns (shared/status/table.ts). */
const ITEMS = {
  request: requestKey('*').pk,
  api: managedApiKey('*').pk,
  endpoint: endpointKey('*').pk,
  slot: endpointSlotKey('*', 'PRIVATE_DNS').pk,
  lease: leaseKey('*').pk,
  definition: definitionKey('*').pk,
  callback: callbackKey('*').pk,
} as const;

/** Which items each function's code reads and writes, by DynamoDB action. */
const TABLE_ACCESS_BY_FUNCTION: Record<string, Readonly<Record<string, readonly string[]>>> = {
  intake: {
    'dynamodb:GetItem': [ITEMS.request, ITEMS.api, ITEMS.callback],
    'dynamodb:PutItem': [ITEMS.request, ITEMS.definition],
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api, ITEMS.callback],
  },
  privateApiResource: { 'dynamodb:GetItem': [ITEMS.api], 'dynamodb:PutItem': [ITEMS.callback] },
  closeStalledRequests: {
    'dynamodb:GetItem': [ITEMS.request, ITEMS.callback],
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api, ITEMS.callback],
    'dynamodb:DeleteItem': [ITEMS.lease],
  },
  preflight: { 'dynamodb:UpdateItem': [ITEMS.request] },
  acquireLease: {
    'dynamodb:UpdateItem': [ITEMS.request],
    'dynamodb:PutItem': [ITEMS.lease],
    'dynamodb:GetItem': [ITEMS.request, ITEMS.api, ITEMS.lease],
  },
  prepareUpdate: { 'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api], 'dynamodb:GetItem': [ITEMS.api] },
  prepareDelete: { 'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api], 'dynamodb:GetItem': [ITEMS.api] },
  removeApi: { 'dynamodb:UpdateItem': [ITEMS.request], 'dynamodb:GetItem': [ITEMS.api] },
  releaseEndpoints: {
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.endpoint, ITEMS.slot],
    'dynamodb:GetItem': [ITEMS.slot],
  },
  undoRequest: {
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api, ITEMS.endpoint, ITEMS.slot],
    'dynamodb:GetItem': [ITEMS.api, ITEMS.definition, ITEMS.slot],
  },
  ensureEndpoint: {
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api, ITEMS.endpoint, ITEMS.slot],
    'dynamodb:GetItem': [ITEMS.slot],
  },
  checkEndpoint: { 'dynamodb:UpdateItem': [ITEMS.request] },
  createApi: {
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api],
    'dynamodb:GetItem': [ITEMS.api, ITEMS.definition],
  },
  attachPolicy: { 'dynamodb:UpdateItem': [ITEMS.request] },
  associateEndpoint: { 'dynamodb:UpdateItem': [ITEMS.request, ITEMS.endpoint] },
  deployStage: { 'dynamodb:UpdateItem': [ITEMS.request] },
  checkDns: { 'dynamodb:UpdateItem': [ITEMS.request] },
  recordResult: {
    'dynamodb:GetItem': [ITEMS.request, ITEMS.callback],
    'dynamodb:UpdateItem': [ITEMS.request, ITEMS.api, ITEMS.callback],
    'dynamodb:DeleteItem': [ITEMS.lease],
  },
};

/** Actions AWS authorizes only on Resource "*" (no resource-level permissions). */
const NO_RESOURCE_LEVEL_PERMISSIONS = [
  /^ec2:Describe[A-Za-z]+$/,
  /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/,
  // CloudWatch Logs' vended log delivery, which Step Functions logging uses.
  /^logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$/,
];

const MUTATING_API_GATEWAY = /^apigateway:(POST|PUT|PATCH|DELETE|UpdateRestApiPolicy)$/;
const MUTATING_EC2 = /^ec2:(?!Describe)/;
/** The requester's own VPC, subnets and groups, which CreateVpcEndpoint is also authorized on. */
const REQUESTER_NETWORK = /:(vpc|subnet|security-group)\/\*$/;

/** DynamoDB calls that create or remove whole items (UpdateItem only changes records that exist or registers). */
const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:DeleteItem'];
/** The partition keys of lease items, as an IAM pattern (`LEASE#*`). */
const LEASE_ITEMS = ITEMS.lease;

/** Whether a statement is limited to resources carrying, or requests passing, the managed tag. */
function requiresManagedTag(statement: IamStatement): boolean {
  const equals = statement.Condition?.StringEquals ?? {};
  return [
    `aws:ResourceTag/${MANAGED_TAG_KEYS.managedBy}`,
    `aws:RequestTag/${MANAGED_TAG_KEYS.managedBy}`,
  ].some((key) => equals[key] === MANAGED_BY_VALUE);
}

const resourceText = (value: unknown) => JSON.stringify(value);

/** An ARN as written: a string, or the template of an `Fn::Sub`. */
const arnPattern = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : isRecord(value) && typeof value['Fn::Sub'] === 'string'
      ? value['Fn::Sub']
      : '';

describe('IAM in the packaged template', () => {
  let template: CfnTemplate;

  beforeAll(async () => {
    template = (await packagedService()).template;
  });

  it('names no wildcard action, no NotAction and never iam:PassRole', () => {
    // Prepare
    const statements = allIdentityStatements(template);

    // Act
    const offending = statements.filter(
      ({ statement }) =>
        statement.NotAction !== undefined ||
        statement.Action.some((action) => action.includes('*') || action.toLowerCase() === 'iam:passrole'),
    );

    // Assess
    expect(statements.length).toBeGreaterThan(0);
    expect(offending).toEqual([]);
  });

  it('gives each function a role of its own', () => {
    // Prepare
    const roles = FUNCTION_KEYS.map((key) => roleLogicalIdOf(lambdaFunction(template, key)));

    // Act
    const distinct = new Set(roles);

    // Assess
    expect(distinct.size).toBe(FUNCTION_KEYS.length);
    for (const role of roles) resource(template, role, 'AWS::IAM::Role');
  });

  it('allows each function exactly the actions its code calls', () => {
    // Prepare
    const expected = Object.fromEntries(
      FUNCTION_KEYS.map((key) => [
        key,
        [...new Set([...OBSERVABILITY, ...(ACTIONS_BY_FUNCTION[key] ?? [])])].sort(),
      ]),
    );

    // Act
    const actual = Object.fromEntries(
      FUNCTION_KEYS.map((key) => [
        key,
        allowedActions(roleStatements(template, roleLogicalIdOf(lambdaFunction(template, key)))),
      ]),
    );

    // Assess
    expect(actual).toEqual(expected);
  });

  it('lets each function write only to its own log group', () => {
    // Prepare
    const problems: string[] = [];

    // Act
    for (const key of FUNCTION_KEYS) {
      const statements = roleStatements(template, roleLogicalIdOf(lambdaFunction(template, key)));
      for (const statement of statements.filter((s) =>
        s.Action.some((action) => action.startsWith('logs:')),
      )) {
        const targets = statement.Resource.map(referencedLogicalId);
        if (targets.length !== 1 || targets[0] !== logGroupLogicalId(key)) {
          problems.push(`${key}: ${statement.Action.join(',')} on ${resourceText(statement.Resource)}`);
        }
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });

  it('allows mutating API Gateway and EC2 calls only on managed resources or with the managed tag', () => {
    // Prepare
    const statements = allIdentityStatements(template);

    // Act
    const unscoped = statements.filter(({ statement }) => {
      const apiGateway = statement.Action.some((action) => MUTATING_API_GATEWAY.test(action));
      const ec2 = statement.Action.some((action) => MUTATING_EC2.test(action));
      if (!apiGateway && !ec2) return false;
      if (requiresManagedTag(statement)) return false;
      // CreateVpcEndpoint is also authorized on the requester's network, which is never tagged.
      const onRequesterNetwork =
        statement.Action.every((action) => action === 'ec2:CreateVpcEndpoint') &&
        statement.Resource.every((arn) => REQUESTER_NETWORK.test(arnPattern(arn)));
      return !onRequesterNetwork;
    });

    // Assess
    expect(unscoped).toEqual([]);
  });

  it('lets no function but intake put or delete items other than leases, and the provider its callbacks', () => {
    // Prepare
    const functions = FUNCTION_KEYS.filter((key) => key !== 'intake');
    const allowed = (key: string) => [
      JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [LEASE_ITEMS] } }),
      ...(key === 'privateApiResource'
        ? [JSON.stringify({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [ITEMS.callback] } })]
        : []),
    ];

    // Act
    const unscoped = functions.flatMap((key) =>
      roleStatements(template, roleLogicalIdOf(lambdaFunction(template, key)))
        .filter((statement) => statement.Action.some((action) => ITEM_WRITES.includes(action)))
        .filter((statement) => !allowed(key).includes(JSON.stringify(statement.Condition)))
        .map((statement) => `${key}: ${statement.Action.join(',')}`),
    );

    // Assess
    expect(unscoped).toEqual([]);
  });

  it("limits each function's status-table reads and writes to the items its code touches (dynamodb:LeadingKeys)", () => {
    // Act
    const access = Object.fromEntries(
      FUNCTION_KEYS.map((key) => {
        const statements = roleStatements(template, roleLogicalIdOf(lambdaFunction(template, key))).filter(
          (statement) =>
            statement.Action.some((action) => action.startsWith('dynamodb:') && action !== 'dynamodb:Query'),
        );
        const byAction: Record<string, string[]> = {};
        for (const statement of statements) {
          const leadingKeys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
          // An item action without a key condition may touch any item: reported as '*'.
          const prefixes = Array.isArray(leadingKeys) ? leadingKeys.map(String) : ['*'];
          for (const action of statement.Action)
            byAction[action] = [...(byAction[action] ?? []), ...prefixes];
        }
        return [
          key,
          Object.fromEntries(
            Object.entries(byAction).map(([action, keys]) => [action, [...new Set(keys)].sort()]),
          ),
        ];
      }),
    );
    const expected = Object.fromEntries(
      Object.entries(TABLE_ACCESS_BY_FUNCTION).map(([key, byAction]) => [
        key,
        Object.fromEntries(Object.entries(byAction).map(([action, keys]) => [action, [...keys].sort()])),
      ]),
    );

    // Assess
    expect(access).toEqual(expected);
  });

  it('never lets a role tag an API Gateway resource that is not managed already', () => {
    // Prepare
    const tagging = allIdentityStatements(template).filter(
      ({ statement }) =>
        statement.Action.includes('apigateway:PUT') &&
        statement.Resource.some((resource) => arnPattern(resource).includes('/tags/')),
    );

    // Act
    const unscoped = tagging
      .filter(
        ({ statement }) =>
          statement.Condition?.StringEquals?.[`aws:ResourceTag/${MANAGED_TAG_KEYS.managedBy}`] !==
          MANAGED_BY_VALUE,
      )
      .map(({ owner }) => owner);

    // Assess
    expect(tagging.length).toBeGreaterThan(0);
    expect(unscoped).toEqual([]);
  });

  it('uses Resource "*" only for actions without resource-level permissions', () => {
    // Prepare
    const statements = allIdentityStatements(template);

    // Act
    const tooBroad = statements.filter(
      ({ statement }) =>
        statement.Resource.includes('*') &&
        !statement.Action.every((action) =>
          NO_RESOURCE_LEVEL_PERMISSIONS.some((pattern) => pattern.test(action)),
        ),
    );

    // Assess
    expect(tooBroad).toEqual([]);
  });

  it("lets the state machine invoke only its own Task functions, and nothing else of Lambda's", () => {
    // Prepare
    const stateMachine = resource(
      template,
      'ProvisionPrivateApiStateMachine',
      'AWS::StepFunctions::StateMachine',
    );
    const role = referencedLogicalId(stateMachine.Properties?.RoleArn) ?? '';
    const taskFunctions = new Set(
      taskStates(deployedDefinition(template, 'ProvisionPrivateApiStateMachine')).map((task) =>
        String(task.resource).slice(ARN_OF.length),
      ),
    );

    // Act
    const statements = roleStatements(template, role);
    const lambdaStatements = statements.filter((s) =>
      s.Action.some((action) => action.startsWith('lambda:')),
    );
    const invoked = new Set(lambdaStatements.flatMap((s) => s.Resource.map(referencedLogicalId)));

    // Assess
    expect(lambdaStatements.flatMap((s) => s.Action)).toEqual(['lambda:InvokeFunction']);
    expect([...invoked].sort()).toEqual([...taskFunctions].sort());
    expect(invoked.has(lambdaLogicalId('intake'))).toBe(false);
  });

  it('lets EventBridge alone invoke intake from the intake rule, and close-stalled-requests from its schedule', () => {
    // Prepare
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').map(
      ([, permission]) => permission,
    );

    // Act
    const grants = permissions.map((permission) => ({
      function: referencedLogicalId(permission.Properties?.FunctionName),
      principal: permission.Properties?.Principal,
      sourceArn: referencedLogicalId(permission.Properties?.SourceArn),
    }));

    // Assess
    expect(grants).toEqual([
      {
        function: lambdaLogicalId('closeStalledRequests'),
        principal: 'events.amazonaws.com',
        sourceArn: 'CloseStalledRequestsEventsRuleSchedule1',
      },
      { function: lambdaLogicalId('intake'), principal: 'events.amazonaws.com', sourceArn: 'IntakeRule' },
    ]);
  });

  it('lets only the intake rule write to the dead-letter queue', () => {
    // Prepare
    const policy = resource(template, 'IntakeDeadLetterQueuePolicy', 'AWS::SQS::QueuePolicy');
    const document = policy.Properties?.PolicyDocument;

    // Act
    const statements = isRecord(document) && Array.isArray(document.Statement) ? document.Statement : [];

    // Assess
    expect(statements).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['IntakeRule', 'Arn'] } } },
      }),
    ]);
  });
});
