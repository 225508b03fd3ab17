import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { canonicalJson } from '../request/canonical-json';
import { itemsChangedBefore } from './changed-before';
import {
  type EndpointRecord,
  type LeaseRecord,
  MANAGED_API_STATES,
  type ManagedApiRecord,
  type ManagedApiState,
  OPEN_STATUSES,
  type RequestCaller,
  type RequestError,
  type RequestRecord,
  type RequestStatus,
  type StepEntry,
} from './records';
import { endpointKey, leaseKey, managedApiKey, requestKey, STATUS_TABLE } from './table';

const isConditionFailure = (error: unknown): boolean => error instanceof ConditionalCheckFailedException;

export type ManagedApiFields = Partial<
  Pick<
    ManagedApiRecord,
    | 'state'
    | 'apiId'
    | 'vpcEndpointId'
    | 'stageName'
    | 'invokeUrls'
    | 'desired'
    | 'lastGood'
    | 'associatedEndpointIds'
  >
>;

/** Strips the table's own attributes from an item. */
function fromItem<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, statusKey: _statusKey, stepIds: _stepIds, ...record } = item;
  return record as T;
}

function toEndpointRecord(item: Record<string, unknown> | undefined): EndpointRecord | undefined {
  const record = fromItem<Omit<EndpointRecord, 'users'> & { users?: Set<string> }>(item);
  if (!record) return undefined;
  return { ...record, users: [...(record.users ?? [])].sort() };
}

/** Identifies a step entry: a retried write of the same entry is recognized by it. */
export const stepEntryId = (entry: Pick<StepEntry, 'step' | 'startedAt'>) =>
  `${entry.step}@${entry.startedAt}`;

/** Whether a stored rejection says what this one would: the same apiKey, action and reasons. */
export function sameRejection(
  record: Pick<RequestRecord, 'apiKey' | 'action' | 'reasons'>,
  rejection: { apiKey?: string; action?: string; reasons: readonly { field: string; message: string }[] },
): boolean {
  return (
    record.apiKey === rejection.apiKey &&
    record.action === rejection.action &&
    // DynamoDB keeps no key order in maps: compare canonical forms.
    canonicalJson(record.reasons ?? []) === canonicalJson(rejection.reasons)
  );
}

export interface StatusStore {
  /** Writes an ACCEPTED record unless one exists; returns the existing one when it does. */
  acceptRequest(input: {
    requestId: string;
    apiKey: string;
    action: string;
    requestHash: string;
    caller?: RequestCaller;
    now: string;
  }): Promise<{ created: true } | { created: false; existing: RequestRecord }>;
  /**
   * Writes a REJECTED record unless the request id has one already. True when the record now says
   * this rejection: written now, or by an earlier attempt whose answer was lost (the SDK's retry
   * of the put then fails its condition).
   */
  rejectRequest(input: {
    requestId: string;
    apiKey?: string;
    action?: string;
    /** The hash of a request that parsed but was refused: its redelivery is then a duplicate. */
    requestHash?: string;
    reasons: readonly { field: string; message: string }[];
    caller?: RequestCaller;
    now: string;
  }): Promise<boolean>;
  setExecutionArn(requestId: string, executionArn: string, now: string): Promise<void>;
  /** Marks a step as under way; a no-op once the request is final. */
  startStep(requestId: string, step: string, now: string): Promise<boolean>;
  /**
   * Appends a finished step to the history; a no-op once the request is final, and for an entry
   * (the same step and start) already appended, so that a retried write never appends it twice.
   */
  finishStep(requestId: string, entry: StepEntry): Promise<boolean>;
  /** Moves an open request to SUCCEEDED or FAILED; false when it is final already (a replay). */
  completeRequest(input: {
    requestId: string;
    status: 'SUCCEEDED' | 'FAILED';
    outputs?: Record<string, unknown>;
    error?: RequestError;
    now: string;
  }): Promise<boolean>;
  /**
   * Moves an ACCEPTED request whose workflow never started (no execution ARN) to FAILED; false
   * when it has moved on or has an execution. An execution that starts later finds it final.
   */
  failUnstartedRequest(input: { requestId: string; error: RequestError; now: string }): Promise<boolean>;
  /** Requests in one open status last changed before `before` (ISO time), every page, oldest first. */
  listOpenBefore(status: 'ACCEPTED' | 'IN_PROGRESS', before: string): Promise<RequestRecord[]>;

  getRequest(requestId: string): Promise<RequestRecord | undefined>;
  listRequests(status: RequestStatus, limit?: number): Promise<RequestRecord[]>;
  /**
   * Claims an apiKey for a request: succeeds when the key is new, ended FAILED or DELETED, or is
   * already this request's. Returns the record that holds the key otherwise.
   */
  claimManagedApi(input: {
    apiKey: string;
    requestId: string;
    desired: Record<string, unknown>;
    state: ManagedApiState;
    now: string;
  }): Promise<{ claimed: true } | { claimed: false; holder: ManagedApiRecord | undefined }>;
  /**
   * Reserves the token the API is created with, on behalf of the request that holds the record:
   * the first token reserved stays. Returns the record's token, or undefined when the request no
   * longer holds the record.
   */
  reserveApiCreationToken(
    apiKey: string,
    requestId: string,
    token: string,
    now: string,
  ): Promise<string | undefined>;
  /** Updates the managed-API record on behalf of the request that holds it; false when it no longer does. */
  updateManagedApi(
    apiKey: string,
    requestId: string,
    fields: ManagedApiFields,
    now: string,
  ): Promise<boolean>;
  /**
   * Hands the managed-API record to an update or delete request (after it took the lease):
   * refused when the record is missing, or its state is not among `from` (pass `from` without
   * DELETED to refuse a deleted API). The request that holds the record already may take it again
   * in any state: a retried step.
   */
  takeOverManagedApi(input: {
    apiKey: string;
    requestId: string;
    state: ManagedApiState;
    from: readonly ManagedApiState[];
    now: string;
  }): Promise<
    { taken: true; record: ManagedApiRecord } | { taken: false; record: ManagedApiRecord | undefined }
  >;
  /** Adds an API to an endpoint's users; false while the endpoint is being deleted. */
  registerEndpointUser(input: {
    vpcEndpointId: string;
    vpcId: string;
    apiKey: string;
    createdByControlPlane: boolean;
    createdByRequestId?: string;
    now: string;
  }): Promise<boolean>;
  /** Removes an API from an endpoint's users (idempotent); the record after, if there is one. */
  unregisterEndpointUser(
    vpcEndpointId: string,
    apiKey: string,
    now: string,
  ): Promise<EndpointRecord | undefined>;
  /**
   * Claims an endpoint for deletion: only when the control plane created it and no managed API
   * uses it. A concurrent registration either lands first (and the claim fails) or sees DELETING
   * (and is refused): no transaction needed.
   */
  claimEndpointDeletion(vpcEndpointId: string, now: string): Promise<boolean>;
  markEndpointDeleted(vpcEndpointId: string, now: string): Promise<void>;
  getEndpoint(vpcEndpointId: string): Promise<EndpointRecord | undefined>;
  /** Takes the apiKey's lease unless another request holds an unexpired one. */
  acquireLease(input: {
    apiKey: string;
    requestId: string;
    nowMs: number;
    ttlMs: number;
  }): Promise<{ acquired: true } | { acquired: false; lease: LeaseRecord | undefined }>;
  /** Gives the lease back if this request still holds it. */
  releaseLease(apiKey: string, requestId: string): Promise<boolean>;
  getManagedApi(apiKey: string): Promise<ManagedApiRecord | undefined>;
  listManagedApis(states?: readonly ManagedApiState[]): Promise<ManagedApiRecord[]>;
}

/**
 * The status table behind typed operations. Every write is conditional, so a late or replayed
 * write never moves a record backwards; nothing needs a transaction (dynalite has none, and
 * none is needed: each record moves on its own).
 */
export function createStatusStore(client: DynamoDBDocumentClient, tableName: string): StatusStore {
  const openStatuses = { ':open0': OPEN_STATUSES[0], ':open1': OPEN_STATUSES[1] };
  const whileOpen = '#status IN (:open0, :open1)';

  async function conditional(command: UpdateCommand | PutCommand | DeleteCommand): Promise<boolean> {
    try {
      await client.send(command as UpdateCommand);
      return true;
    } catch (error: unknown) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  const store: StatusStore = {
    async acceptRequest({ requestId, apiKey, action, requestHash, caller, now }) {
      const created = await conditional(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...requestKey(requestId),
            statusKey: 'REQUEST#ACCEPTED',
            requestId,
            apiKey,
            action,
            status: 'ACCEPTED',
            steps: [],
            requestHash,
            ...(caller === undefined ? {} : { caller }),
            createdAt: now,
            updatedAt: now,
            version: 1,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      if (created) return { created: true };
      const existing = await store.getRequest(requestId);
      if (!existing) throw new Error(`request ${requestId} exists but could not be read`);
      return { created: false, existing };
    },

    async rejectRequest({ requestId, apiKey, action, reasons, requestHash, caller, now }) {
      const filed = await conditional(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...requestKey(requestId),
            statusKey: 'REQUEST#REJECTED',
            requestId,
            ...(apiKey === undefined ? {} : { apiKey }),
            ...(action === undefined ? {} : { action }),
            ...(requestHash === undefined ? {} : { requestHash }),
            ...(caller === undefined ? {} : { caller }),
            status: 'REJECTED',
            steps: [],
            reasons,
            createdAt: now,
            updatedAt: now,
            version: 1,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      if (filed) return true;
      const existing = await store.getRequest(requestId);
      return existing?.status === 'REJECTED' && sameRejection(existing, { apiKey, action, reasons });
    },

    async setExecutionArn(requestId, executionArn, now) {
      await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: requestKey(requestId),
          UpdateExpression: 'SET executionArn = :arn, updatedAt = :now ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(executionArn)',
          ExpressionAttributeValues: { ':arn': executionArn, ':now': now, ':one': 1 },
        }),
      );
    },

    startStep(requestId, step, now) {
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: requestKey(requestId),
          UpdateExpression:
            'SET #status = :inProgress, statusKey = :statusKey, currentStep = :step, updatedAt = :now ADD version :one',
          ConditionExpression: whileOpen,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...openStatuses,
            ':inProgress': 'IN_PROGRESS',
            ':statusKey': 'REQUEST#IN_PROGRESS',
            ':step': step,
            ':now': now,
            ':one': 1,
          },
        }),
      );
    },

    finishStep(requestId, entry) {
      const entryId = stepEntryId(entry);
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: requestKey(requestId),
          UpdateExpression:
            'SET steps = list_append(if_not_exists(steps, :empty), :entry), updatedAt = :now ADD version :one, stepIds :entryIds',
          ConditionExpression: `${whileOpen} AND NOT contains(stepIds, :entryId)`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...openStatuses,
            ':empty': [],
            ':entry': [entry],
            ':entryId': entryId,
            ':entryIds': new Set([entryId]),
            ':now': entry.finishedAt,
            ':one': 1,
          },
        }),
      );
    },

    completeRequest({ requestId, status, outputs, error, now }) {
      const sets = ['#status = :status', 'statusKey = :statusKey', 'updatedAt = :now'];
      const values: Record<string, unknown> = {
        ...openStatuses,
        ':status': status,
        ':statusKey': `REQUEST#${status}`,
        ':now': now,
        ':one': 1,
      };
      if (outputs !== undefined) {
        sets.push('outputs = :outputs');
        values[':outputs'] = outputs;
      }
      if (error !== undefined) {
        sets.push('#error = :error');
        values[':error'] = error;
      }
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: requestKey(requestId),
          UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
          ConditionExpression: whileOpen,
          ExpressionAttributeNames: {
            '#status': 'status',
            ...(error === undefined ? {} : { '#error': 'error' }),
          },
          ExpressionAttributeValues: values,
        }),
      );
    },

    failUnstartedRequest({ requestId, error, now }) {
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: requestKey(requestId),
          UpdateExpression:
            'SET #status = :failed, statusKey = :statusKey, #error = :error, updatedAt = :now ADD version :one',
          ConditionExpression: '#status = :accepted AND attribute_not_exists(executionArn)',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':failed': 'FAILED',
            ':accepted': 'ACCEPTED',
            ':statusKey': 'REQUEST#FAILED',
            ':error': error,
            ':now': now,
            ':one': 1,
          },
        }),
      );
    },

    async listOpenBefore(status, before) {
      const items = await itemsChangedBefore(client, tableName, `REQUEST#${status}`, before);
      return items.map((item) => fromItem<RequestRecord>(item)).filter((record) => record !== undefined);
    },

    async getRequest(requestId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: requestKey(requestId), ConsistentRead: true }),
      );
      return fromItem<RequestRecord>(Item);
    },

    async listRequests(status, limit = 100) {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: STATUS_TABLE.byStatusIndex,
          KeyConditionExpression: 'statusKey = :statusKey',
          ExpressionAttributeValues: { ':statusKey': `REQUEST#${status}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => fromItem<RequestRecord>(item)).filter((record) => record !== undefined);
    },

    async claimManagedApi({ apiKey, requestId, desired, state, now }) {
      const claimed = await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: managedApiKey(apiKey),
          // A new life of the apiKey: nothing of a FAILED or DELETED one's API or endpoints carries over.
          UpdateExpression:
            'SET apiKey = :apiKey, #state = :state, statusKey = :statusKey, desired = :desired, lastRequestId = :requestId, createdAt = if_not_exists(createdAt, :now), updatedAt = :now ' +
            'REMOVE apiId, apiCreationToken, vpcEndpointId, associatedEndpointIds, stageName, invokeUrls, lastGood ADD version :one',
          ConditionExpression:
            'attribute_not_exists(pk) OR #state IN (:failed, :deleted) OR lastRequestId = :requestId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':apiKey': apiKey,
            ':state': state,
            ':statusKey': `API#${state}`,
            ':desired': desired,
            ':requestId': requestId,
            ':failed': 'FAILED',
            ':deleted': 'DELETED',
            ':now': now,
            ':one': 1,
          },
        }),
      );
      return claimed ? { claimed: true } : { claimed: false, holder: await store.getManagedApi(apiKey) };
    },

    async reserveApiCreationToken(apiKey, requestId, token, now) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: managedApiKey(apiKey),
            UpdateExpression:
              'SET apiCreationToken = if_not_exists(apiCreationToken, :token), updatedAt = :now',
            ConditionExpression: 'lastRequestId = :requestId',
            ExpressionAttributeValues: { ':token': token, ':requestId': requestId, ':now': now },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const reserved: unknown = Attributes?.apiCreationToken;
        return typeof reserved === 'string' ? reserved : undefined;
      } catch (error: unknown) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    updateManagedApi(apiKey, requestId, fields, now) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':requestId': requestId, ':now': now, ':one': 1 };
      const sets = ['updatedAt = :now'];
      for (const [field, value] of Object.entries(fields)) {
        if (value === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
      if (fields.state !== undefined) {
        sets.push('statusKey = :statusKey');
        values[':statusKey'] = `API#${fields.state}`;
      }
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: managedApiKey(apiKey),
          UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
          ConditionExpression: 'lastRequestId = :requestId',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }),
      );
    },

    async takeOverManagedApi({ apiKey, requestId, state, from, now }) {
      const fromValues = Object.fromEntries(from.map((value, index) => [`:from${index}`, value]));
      const taken = await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: managedApiKey(apiKey),
          UpdateExpression:
            'SET #state = :state, statusKey = :statusKey, lastRequestId = :requestId, updatedAt = :now ADD version :one',
          ConditionExpression: `attribute_exists(pk) AND (lastRequestId = :requestId OR #state IN (${Object.keys(fromValues).join(', ')}))`,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ...fromValues,
            ':state': state,
            ':statusKey': `API#${state}`,
            ':requestId': requestId,
            ':now': now,
            ':one': 1,
          },
        }),
      );
      const record = await store.getManagedApi(apiKey);
      return taken && record ? { taken: true, record } : { taken: false, record };
    },

    registerEndpointUser({ vpcEndpointId, vpcId, apiKey, createdByControlPlane, createdByRequestId, now }) {
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointKey(vpcEndpointId),
          UpdateExpression:
            'SET vpcEndpointId = :id, vpcId = :vpcId, createdByControlPlane = if_not_exists(createdByControlPlane, :created), ' +
            'createdByRequestId = if_not_exists(createdByRequestId, :createdBy), #state = :active, updatedAt = :now ADD #users :user',
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :active',
          ExpressionAttributeNames: { '#state': 'state', '#users': 'users' },
          ExpressionAttributeValues: {
            ':id': vpcEndpointId,
            ':vpcId': vpcId,
            ':created': createdByControlPlane,
            ':createdBy': createdByRequestId ?? '',
            ':active': 'ACTIVE',
            ':now': now,
            ':user': new Set([apiKey]),
          },
        }),
      );
    },

    async unregisterEndpointUser(vpcEndpointId, apiKey, now) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: endpointKey(vpcEndpointId),
            UpdateExpression: 'SET updatedAt = :now DELETE #users :user',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#users': 'users' },
            ExpressionAttributeValues: { ':now': now, ':user': new Set([apiKey]) },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toEndpointRecord(Attributes);
      } catch (error: unknown) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    claimEndpointDeletion(vpcEndpointId, now) {
      return conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointKey(vpcEndpointId),
          UpdateExpression: 'SET #state = :deleting, updatedAt = :now',
          ConditionExpression:
            'createdByControlPlane = :true AND attribute_not_exists(#users) AND #state IN (:active, :deleting)',
          ExpressionAttributeNames: { '#state': 'state', '#users': 'users' },
          ExpressionAttributeValues: {
            ':deleting': 'DELETING',
            ':active': 'ACTIVE',
            ':true': true,
            ':now': now,
          },
        }),
      );
    },

    async markEndpointDeleted(vpcEndpointId, now) {
      await conditional(
        new UpdateCommand({
          TableName: tableName,
          Key: endpointKey(vpcEndpointId),
          UpdateExpression: 'SET #state = :deleted, updatedAt = :now',
          ConditionExpression: '#state = :deleting',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':deleted': 'DELETED', ':deleting': 'DELETING', ':now': now },
        }),
      );
    },

    async getEndpoint(vpcEndpointId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: endpointKey(vpcEndpointId), ConsistentRead: true }),
      );
      return toEndpointRecord(Item);
    },

    async acquireLease({ apiKey, requestId, nowMs, ttlMs }) {
      const acquired = await conditional(
        new PutCommand({
          TableName: tableName,
          Item: { ...leaseKey(apiKey), apiKey, holder: requestId, expiresAt: nowMs + ttlMs },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR holder = :requestId',
          ExpressionAttributeValues: { ':now': nowMs, ':requestId': requestId },
        }),
      );
      if (acquired) return { acquired: true };
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: leaseKey(apiKey), ConsistentRead: true }),
      );
      return { acquired: false, lease: fromItem<LeaseRecord>(Item) };
    },

    releaseLease(apiKey, requestId) {
      return conditional(
        new DeleteCommand({
          TableName: tableName,
          Key: leaseKey(apiKey),
          ConditionExpression: 'holder = :requestId',
          ExpressionAttributeValues: { ':requestId': requestId },
        }),
      );
    },

    async getManagedApi(apiKey) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: managedApiKey(apiKey), ConsistentRead: true }),
      );
      return fromItem<ManagedApiRecord>(Item);
    },

    async listManagedApis(states = MANAGED_API_STATES) {
      const pages = await Promise.all(
        states.map((state) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: STATUS_TABLE.byStatusIndex,
              KeyConditionExpression: 'statusKey = :statusKey',
              ExpressionAttributeValues: { ':statusKey': `API#${state}` },
            }),
          ),
        ),
      );
      return pages
        .flatMap(({ Items = [] }) => Items)
        .map((item) => fromItem<ManagedApiRecord>(item))
        .filter((record) => record !== undefined);
    },
  };
  return store;
}
