import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  InvalidEventPatternException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  type Target,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { MAX_DETAIL_NESTING_DEPTH, MAX_PUT_EVENTS_BYTES } from '../../../local/services/eventbridge';
import { type AwsCli, createAwsCli, itWithAwsCli } from '../../support/aws-cli';
import { startTestCloud, type TestCloud } from '../../support/local-cloud';

/** One simulated minute takes 60 real ms: a rate(5 minutes) rule fires every 300 real ms. */
const TIME_SCALE = 1000;
const ROLE_ARN = 'arn:aws:iam::000000000000:role/events-invoke';
/** How long a test waits (real time) for an asynchronous delivery. */
const DELIVERY_TIMEOUT_MS = 3000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const fnArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** A Detail nested `levels` objects deep: {"a":{"a":...1...}}. */
const nestedDetail = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** How many objects deep a value nests along its `a` members, without recursion. */
function depthAlongA(value: unknown): number {
  let depth = 0;
  let current = value;
  while (typeof current === 'object' && current !== null) {
    depth += 1;
    current = (current as Record<string, unknown>).a;
  }
  return depth;
}

/** Resolves once `condition` holds, polling in real time; rejects after the delivery timeout. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('local EventBridge', () => {
  let cloud: TestCloud;
  let events: EventBridgeClient;
  let cli: AwsCli;
  const received = new Map<string, unknown[]>();

  /** Registers a Lambda that records the events it receives under its name. */
  const recorder = (functionName: string): string => {
    received.set(functionName, []);
    cloud.services.lambda.register({
      functionName,
      handler: async (event: unknown) => {
        received.get(functionName)?.push(event);
      },
    });
    return fnArn(functionName);
  };

  const routeToLambda = async (bus: string, rule: string, pattern: unknown, functionName: string) => {
    await events.send(
      new PutRuleCommand({ Name: rule, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: rule,
        EventBusName: bus,
        Targets: [{ Id: 'fn', Arn: recorder(functionName) }],
      }),
    );
  };

  /** Creates (or replaces) a rule of the control plane's bus. */
  const putRule = (name: string, pattern: unknown) =>
    events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: 'control-plane',
        EventPattern: JSON.stringify(pattern),
      }),
    );

  const put = (...entries: PutEventsRequestEntry[]) =>
    events.send(new PutEventsCommand({ Entries: entries }));

  beforeAll(async () => {
    cloud = await startTestCloud({ timeScale: TIME_SCALE });
    events = new EventBridgeClient(cloud.clientConfig);
    await events.send(new CreateEventBusCommand({ Name: 'control-plane' }));
    cli = createAwsCli(cloud.endpoint, { prefix: 'events-cli-' });
  });

  afterAll(async () => {
    events.destroy();
    await cloud.stop();
    cli.dispose();
  });

  describe('event buses', () => {
    it('creates, describes and lists a custom bus next to the default one', async () => {
      // Act
      const created = await events.send(
        new CreateEventBusCommand({ Name: 'team-bus', Description: 'team events' }),
      );
      const described = await events.send(new DescribeEventBusCommand({ Name: 'team-bus' }));
      const listed = await events.send(new ListEventBusesCommand({}));
      const again = events.send(new CreateEventBusCommand({ Name: 'team-bus' }));

      // Assess
      expect(created.EventBusArn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/team-bus');
      expect(described).toMatchObject({
        Name: 'team-bus',
        Arn: created.EventBusArn,
        Description: 'team events',
      });
      expect(described.CreationTime).toBeInstanceOf(Date);
      expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(
        expect.arrayContaining(['default', 'team-bus']),
      );
      await expect(again).rejects.toBeInstanceOf(ResourceAlreadyExistsException);
    });

    it('refuses to describe an unknown bus and to delete the default bus', async () => {
      // Act
      const unknown = events.send(new DescribeEventBusCommand({ Name: 'nope' }));
      const deleteDefault = events.send(new DeleteEventBusCommand({ Name: 'default' }));

      // Assess
      await expect(unknown).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(deleteDefault).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('PutEvents', () => {
    it('fails bad entries one by one and accepts the others', async () => {
      // Act
      const response = await put(
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'Ok', Detail: '{"a":1}' },
        { EventBusName: 'control-plane', DetailType: 'NoSource', Detail: '{}' },
        { EventBusName: 'control-plane', Source: 'papi', Detail: '{}' },
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'NoDetail' },
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'Array', Detail: '[1,2]' },
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'NotJson', Detail: '{oops' },
        { EventBusName: 'control-plane', Source: 'aws.ec2', DetailType: 'Spoofed', Detail: '{}' },
        { EventBusName: 'no-such-bus', Source: 'papi', DetailType: 'Lost', Detail: '{}' },
      );

      // Assess
      expect(response.FailedEntryCount).toBe(7);
      expect(response.Entries?.[0]?.EventId).toMatch(UUID);
      expect(response.Entries?.slice(1).map((entry) => entry.ErrorCode)).toEqual([
        'InvalidArgument',
        'InvalidArgument',
        'InvalidArgument',
        'MalformedDetail',
        'MalformedDetail',
        'NotAuthorizedForSourceException',
        'ResourceNotFoundException',
      ]);
      expect(response.Entries?.[1]?.ErrorMessage).toBe(
        'Parameter Source is not valid. Reason: Source is a required argument.',
      );
    });

    it('refuses more than 10 entries, and entries over the size limit, as a whole', async () => {
      // Prepare
      const entry = { Source: 'papi', DetailType: 'Many', Detail: '{}' };
      const huge = {
        Source: 'papi',
        DetailType: 'Huge',
        Detail: JSON.stringify({ blob: 'x'.repeat(1_100_000) }),
      };

      // Act
      const tooMany = put(...Array.from({ length: 11 }, () => entry));
      const tooLarge = put(huge);

      // Assess
      await expect(tooMany).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(tooLarge).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Total size of the entries in the request is over the limit.',
      });
    });

    it('names the bound an 11-entry or an empty request breaks, as the model words it', async () => {
      // Prepare
      const entry = { Source: 'papi', DetailType: 'Many', Detail: '{}' };

      // Act
      const tooMany = put(...Array.from({ length: 11 }, () => entry));
      const none = put();

      // Assess
      await expect(tooMany).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringMatching(
          /^1 validation error detected: .* at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10$/,
        ),
      });
      await expect(none).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringMatching(/Member must have length greater than or equal to 1$/),
      });
    });

    it('refuses entries that add up to 1 MiB as a whole, counting Time as 14 bytes and text in UTF-8, and takes one byte less', async () => {
      // Prepare: the user guide's count is 14 for Time, then Source, DetailType, Detail and each resource.
      const entryOf = (totalBytes: number): PutEventsRequestEntry => {
        const fixedBytes = 14 + 'papi'.length + 'Edge'.length + 'arn:aws:s3:::b'.length;
        const accents = 'é'.repeat(50_000); // two bytes each
        const wrapperBytes = Buffer.byteLength(`{"text":"${accents}","fill":""}`);
        return {
          EventBusName: 'control-plane',
          Time: new Date('2026-06-01T00:00:00Z'),
          Source: 'papi',
          DetailType: 'Edge',
          Resources: ['arn:aws:s3:::b'],
          Detail: `{"text":"${accents}","fill":"${'x'.repeat(totalBytes - fixedBytes - wrapperBytes)}"}`,
        };
      };

      // Act
      const atLimit = put(entryOf(MAX_PUT_EVENTS_BYTES));
      const belowLimit = await put(entryOf(MAX_PUT_EVENTS_BYTES - 1));

      // Assess
      await expect(atLimit).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Total size of the entries in the request is over the limit.',
        $metadata: { httpStatusCode: 400 },
      });
      expect(belowLimit.FailedEntryCount).toBe(0);
      expect(belowLimit.Entries?.[0]?.EventId).toMatch(UUID);
    });

    it('fails a Detail nested deeper than 1,000 levels as MalformedDetail, and delivers one of 1,000 through an input template', async () => {
      // Prepare
      await putRule('deep-details', { source: ['papi.deep'] });
      await events.send(
        new PutTargetsCommand({
          Rule: 'deep-details',
          EventBusName: 'control-plane',
          Targets: [
            {
              Id: 'templated',
              Arn: recorder('deep-target'),
              InputTransformer: {
                InputTemplate: '{"rule": <aws.events.rule-name>, "event": <aws.events.event>}',
              },
            },
          ],
        }),
      );
      const deep = (levels: number): PutEventsRequestEntry => ({
        EventBusName: 'control-plane',
        Source: 'papi.deep',
        DetailType: `Deep${levels}`,
        Detail: nestedDetail(levels),
      });

      // Act
      const response = await put(
        deep(10_000),
        deep(MAX_DETAIL_NESTING_DEPTH + 1),
        deep(MAX_DETAIL_NESTING_DEPTH),
      );
      await eventually(() => (received.get('deep-target') ?? []).length > 0, 'the deep event');
      const journal = await fetch(`${cloud.endpoint}/_local/events/list-events`, {
        method: 'POST',
        body: JSON.stringify({
          eventBusName: 'control-plane',
          detailType: `Deep${MAX_DETAIL_NESTING_DEPTH}`,
        }),
      });

      // Assess
      expect(response.FailedEntryCount).toBe(2);
      expect(response.Entries?.slice(0, 2)).toEqual([
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
        { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      ]);
      expect(response.Entries?.[2]?.EventId).toMatch(UUID);
      const [delivered] = (received.get('deep-target') ?? []) as Array<{
        rule: string;
        event: { detail: unknown };
      }>;
      expect(delivered?.rule).toBe('deep-details');
      expect(depthAlongA(delivered?.event.detail)).toBe(MAX_DETAIL_NESTING_DEPTH);
      expect(journal.status).toBe(200);
    });

    it('never answers 500 to an entry or a target of an odd shape', async () => {
      // Prepare: shapes the SDK's types would not send, so the request is written by hand.
      const send = (operation: string, body: unknown) =>
        fetch(cloud.endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': `AWSEvents.${operation}`,
            authorization:
              'AWS4-HMAC-SHA256 Credential=test/20260601/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0',
          },
          body: JSON.stringify(body),
        });
      await putRule('odd-shapes', { source: ['papi.odd'] });
      const target = { Id: 'odd', Arn: fnArn('odd-target') };

      // Act
      const farFuture = await send('PutEvents', {
        Entries: [{ Source: 'papi', DetailType: 'Odd', Detail: '{}', Time: 1e20 }],
      });
      const nullPath = await send('PutTargets', {
        Rule: 'odd-shapes',
        EventBusName: 'control-plane',
        Targets: [{ ...target, InputPath: null }],
      });
      const numericPath = await send('PutTargets', {
        Rule: 'odd-shapes',
        EventBusName: 'control-plane',
        Targets: [{ ...target, InputTransformer: { InputPathsMap: { id: 1 }, InputTemplate: '<id>' } }],
      });
      await send('RemoveTargets', { Rule: 'odd-shapes', EventBusName: 'control-plane', Ids: ['odd'] });

      // Assess
      expect(farFuture.status).toBe(200);
      expect(await farFuture.json()).toEqual({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' }],
      });
      expect(nullPath.status).toBe(200);
      expect(numericPath.status).toBe(400);
      expect(await numericPath.json()).toMatchObject({ __type: 'SerializationException' });
    });

    it('keeps a journal of the events put on each bus, readable through the control API', async () => {
      // Prepare
      await put(
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'JournalA', Detail: '{"n":1}' },
        { EventBusName: 'control-plane', Source: 'papi', DetailType: 'JournalB', Detail: '{"n":2}' },
      );

      // Act
      const response = await fetch(`${cloud.endpoint}/_local/events/list-events`, {
        method: 'POST',
        body: JSON.stringify({ eventBusName: 'control-plane', detailType: 'JournalB' }),
      });
      const body = (await response.json()) as { events: Array<Record<string, unknown>> };

      // Assess
      expect(response.status).toBe(200);
      expect(body.events).toHaveLength(1);
      expect(body.events[0]).toMatchObject({ 'detail-type': 'JournalB', detail: { n: 2 } });
      expect(cloud.services.eventBridge.events('control-plane').map((event) => event['detail-type'])).toEqual(
        expect.arrayContaining(['JournalA', 'JournalB']),
      );
    });
  });

  describe('rules and delivery', () => {
    it('delivers a matching event to a Lambda target asynchronously, in the EventBridge event shape', async () => {
      // Prepare
      await routeToLambda(
        'control-plane',
        'to-intake',
        { source: ['papi.api'], 'detail-type': ['Requested'] },
        'intake',
      );

      // Act
      const response = await put(
        {
          EventBusName: 'control-plane',
          Source: 'papi.api',
          DetailType: 'Requested',
          Detail: '{"apiKey":"orders"}',
          Resources: ['arn:aws:execute-api:us-east-1:000000000000:abc'],
        },
        { EventBusName: 'control-plane', Source: 'papi.api', DetailType: 'Other', Detail: '{}' },
      );
      await eventually(() => (received.get('intake') ?? []).length > 0, 'the intake Lambda');

      // Assess
      const [event] = received.get('intake') ?? [];
      expect(event).toEqual({
        version: '0',
        id: response.Entries?.[0]?.EventId,
        'detail-type': 'Requested',
        source: 'papi.api',
        account: '000000000000',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        region: 'us-east-1',
        resources: ['arn:aws:execute-api:us-east-1:000000000000:abc'],
        detail: { apiKey: 'orders' },
      });
      expect(received.get('intake')).toHaveLength(1);
      expect(
        cloud.services.lambda.invocations('intake').every((call) => call.invocationType === 'Event'),
      ).toBe(true);
    });

    it('starts a state machine target with the event as input and a generated execution name', async () => {
      // Prepare
      const sfn = new SFNClient(cloud.clientConfig);
      const machine = await sfn.send(
        new CreateStateMachineCommand({
          name: 'drift-repair',
          roleArn: ROLE_ARN,
          definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
        }),
      );
      const stateMachineArn = machine.stateMachineArn ?? '';
      await events.send(
        new PutRuleCommand({
          Name: 'to-sfn',
          EventBusName: 'control-plane',
          EventPattern: '{"source":["papi.sfn"]}',
        }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'to-sfn',
          EventBusName: 'control-plane',
          Targets: [{ Id: 'sm', Arn: stateMachineArn, RoleArn: ROLE_ARN }],
        }),
      );

      // Act
      const response = await put({
        EventBusName: 'control-plane',
        Source: 'papi.sfn',
        DetailType: 'Go',
        Detail: '{}',
      });
      await eventually(
        () => cloud.services.stepFunctions.executions(stateMachineArn).length > 0,
        'an execution',
      );

      // Assess
      const [execution] = cloud.services.stepFunctions.executions(stateMachineArn);
      expect(execution?.name).toMatch(UUID);
      expect(JSON.parse(execution?.input ?? '{}')).toMatchObject({
        id: response.Entries?.[0]?.EventId,
        source: 'papi.sfn',
      });
      sfn.destroy();
    });

    it('requires a role for a state machine target', async () => {
      // Act
      const attempt = events.send(
        new PutTargetsCommand({
          Rule: 'to-sfn',
          EventBusName: 'control-plane',
          Targets: [
            { Id: 'no-role', Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:drift-repair' },
          ],
        }),
      );

      // Assess
      await expect(attempt).rejects.toMatchObject({ name: 'ValidationException' });
    });

    it('delivers nothing through a DISABLED rule until it is enabled again', async () => {
      // Prepare
      await routeToLambda('control-plane', 'switchable', { source: ['papi.switch'] }, 'switch-target');
      await events.send(new DisableRuleCommand({ Name: 'switchable', EventBusName: 'control-plane' }));
      const entry = { EventBusName: 'control-plane', Source: 'papi.switch', DetailType: 'X', Detail: '{}' };

      // Act
      await put(entry);
      await cloud.clock.sleep(10_000);
      const whileDisabled = (received.get('switch-target') ?? []).length;
      await events.send(new EnableRuleCommand({ Name: 'switchable', EventBusName: 'control-plane' }));
      await put(entry);
      await eventually(() => (received.get('switch-target') ?? []).length > 0, 'the re-enabled rule');

      // Assess
      expect(whileDisabled).toBe(0);
      const rule = await events.send(
        new DescribeRuleCommand({ Name: 'switchable', EventBusName: 'control-plane' }),
      );
      expect(rule).toMatchObject({
        State: 'ENABLED',
        Arn: 'arn:aws:events:us-east-1:000000000000:rule/control-plane/switchable',
        EventBusName: 'control-plane',
      });
    });

    it('shapes the target input with Input and InputPath', async () => {
      // Prepare
      await putRule('shaped', { source: ['papi.shape'] });
      await events.send(
        new PutTargetsCommand({
          Rule: 'shaped',
          EventBusName: 'control-plane',
          Targets: [
            { Id: 'constant', Arn: recorder('constant-input'), Input: '{"fixed":true}' },
            { Id: 'detail', Arn: recorder('detail-input'), InputPath: '$.detail' },
          ],
        }),
      );

      // Act
      await put({
        EventBusName: 'control-plane',
        Source: 'papi.shape',
        DetailType: 'X',
        Detail: '{"apiKey":"k"}',
      });
      await eventually(
        () =>
          (received.get('constant-input') ?? []).length > 0 &&
          (received.get('detail-input') ?? []).length > 0,
        'both targets',
      );

      // Assess
      expect(received.get('constant-input')).toEqual([{ fixed: true }]);
      expect(received.get('detail-input')).toEqual([{ apiKey: 'k' }]);
    });

    it('refuses target input settings of the wrong type, or a transformer without its template', async () => {
      // Prepare
      await putRule('badly-shaped', { source: ['papi.bad'] });
      const putTarget = (target: Record<string, unknown>) =>
        events.send(
          new PutTargetsCommand({
            Rule: 'badly-shaped',
            EventBusName: 'control-plane',
            Targets: [{ Id: 'bad', Arn: recorder('bad-target'), ...target } as Target],
          }),
        );

      // Act
      const numericPath = putTarget({ InputPath: 5 });
      const noTemplate = putTarget({ InputTransformer: { InputPathsMap: { id: '$.id' } } });
      await Promise.allSettled([numericPath, noTemplate]);
      const response = await put({
        EventBusName: 'control-plane',
        Source: 'papi.bad',
        DetailType: 'X',
        Detail: '{}',
      });

      // Assess
      await expect(numericPath).rejects.toMatchObject({ name: 'SerializationException' });
      await expect(noTemplate).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining("'targets.1.member.inputTransformer.inputTemplate'"),
      });
      const listed = await events.send(
        new ListTargetsByRuleCommand({ Rule: 'badly-shaped', EventBusName: 'control-plane' }),
      );
      expect(listed.Targets).toEqual([]);
      expect(response.FailedEntryCount).toBe(0);
    });

    it('delivers every event twice, with the same id, when duplicate deliveries are on', async () => {
      // Prepare
      await routeToLambda('control-plane', 'at-least-once', { source: ['papi.dup'] }, 'dup-target');
      const control = await fetch(`${cloud.endpoint}/_local/events/duplicate-deliveries`, {
        method: 'POST',
        body: JSON.stringify({ enabled: true }),
      });

      // Act
      await put({ EventBusName: 'control-plane', Source: 'papi.dup', DetailType: 'X', Detail: '{}' });
      await eventually(() => (received.get('dup-target') ?? []).length >= 2, 'two deliveries');
      await cloud.control('events', 'duplicate-deliveries', { enabled: false });

      // Assess
      expect(control.status).toBe(200);
      const [first, second] = (received.get('dup-target') ?? []) as Array<{ id: string }>;
      expect(first?.id).toBe(second?.id);
    });

    it('refuses to delete a rule that still has targets', async () => {
      // Prepare
      await routeToLambda('control-plane', 'to-delete', { source: ['papi.delete'] }, 'delete-target');

      // Act
      const whileTargeted = events.send(
        new DeleteRuleCommand({ Name: 'to-delete', EventBusName: 'control-plane' }),
      );
      await expect(whileTargeted).rejects.toMatchObject({
        name: 'ValidationException',
        message: "Rule can't be deleted since it has targets.",
      });
      await events.send(
        new RemoveTargetsCommand({ Rule: 'to-delete', EventBusName: 'control-plane', Ids: ['fn'] }),
      );
      await events.send(new DeleteRuleCommand({ Name: 'to-delete', EventBusName: 'control-plane' }));
      const afterDelete = events.send(
        new DescribeRuleCommand({ Name: 'to-delete', EventBusName: 'control-plane' }),
      );

      // Assess
      await expect(afterDelete).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('lists rules and targets of a bus', async () => {
      // Act
      const rules = await events.send(
        new ListRulesCommand({ EventBusName: 'control-plane', NamePrefix: 'to-' }),
      );
      const targets = await events.send(
        new ListTargetsByRuleCommand({ Rule: 'to-intake', EventBusName: 'control-plane' }),
      );

      // Assess
      expect(rules.Rules?.map((rule) => rule.Name)).toEqual(['to-intake', 'to-sfn']);
      expect(targets.Targets).toEqual([{ Id: 'fn', Arn: fnArn('intake') }]);
    });

    it('refuses invalid patterns, rules with neither pattern nor schedule, and unknown buses', async () => {
      // Act
      const badPattern = events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"papi"}' }));
      const nothing = events.send(new PutRuleCommand({ Name: 'empty' }));
      const noBus = events.send(
        new PutRuleCommand({ Name: 'lost', EventBusName: 'nope', EventPattern: '{"a":["b"]}' }),
      );

      // Assess
      await expect(badPattern).rejects.toBeInstanceOf(InvalidEventPatternException);
      await expect(nothing).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(noBus).rejects.toBeInstanceOf(ResourceNotFoundException);
    });

    it('tests a pattern against an event with TestEventPattern', async () => {
      // Prepare
      const event = JSON.stringify({
        id: '1',
        account: '000000000000',
        source: 'papi',
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [],
        'detail-type': 'Status',
        detail: { status: 'FAILED', attempt: 4 },
      });

      // Act
      const matching = await events.send(
        new TestEventPatternCommand({
          Event: event,
          EventPattern: JSON.stringify({ detail: { status: [{ 'anything-but': 'SUCCEEDED' }] } }),
        }),
      );
      const notMatching = await events.send(
        new TestEventPatternCommand({
          Event: event,
          EventPattern: JSON.stringify({ detail: { attempt: [{ numeric: ['<', 3] }] } }),
        }),
      );

      // Assess
      expect(matching.Result).toBe(true);
      expect(notMatching.Result).toBe(false);
    });
  });

  describe('scheduled rules', () => {
    it('fires a rate(5 minutes) rule on the cloud clock with a Scheduled Event, and stops when disabled', async () => {
      // Prepare
      const target = recorder('drift-check');
      const createdSim = cloud.clock.now();
      const created = await events.send(
        new PutRuleCommand({ Name: 'every-5', ScheduleExpression: 'rate(5 minutes)' }),
      );
      await events.send(new PutTargetsCommand({ Rule: 'every-5', Targets: [{ Id: 'fn', Arn: target }] }));

      // Act
      await eventually(() => (received.get('drift-check') ?? []).length >= 2, 'two scheduled events');
      await events.send(new DisableRuleCommand({ Name: 'every-5' }));
      const afterDisable = (received.get('drift-check') ?? []).length;
      await cloud.clock.sleep(15 * 60_000);

      // Assess
      const [first, second] = (received.get('drift-check') ?? []) as Array<Record<string, unknown>>;
      expect(first).toMatchObject({
        version: '0',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        region: 'us-east-1',
        resources: [created.RuleArn],
        detail: {},
      });
      const firstTime = Date.parse(String(first?.time));
      const secondTime = Date.parse(String(second?.time));
      expect(firstTime).toBeGreaterThanOrEqual(createdSim + 5 * 60_000 - 1000);
      expect(secondTime - firstTime).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
      expect((received.get('drift-check') ?? []).length).toBe(afterDisable);
    });

    it('refuses a schedule on a custom bus and an invalid schedule expression', async () => {
      // Act
      const customBus = events.send(
        new PutRuleCommand({
          Name: 'custom-schedule',
          EventBusName: 'control-plane',
          ScheduleExpression: 'rate(1 hour)',
        }),
      );
      const invalid = events.send(
        new PutRuleCommand({ Name: 'bad-rate', ScheduleExpression: 'rate(5 minute)' }),
      );

      // Assess
      await expect(customBus).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(invalid).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Parameter ScheduleExpression is not valid.',
      });
    });
  });

  itWithAwsCli('serves the AWS CLI: aws events put-events', async () => {
    // Prepare
    await routeToLambda('control-plane', 'from-cli', { source: ['papi.cli'] }, 'cli-target');

    // Act
    const putEvents = await cli.run(
      'events',
      'put-events',
      '--entries',
      JSON.stringify([
        { EventBusName: 'control-plane', Source: 'papi.cli', DetailType: 'Cli', Detail: '{"x":1}' },
      ]),
    );
    await eventually(() => (received.get('cli-target') ?? []).length > 0, 'the CLI event');

    // Assess
    expect(putEvents.json()).toMatchObject({ FailedEntryCount: 0 });
    expect(received.get('cli-target')?.[0]).toMatchObject({ source: 'papi.cli', detail: { x: 1 } });
  });

  itWithAwsCli(
    'serves the AWS CLI: a Detail nested 1,001 levels deep fails its entry as MalformedDetail',
    async () => {
      // Act
      const putEvents = await cli.run(
        'events',
        'put-events',
        '--entries',
        JSON.stringify([
          {
            EventBusName: 'control-plane',
            Source: 'papi.cli',
            DetailType: 'CliDeep',
            Detail: nestedDetail(1001),
          },
          { EventBusName: 'control-plane', Source: 'papi.cli', DetailType: 'CliFlat', Detail: '{"x":1}' },
        ]),
      );

      // Assess
      const answer = putEvents.json<{ FailedEntryCount: number; Entries: Array<Record<string, string>> }>();
      expect(answer.FailedEntryCount).toBe(1);
      expect(answer.Entries[0]).toEqual({
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail is malformed.',
      });
      expect(answer.Entries[1]?.EventId).toMatch(UUID);
    },
  );

  it('accepts and drops events for an unknown bus when told to behave like older EventBridge', async () => {
    // Prepare
    await cloud.control('events', 'unknown-bus-mode', { mode: 'accept' });

    // Act
    const response = await put({
      EventBusName: 'never-created',
      Source: 'papi',
      DetailType: 'Lost',
      Detail: '{}',
    });
    await cloud.control('events', 'unknown-bus-mode', { mode: 'entry-error' });

    // Assess
    expect(response.FailedEntryCount).toBe(0);
    expect(response.Entries?.[0]?.EventId).toMatch(UUID);
    expect(cloud.services.eventBridge.events('never-created')).toEqual([]);
  });

  it('keeps buses, rules, targets and schedules across a restart', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'events-state-'));
    const stateFile = join(dir, 'state.json');
    const first = await startTestCloud({ stateFile, timeScale: TIME_SCALE });
    const firstClient = new EventBridgeClient(first.clientConfig);
    await firstClient.send(new CreateEventBusCommand({ Name: 'kept-bus' }));
    await firstClient.send(
      new PutRuleCommand({
        Name: 'kept-rule',
        EventBusName: 'kept-bus',
        EventPattern: '{"source":["papi"]}',
      }),
    );
    await firstClient.send(
      new PutTargetsCommand({
        Rule: 'kept-rule',
        EventBusName: 'kept-bus',
        Targets: [{ Id: 'fn', Arn: fnArn('kept') }],
      }),
    );
    await firstClient.send(
      new PutRuleCommand({ Name: 'kept-schedule', ScheduleExpression: 'rate(1 minute)' }),
    );
    await firstClient.send(
      new PutTargetsCommand({ Rule: 'kept-schedule', Targets: [{ Id: 'fn', Arn: fnArn('kept') }] }),
    );
    firstClient.destroy();
    await first.stop();

    // Act
    const second = await startTestCloud({ stateFile, timeScale: TIME_SCALE });
    const calls: unknown[] = [];
    second.services.lambda.register({
      functionName: 'kept',
      handler: async (event: unknown) => calls.push(event),
    });
    const client = new EventBridgeClient(second.clientConfig);
    await client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'kept-bus', Source: 'papi', DetailType: 'X', Detail: '{}' }],
      }),
    );
    await eventually(() => calls.length >= 2, 'the put event and a scheduled event');
    client.destroy();
    await second.stop();
    await rm(dir, { recursive: true, force: true });

    // Assess
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ 'detail-type': 'X' }),
        expect.objectContaining({ 'detail-type': 'Scheduled Event' }),
      ]),
    );
  });
});
