import { randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error';
import {
  epochSeconds,
  type JsonObject,
  type JsonOperation,
  type JsonProtocol,
  jsonRpcEndpoints,
  optionalInteger,
  optionalString,
  requiredString,
  validationError,
} from '../../core/aws-json-protocol';
import { ClockTimers } from '../../core/clock-timers';
import { paginate } from '../../core/paging';
import type { CloudRequest, LocalService, ServiceContext } from '../../core/types';
import type { LambdaService } from '../lambda';
import type { StepFunctionsService } from '../stepfunctions';
import { type DeliveryRecord, EventDelivery, type TargetRecord } from './delivery';
import { type EventPattern, matchesEventPattern, parseEventPattern } from './event-pattern';
import { checkPutEventsEntry, fitsPutEventsRequest, isEntryFailure } from './put-events-entry';
import { RuleScheduler } from './rule-scheduler';
import { parseScheduleExpression, type Schedule } from './schedule-expression';
import { readTargetInput } from './target-input';

export type { DeliveryRecord } from './delivery';
export { matchesEventPattern, parseEventPattern } from './event-pattern';
export { MAX_DETAIL_NESTING_DEPTH, MAX_PUT_EVENTS_BYTES } from './put-events-entry';

const PROTOCOL: JsonProtocol = {
  contentType: 'application/x-amz-json-1.1',
  targetPrefix: 'AWSEvents',
};

const DEFAULT_BUS = 'default';
/** PutEvents takes 1-10 entries, its model's bounds (docs/aws-facts.md, EventBridge). */
const MAX_PUT_EVENTS_ENTRIES = 10;
/** EventBridge quotas: 5 targets per rule, 300 rules per bus, 100 custom buses per account. */
const MAX_TARGETS_PER_RULE = 5;
const MAX_RULES_PER_BUS = 300;
const MAX_CUSTOM_BUSES = 100;
const MAX_LIST_LIMIT = 100;
/** The journal of events put keeps the most recent per bus. */
const MAX_JOURNAL_EVENTS_PER_BUS = 10_000;
const BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;
const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];

/** An event as EventBridge delivers it. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

interface BusRecord {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly description?: string;
  readonly creationTime: number;
  lastModifiedTime: number;
}

interface RuleRecord {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly busName: string;
  eventPattern?: string;
  pattern?: EventPattern;
  scheduleExpression?: string;
  schedule?: Schedule;
  state: string;
  description?: string;
  roleArn?: string;
  /** Simulated epoch ms from which a rate schedule counts its periods. */
  scheduleAnchor: number;
  readonly targets: Map<string, TargetRecord>;
}

/** What PutEvents does with an entry for a bus that does not exist (see `unknown-bus-mode`). */
type UnknownBusMode = 'entry-error' | 'accept';

/** The local EventBridge with its in-process view of the events put. */
export interface EventBridgeService extends LocalService {
  readonly signingName: 'events';
  /** Events put on (or scheduled on) a bus, oldest first; the bus by name or ARN. */
  events(busName: string, region?: string): readonly EventBridgeEvent[];
  /** Deliveries to targets so far, optionally of one rule (name or ARN). */
  deliveries(rule?: string): readonly DeliveryRecord[];
  snapshot(): EventBridgeSnapshot;
  restore(state: unknown): void;
  /** Stops scheduled rules and pending deliveries. */
  close(): Promise<void>;
}

export interface EventBridgeSnapshot {
  readonly buses: ReadonlyArray<Omit<BusRecord, 'arn'>>;
  readonly rules: ReadonlyArray<
    Omit<RuleRecord, 'targets' | 'pattern' | 'schedule' | 'arn'> & { targets: TargetRecord[] }
  >;
}

export interface EventBridgeDeps {
  readonly lambda: Pick<LambdaService, 'invoke'>;
  readonly stepFunctions: Pick<StepFunctionsService, 'startExecution'>;
}

/** Creates the local EventBridge service (signing name `events`, awsJson1.1). */
export function createEventBridgeService(ctx: ServiceContext, deps: EventBridgeDeps): EventBridgeService {
  const { clock, accountId } = ctx;
  const timers = new ClockTimers(clock);
  const delivery = new EventDelivery({ ...deps, timers, now: () => clock.now() });
  const buses = new Map<string, BusRecord>();
  const rules = new Map<string, RuleRecord>();
  const journal = new Map<string, EventBridgeEvent[]>();
  let unknownBusMode: UnknownBusMode = 'entry-error';

  const busArn = (region: string, name: string) => `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
  const ruleArn = (region: string, bus: string, name: string) =>
    `arn:aws:events:${region}:${accountId}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${name}`;
  const ruleKey = (region: string, bus: string, name: string) => `${region}/${bus}/${name}`;

  /** The bus a name or ARN refers to; the default bus exists in every region. */
  const findBus = (nameOrArn: string | undefined, region: string): BusRecord | undefined => {
    const arnMatch = nameOrArn === undefined ? null : BUS_ARN.exec(nameOrArn);
    const busRegion = arnMatch?.[1] ?? region;
    const name = arnMatch?.[3] ?? nameOrArn ?? DEFAULT_BUS;
    const existing = buses.get(`${busRegion}/${name}`);
    if (existing || name !== DEFAULT_BUS) return existing;
    const now = clock.now();
    const created: BusRecord = {
      name,
      arn: busArn(busRegion, name),
      region: busRegion,
      creationTime: now,
      lastModifiedTime: now,
    };
    buses.set(`${busRegion}/${name}`, created);
    return created;
  };

  const busOf = (nameOrArn: string | undefined, region: string): BusRecord => {
    const bus = findBus(nameOrArn, region);
    if (!bus) throw new AwsError('ResourceNotFoundException', `Event bus ${nameOrArn} does not exist.`, 400);
    return bus;
  };

  const ruleOf = (name: string, bus: BusRecord): RuleRecord => {
    const rule = rules.get(ruleKey(bus.region, bus.name, name));
    if (!rule) {
      throw new AwsError(
        'ResourceNotFoundException',
        `Rule ${name} does not exist on EventBus ${bus.name}.`,
        400,
      );
    }
    return rule;
  };

  const remember = (bus: BusRecord, event: EventBridgeEvent): void => {
    const events = journal.get(bus.arn) ?? [];
    events.push(event);
    if (events.length > MAX_JOURNAL_EVENTS_PER_BUS) events.shift();
    journal.set(bus.arn, events);
  };

  /** Schedules the delivery of an event to every target of a rule. */
  const deliverToTargets = (rule: RuleRecord, event: EventBridgeEvent): void => {
    for (const target of rule.targets.values()) {
      delivery.schedule(
        event as unknown as Record<string, unknown>,
        { arn: rule.arn, name: rule.name },
        target,
      );
    }
  };

  /** Hands an event to every ENABLED rule of the bus whose pattern matches it. */
  const route = (bus: BusRecord, event: EventBridgeEvent): void => {
    for (const rule of rules.values()) {
      if (
        rule.region !== bus.region ||
        rule.busName !== bus.name ||
        rule.state === 'DISABLED' ||
        !rule.pattern
      )
        continue;
      if (matchesEventPattern(rule.pattern, event)) deliverToTargets(rule, event);
    }
  };

  const fireSchedule = (rule: RuleRecord, at: number): void => {
    const event: EventBridgeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountId,
      time: eventTime(at),
      region: rule.region,
      resources: [rule.arn],
      detail: {},
    };
    remember(busOf(rule.busName, rule.region), event);
    deliverToTargets(rule, event);
  };

  /** Scheduled rules fire on the cloud's clock while it runs, on the default bus. */
  const scheduler = new RuleScheduler<RuleRecord>(clock, timers, fireSchedule);
  const armSchedule = (rule: RuleRecord): void => {
    const key = ruleKey(rule.region, rule.busName, rule.name);
    if (rules.get(key) === rule) scheduler.arm(key, rule);
    else scheduler.disarm(key);
  };

  /** The bus named by a request's `EventBusName` (the default bus when absent). */
  const busFrom = (input: JsonObject, req: CloudRequest): BusRecord =>
    busOf(optionalString(input, 'EventBusName', { min: 1, max: 1600 }), req.region);

  /** The rule named by a request's `Name` (or `Rule`) on its `EventBusName`. */
  const ruleFrom = (input: JsonObject, req: CloudRequest, member: 'Name' | 'Rule' = 'Name'): RuleRecord =>
    ruleOf(requiredString(input, member, { min: 1, max: 64 }), busFrom(input, req));

  const describeRule = (rule: RuleRecord) => ({
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
    ...(rule.scheduleExpression === undefined ? {} : { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    ...(rule.description === undefined ? {} : { Description: rule.description }),
    ...(rule.roleArn === undefined ? {} : { RoleArn: rule.roleArn }),
    EventBusName: rule.busName,
  });

  const describeBus = (bus: BusRecord) => ({
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description === undefined ? {} : { Description: bus.description }),
    CreationTime: epochSeconds(bus.creationTime),
    LastModifiedTime: epochSeconds(bus.lastModifiedTime),
  });

  /** Puts one entry on its bus (or reports why not) and routes it to the bus's rules. */
  const putEventsEntry = (entry: unknown, region: string): Record<string, unknown> => {
    const checked = checkPutEventsEntry(entry);
    if (isEntryFailure(checked)) return { ...checked };
    const bus = findBus(checked.eventBusName, region);
    const id = randomUUID();
    if (!bus) {
      return unknownBusMode === 'accept'
        ? { EventId: id }
        : {
            ErrorCode: 'ResourceNotFoundException',
            ErrorMessage: `Event bus ${checked.eventBusName} does not exist.`,
          };
    }
    const event: EventBridgeEvent = {
      version: '0',
      id,
      'detail-type': checked.detailType,
      source: checked.source,
      account: accountId,
      time: eventTime(checked.timeMs ?? clock.now()),
      region: bus.region,
      resources: checked.resources,
      detail: checked.detail,
    };
    remember(bus, event);
    route(bus, event);
    return { EventId: id };
  };

  const operations: Record<string, JsonOperation> = {
    CreateEventBus(input, req) {
      const name = requiredString(input, 'Name', { min: 1, max: 256 });
      if (!BUS_NAME.test(name))
        throw validationError(
          `Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+`,
        );
      if (findBus(name, req.region)) {
        throw new AwsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`, 400);
      }
      const custom = [...buses.values()].filter(
        (bus) => bus.name !== DEFAULT_BUS && bus.region === req.region,
      );
      if (custom.length >= MAX_CUSTOM_BUSES) {
        throw new AwsError(
          'LimitExceededException',
          'The requested resource exceeds the maximum number allowed.',
          400,
        );
      }
      const now = clock.now();
      const description = optionalString(input, 'Description', { max: 512 });
      const bus: BusRecord = {
        name,
        arn: busArn(req.region, name),
        region: req.region,
        ...(description === undefined ? {} : { description }),
        creationTime: now,
        lastModifiedTime: now,
      };
      buses.set(`${req.region}/${name}`, bus);
      return { EventBusArn: bus.arn, ...(description === undefined ? {} : { Description: description }) };
    },

    DescribeEventBus(input, req) {
      return describeBus(busOf(optionalString(input, 'Name', { min: 1, max: 1600 }), req.region));
    },

    ListEventBuses(input, req) {
      findBus(DEFAULT_BUS, req.region);
      const prefix = optionalString(input, 'NamePrefix') ?? '';
      const all = [...buses.values()]
        .filter((bus) => bus.region === req.region && bus.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, nextToken } = pageOf(all, input);
      return {
        EventBuses: page.map(describeBus),
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      };
    },

    DeleteEventBus(input, req) {
      const name = requiredString(input, 'Name', { min: 1, max: 256 });
      if (name === DEFAULT_BUS)
        throw new AwsError('ValidationException', 'Cannot delete event bus default.', 400);
      const bus = findBus(name, req.region);
      if (!bus) return {};
      for (const [key, rule] of rules) {
        if (rule.region === bus.region && rule.busName === bus.name) {
          rules.delete(key);
          armSchedule(rule);
        }
      }
      buses.delete(`${bus.region}/${bus.name}`);
      return {};
    },

    PutEvents(input, req) {
      const entries = readPutEventsEntries(input);
      if (!fitsPutEventsRequest(entries)) {
        throw new AwsError(
          'ValidationException',
          'Total size of the entries in the request is over the limit.',
          400,
        );
      }
      const results = entries.map((entry: unknown) => putEventsEntry(entry, req.region));
      return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
    },

    PutRule(input, req) {
      const name = requiredString(input, 'Name', { min: 1, max: 64 });
      if (!RULE_NAME.test(name))
        throw validationError(
          `Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
        );
      const bus = busFrom(input, req);
      const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
      const scheduleExpression = optionalString(input, 'ScheduleExpression', { max: 256 });
      if (eventPattern === undefined && scheduleExpression === undefined) {
        throw new AwsError(
          'ValidationException',
          'Parameter(s) EventPattern or ScheduleExpression must be specified.',
          400,
        );
      }
      const pattern = eventPattern === undefined ? undefined : parseEventPattern(eventPattern);
      const schedule =
        scheduleExpression === undefined ? undefined : parseScheduleExpression(scheduleExpression);
      if (schedule && bus.name !== DEFAULT_BUS) {
        throw new AwsError(
          'ValidationException',
          'ScheduleExpression is supported only on the default event bus.',
          400,
        );
      }
      const state = optionalString(input, 'State') ?? 'ENABLED';
      if (!RULE_STATES.includes(state)) {
        throw validationError(
          `Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`,
        );
      }
      const key = ruleKey(bus.region, bus.name, name);
      const existing = rules.get(key);
      if (
        !existing &&
        [...rules.values()].filter((rule) => rule.region === bus.region && rule.busName === bus.name)
          .length >= MAX_RULES_PER_BUS
      ) {
        throw new AwsError(
          'LimitExceededException',
          'The requested resource exceeds the maximum number allowed.',
          400,
        );
      }
      // PutRule replaces the rule: omitted members are not kept (its targets are).
      const rule: RuleRecord = {
        name,
        arn: ruleArn(bus.region, bus.name, name),
        region: bus.region,
        busName: bus.name,
        eventPattern,
        pattern,
        scheduleExpression,
        schedule,
        state,
        description: optionalString(input, 'Description', { max: 512 }),
        roleArn: optionalString(input, 'RoleArn', { min: 1, max: 1600 }),
        scheduleAnchor:
          existing?.scheduleExpression === scheduleExpression
            ? (existing?.scheduleAnchor ?? clock.now())
            : clock.now(),
        targets: existing?.targets ?? new Map(),
      };
      rules.set(key, rule);
      armSchedule(rule);
      return { RuleArn: rule.arn };
    },

    DescribeRule(input, req) {
      return {
        ...describeRule(ruleFrom(input, req)),
        CreatedBy: accountId,
      };
    },

    ListRules(input, req) {
      const bus = busFrom(input, req);
      const prefix = optionalString(input, 'NamePrefix') ?? '';
      const all = [...rules.values()]
        .filter(
          (rule) => rule.region === bus.region && rule.busName === bus.name && rule.name.startsWith(prefix),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      const { page, nextToken } = pageOf(all, input);
      return { Rules: page.map(describeRule), ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },

    DeleteRule(input, req) {
      const bus = busFrom(input, req);
      const name = requiredString(input, 'Name', { min: 1, max: 64 });
      const key = ruleKey(bus.region, bus.name, name);
      const rule = rules.get(key);
      if (!rule) return {};
      if (rule.targets.size > 0) {
        throw new AwsError('ValidationException', "Rule can't be deleted since it has targets.", 400);
      }
      rules.delete(key);
      armSchedule(rule);
      return {};
    },

    EnableRule(input, req) {
      const rule = ruleFrom(input, req);
      if (rule.state === 'DISABLED') rule.scheduleAnchor = clock.now();
      rule.state = 'ENABLED';
      armSchedule(rule);
      return {};
    },

    DisableRule(input, req) {
      const rule = ruleFrom(input, req);
      rule.state = 'DISABLED';
      armSchedule(rule);
      return {};
    },

    PutTargets(input, req) {
      const rule = ruleFrom(input, req, 'Rule');
      const targets = input.Targets;
      if (!Array.isArray(targets) || targets.length === 0) {
        throw validationError(
          "Value null at 'targets' failed to satisfy constraint: Member must not be null",
        );
      }
      const checked = targets.map((target: unknown) => readTarget(target));
      const ids = new Set([...rule.targets.keys(), ...checked.map((target) => target.Id)]);
      if (ids.size > MAX_TARGETS_PER_RULE) {
        throw new AwsError(
          'LimitExceededException',
          'The requested resource exceeds the maximum number allowed.',
          400,
        );
      }
      for (const target of checked) rule.targets.set(target.Id, target);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    ListTargetsByRule(input, req) {
      const rule = ruleFrom(input, req, 'Rule');
      const { page, nextToken } = pageOf([...rule.targets.values()], input);
      return { Targets: page, ...(nextToken === undefined ? {} : { NextToken: nextToken }) };
    },

    RemoveTargets(input, req) {
      const rule = ruleFrom(input, req, 'Rule');
      const ids = input.Ids;
      if (!Array.isArray(ids) || ids.length === 0) {
        throw validationError("Value null at 'ids' failed to satisfy constraint: Member must not be null");
      }
      for (const id of ids) if (typeof id === 'string') rule.targets.delete(id);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },

    TestEventPattern(input) {
      const pattern = parseEventPattern(requiredString(input, 'EventPattern', { max: 4096 }));
      const eventText = requiredString(input, 'Event');
      let event: unknown;
      try {
        event = JSON.parse(eventText);
      } catch {
        throw new AwsError('ValidationException', 'Parameter Event is not valid.', 400);
      }
      // The event must look like an EventBridge event: these fields are mandatory.
      const mandatory = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
      const fields =
        typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : undefined;
      if (
        !fields ||
        mandatory.some((field) => fields[field] === undefined) ||
        !Array.isArray(fields.resources)
      ) {
        throw new AwsError('ValidationException', 'Parameter Event is not valid.', 400);
      }
      return { Result: matchesEventPattern(pattern, event) };
    },
  };

  const listEvents = (
    busName: string,
    region = ctx.defaultRegion,
    detailType?: string,
  ): EventBridgeEvent[] => {
    const bus = findBus(busName, region);
    const events = bus ? (journal.get(bus.arn) ?? []) : [];
    return detailType === undefined
      ? [...events]
      : events.filter((event) => event['detail-type'] === detailType);
  };

  return {
    signingName: 'events',
    ...jsonRpcEndpoints(PROTOCOL, operations),
    events: (busName, region) => listEvents(busName, region),
    deliveries: (rule) => delivery.deliveries(rule),
    control(action, input) {
      const text = (member: string): string | undefined => {
        const value = input[member];
        if (value !== undefined && typeof value !== 'string') {
          throw new AwsError('InvalidParameter', `${member}: expected a string`, 400);
        }
        return value;
      };
      switch (action) {
        case 'duplicate-deliveries':
          if (typeof input.enabled !== 'boolean')
            throw new AwsError('InvalidParameter', 'enabled: expected a boolean', 400);
          delivery.duplicates = input.enabled;
          return { enabled: delivery.duplicates };
        case 'list-events':
          return {
            events: listEvents(text('eventBusName') ?? DEFAULT_BUS, text('region'), text('detailType')),
          };
        case 'list-deliveries':
          return { deliveries: delivery.deliveries(text('rule')) };
        case 'unknown-bus-mode': {
          const mode = text('mode');
          if (mode !== 'entry-error' && mode !== 'accept') {
            throw new AwsError('InvalidParameter', "mode: expected 'entry-error' or 'accept'", 400);
          }
          unknownBusMode = mode;
          return { mode };
        }
        case 'fire-schedule': {
          const name = text('rule');
          if (name === undefined) throw new AwsError('InvalidParameter', 'rule: expected a rule name', 400);
          const rule = ruleOf(name, busOf(DEFAULT_BUS, text('region') ?? ctx.defaultRegion));
          if (!rule.schedule) throw new AwsError('InvalidParameter', `rule ${name} has no schedule`, 400);
          fireSchedule(rule, clock.now());
          return { fired: rule.arn };
        }
        default:
          throw new AwsError(
            'InvalidParameter',
            `no events control action '${action}' (duplicate-deliveries, list-events, list-deliveries, unknown-bus-mode, fire-schedule)`,
            400,
          );
      }
    },
    snapshot: () => ({
      buses: [...buses.values()].map(({ arn: _arn, ...bus }) => bus),
      rules: [...rules.values()].map(
        ({ arn: _arn, pattern: _pattern, schedule: _schedule, targets, ...rule }) => ({
          ...rule,
          targets: [...targets.values()],
        }),
      ),
    }),
    restore(state) {
      const snapshot = (
        typeof state === 'object' && state !== null ? state : {}
      ) as Partial<EventBridgeSnapshot>;
      for (const bus of snapshot.buses ?? []) {
        buses.set(`${bus.region}/${bus.name}`, { ...bus, arn: busArn(bus.region, bus.name) });
      }
      for (const saved of snapshot.rules ?? []) {
        const rule: RuleRecord = {
          ...saved,
          arn: ruleArn(saved.region, saved.busName, saved.name),
          pattern: saved.eventPattern === undefined ? undefined : parseEventPattern(saved.eventPattern),
          schedule:
            saved.scheduleExpression === undefined
              ? undefined
              : parseScheduleExpression(saved.scheduleExpression),
          targets: new Map(saved.targets.map((target) => [target.Id, target])),
        };
        rules.set(ruleKey(rule.region, rule.busName, rule.name), rule);
        armSchedule(rule);
      }
    },
    async close() {
      scheduler.clear();
      timers.clearAll();
    },
  };
}

/** Event `time`: ISO 8601 to the second, as EventBridge writes it. */
function eventTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A PutEvents request's entries, within the model's 1-10 (docs/aws-facts.md, EventBridge). AWS's
 * message also quotes the entries, in Java's notation: the local cloud leaves that out.
 */
function readPutEventsEntries(input: JsonObject): readonly unknown[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null) {
    throw validationError("Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  if (!Array.isArray(entries)) {
    throw new AwsError('SerializationException', "Expected a list for 'Entries'", 400);
  }
  if (entries.length === 0 || entries.length > MAX_PUT_EVENTS_ENTRIES) {
    throw validationError(
      `Value at 'entries' failed to satisfy constraint: Member must have length ${entries.length === 0 ? 'greater than or equal to 1' : `less than or equal to ${MAX_PUT_EVENTS_ENTRIES}`}`,
    );
  }
  return entries;
}

function readTarget(value: unknown): TargetRecord {
  if (typeof value !== 'object' || value === null) {
    throw new AwsError('SerializationException', 'Expected a target object', 400);
  }
  const target = value as Record<string, unknown>;
  const id = target.Id;
  const arn = target.Arn;
  if (typeof id !== 'string' || !RULE_NAME.test(id)) {
    throw validationError(
      `Value '${String(id)}' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  }
  if (typeof arn !== 'string' || arn.length === 0) {
    throw validationError(
      "Value null at 'targets.1.member.arn' failed to satisfy constraint: Member must not be null",
    );
  }
  const inputSpec = readTargetInput(target, id);
  const roleArn = optionalString(target, 'RoleArn', { min: 1, max: 1600 });
  // Starting a state machine needs a role EventBridge can assume.
  if (arn.includes(':states:') && roleArn === undefined) {
    throw new AwsError('ValidationException', `RoleArn is required for target arn ${arn}.`, 400);
  }
  // Other members are kept as given (ListTargetsByRule echoes them); these are kept as read.
  const {
    Input: _input,
    InputPath: _inputPath,
    InputTransformer: _transformer,
    RoleArn: _roleArn,
    ...others
  } = target;
  return {
    ...others,
    Id: id,
    Arn: arn,
    ...(roleArn === undefined ? {} : { RoleArn: roleArn }),
    ...inputSpec,
  };
}

/** One page of a list operation, from its `Limit` and `NextToken`. */
function pageOf<T>(items: readonly T[], input: JsonObject): { page: T[]; nextToken?: string } {
  const limit = optionalInteger(input, 'Limit', 1, MAX_LIST_LIMIT) ?? MAX_LIST_LIMIT;
  return paginate(items, limit, optionalString(input, 'NextToken'), invalidToken);
}

function invalidToken(): AwsError {
  return new AwsError('ValidationException', 'The NextToken provided is invalid.', 400);
}
