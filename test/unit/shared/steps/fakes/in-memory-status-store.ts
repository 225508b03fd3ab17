import {
  type EndpointRecord,
  type LeaseRecord,
  MANAGED_API_STATES,
  type ManagedApiRecord,
  OPEN_STATUSES,
  type RequestRecord,
} from '../../../../../shared/status/records';
import { type StatusStore, sameRejection, stepEntryId } from '../../../../../shared/status/status-store';

/** One call the code under test made, in order. */
export interface StoreCall {
  readonly operation: keyof StatusStore;
  readonly args: readonly unknown[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The status table in memory, with the conditions of createStatusStore's writes: a request
 * record is put only when absent; steps and completion apply only while the request is open
 * (ACCEPTED or IN_PROGRESS); the execution ARN is set once; an apiKey is claimed only when new,
 * FAILED, DELETED or already this request's; a managed API is updated only by the request that
 * holds it, and taken over only from the given states; an endpoint gains users only while
 * ACTIVE and is claimed for deletion only when the control plane made it and nobody uses it; a
 * lease is taken only when free, expired or already held. Records are copied in and out, as a
 * round trip through DynamoDB would. Records every call; `failNext(operation, error)` makes the
 * next call of an operation throw.
 */
export class InMemoryStatusStore implements StatusStore {
  readonly calls: StoreCall[] = [];
  readonly requests = new Map<string, RequestRecord>();
  readonly managedApis = new Map<string, ManagedApiRecord>();
  readonly endpoints = new Map<string, EndpointRecord>();
  readonly leases = new Map<string, LeaseRecord>();
  private readonly failures = new Map<keyof StatusStore, Error>();

  /** The next call of `operation` throws `error` (e.g. a throttled or lost DynamoDB write). */
  failNext(operation: keyof StatusStore, error: Error): void {
    this.failures.set(operation, error);
  }

  /** Names of the operations called, in order. */
  operations(): (keyof StatusStore)[] {
    return this.calls.map((call) => call.operation);
  }

  async acceptRequest(input: Parameters<StatusStore['acceptRequest']>[0]) {
    this.record('acceptRequest', input);
    const existing = this.requests.get(input.requestId);
    if (existing) return { created: false as const, existing: structuredClone(existing) };
    this.requests.set(input.requestId, {
      requestId: input.requestId,
      apiKey: input.apiKey,
      action: input.action,
      status: 'ACCEPTED',
      steps: [],
      requestHash: input.requestHash,
      ...(input.caller === undefined ? {} : { caller: input.caller }),
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    return { created: true as const };
  }

  async rejectRequest(input: Parameters<StatusStore['rejectRequest']>[0]): Promise<boolean> {
    this.record('rejectRequest', input);
    const existing = this.requests.get(input.requestId);
    if (existing) return existing.status === 'REJECTED' && sameRejection(existing, input);
    this.requests.set(input.requestId, {
      requestId: input.requestId,
      ...(input.apiKey === undefined ? {} : { apiKey: input.apiKey }),
      ...(input.action === undefined ? {} : { action: input.action }),
      ...(input.requestHash === undefined ? {} : { requestHash: input.requestHash }),
      ...(input.caller === undefined ? {} : { caller: input.caller }),
      status: 'REJECTED',
      steps: [],
      reasons: structuredClone(input.reasons),
      createdAt: input.now,
      updatedAt: input.now,
      version: 1,
    });
    return true;
  }

  async setExecutionArn(requestId: string, executionArn: string, now: string): Promise<void> {
    this.record('setExecutionArn', requestId, executionArn, now);
    const record = this.requests.get(requestId);
    if (!record || record.executionArn !== undefined) return;
    this.requests.set(requestId, { ...record, executionArn, updatedAt: now, version: record.version + 1 });
  }

  async startStep(requestId: string, step: string, now: string): Promise<boolean> {
    this.record('startStep', requestId, step, now);
    const record = this.openRequest(requestId);
    if (!record) return false;
    this.requests.set(requestId, {
      ...record,
      status: 'IN_PROGRESS',
      currentStep: step,
      updatedAt: now,
      version: record.version + 1,
    });
    return true;
  }

  async finishStep(requestId: string, entry: Parameters<StatusStore['finishStep']>[1]): Promise<boolean> {
    this.record('finishStep', requestId, entry);
    const record = this.openRequest(requestId);
    if (!record || record.steps.some((step) => stepEntryId(step) === stepEntryId(entry))) return false;
    this.requests.set(requestId, {
      ...record,
      steps: [...record.steps, structuredClone(entry)],
      updatedAt: entry.finishedAt,
      version: record.version + 1,
    });
    return true;
  }

  async completeRequest(input: Parameters<StatusStore['completeRequest']>[0]): Promise<boolean> {
    this.record('completeRequest', input);
    const record = this.openRequest(input.requestId);
    if (!record) return false;
    this.requests.set(input.requestId, {
      ...record,
      status: input.status,
      ...(input.outputs === undefined ? {} : { outputs: structuredClone(input.outputs) }),
      ...(input.error === undefined ? {} : { error: structuredClone(input.error) }),
      updatedAt: input.now,
      version: record.version + 1,
    });
    return true;
  }

  async failUnstartedRequest(input: Parameters<StatusStore['failUnstartedRequest']>[0]): Promise<boolean> {
    this.record('failUnstartedRequest', input);
    const record = this.requests.get(input.requestId);
    if (record?.status !== 'ACCEPTED' || record.executionArn !== undefined) return false;
    this.requests.set(input.requestId, {
      ...record,
      status: 'FAILED',
      error: structuredClone(input.error),
      updatedAt: input.now,
      version: record.version + 1,
    });
    return true;
  }

  async listOpenBefore(status: 'ACCEPTED' | 'IN_PROGRESS', before: string): Promise<RequestRecord[]> {
    this.record('listOpenBefore', status, before);
    return [...this.requests.values()]
      .filter((record) => record.status === status && record.updatedAt < before)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .map((record) => structuredClone(record));
  }

  async getRequest(requestId: string): Promise<RequestRecord | undefined> {
    this.record('getRequest', requestId);
    const record = this.requests.get(requestId);
    return record && structuredClone(record);
  }

  async listRequests(status: RequestRecord['status'], limit = 100): Promise<RequestRecord[]> {
    this.record('listRequests', status, limit);
    return [...this.requests.values()]
      .filter((record) => record.status === status)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, limit)
      .map((record) => structuredClone(record));
  }

  async claimManagedApi(input: Parameters<StatusStore['claimManagedApi']>[0]) {
    this.record('claimManagedApi', input);
    const holder = this.managedApis.get(input.apiKey);
    const free =
      !holder ||
      holder.state === 'FAILED' ||
      holder.state === 'DELETED' ||
      holder.lastRequestId === input.requestId;
    if (!free) return { claimed: false as const, holder: structuredClone(holder) };
    const {
      apiId: _apiId,
      apiCreationToken: _apiCreationToken,
      vpcEndpointId: _vpcEndpointId,
      associatedEndpointIds: _associatedEndpointIds,
      stageName: _stageName,
      invokeUrls: _invokeUrls,
      lastGood: _lastGood,
      ...kept
    } = holder ?? {};
    this.managedApis.set(input.apiKey, {
      ...kept,
      apiKey: input.apiKey,
      state: input.state,
      desired: structuredClone(input.desired),
      lastRequestId: input.requestId,
      createdAt: holder?.createdAt ?? input.now,
      updatedAt: input.now,
      version: (holder?.version ?? 0) + 1,
    });
    return { claimed: true as const };
  }

  async reserveApiCreationToken(
    apiKey: string,
    requestId: string,
    token: string,
    now: string,
  ): Promise<string | undefined> {
    this.record('reserveApiCreationToken', apiKey, requestId, token, now);
    const record = this.managedApis.get(apiKey);
    if (record?.lastRequestId !== requestId) return undefined;
    const reserved = record.apiCreationToken ?? token;
    this.managedApis.set(apiKey, { ...record, apiCreationToken: reserved, updatedAt: now });
    return reserved;
  }

  async updateManagedApi(
    apiKey: string,
    requestId: string,
    fields: Parameters<StatusStore['updateManagedApi']>[2],
    now: string,
  ): Promise<boolean> {
    this.record('updateManagedApi', apiKey, requestId, fields, now);
    const record = this.managedApis.get(apiKey);
    if (!record || record.lastRequestId !== requestId) return false;
    const updated: Mutable<ManagedApiRecord> = { ...record, updatedAt: now, version: record.version + 1 };
    for (const [field, value] of Object.entries(structuredClone(fields))) {
      if (value !== undefined) Reflect.set(updated, field, value);
    }
    this.managedApis.set(apiKey, updated);
    return true;
  }

  async takeOverManagedApi(input: Parameters<StatusStore['takeOverManagedApi']>[0]) {
    this.record('takeOverManagedApi', input);
    const record = this.managedApis.get(input.apiKey);
    if (!record || (record.lastRequestId !== input.requestId && !input.from.includes(record.state))) {
      return { taken: false as const, record: record && structuredClone(record) };
    }
    const taken: ManagedApiRecord = {
      ...record,
      state: input.state,
      lastRequestId: input.requestId,
      updatedAt: input.now,
      version: record.version + 1,
    };
    this.managedApis.set(input.apiKey, taken);
    return { taken: true as const, record: structuredClone(taken) };
  }

  async registerEndpointUser(input: Parameters<StatusStore['registerEndpointUser']>[0]): Promise<boolean> {
    this.record('registerEndpointUser', input);
    const record = this.endpoints.get(input.vpcEndpointId);
    if (record && record.state !== 'ACTIVE') return false;
    this.endpoints.set(input.vpcEndpointId, {
      vpcEndpointId: input.vpcEndpointId,
      vpcId: input.vpcId,
      // if_not_exists: the first registration says who made the endpoint.
      createdByControlPlane: record?.createdByControlPlane ?? input.createdByControlPlane,
      createdByRequestId: record?.createdByRequestId ?? input.createdByRequestId ?? '',
      users: [...new Set([...(record?.users ?? []), input.apiKey])].sort(),
      state: 'ACTIVE',
      updatedAt: input.now,
    });
    return true;
  }

  async unregisterEndpointUser(vpcEndpointId: string, apiKey: string, now: string) {
    this.record('unregisterEndpointUser', vpcEndpointId, apiKey, now);
    const record = this.endpoints.get(vpcEndpointId);
    if (!record) return undefined;
    const updated = { ...record, users: record.users.filter((user) => user !== apiKey), updatedAt: now };
    this.endpoints.set(vpcEndpointId, updated);
    return structuredClone(updated);
  }

  async claimEndpointDeletion(vpcEndpointId: string, now: string): Promise<boolean> {
    this.record('claimEndpointDeletion', vpcEndpointId, now);
    const record = this.endpoints.get(vpcEndpointId);
    // A DynamoDB string set cannot be empty: the last user's removal removes the attribute.
    const claimable =
      record?.createdByControlPlane === true &&
      record.users.length === 0 &&
      (record.state === 'ACTIVE' || record.state === 'DELETING');
    if (!record || !claimable) return false;
    this.endpoints.set(vpcEndpointId, { ...record, state: 'DELETING', updatedAt: now });
    return true;
  }

  async markEndpointDeleted(vpcEndpointId: string, now: string): Promise<void> {
    this.record('markEndpointDeleted', vpcEndpointId, now);
    const record = this.endpoints.get(vpcEndpointId);
    if (record?.state === 'DELETING')
      this.endpoints.set(vpcEndpointId, { ...record, state: 'DELETED', updatedAt: now });
  }

  async getEndpoint(vpcEndpointId: string): Promise<EndpointRecord | undefined> {
    this.record('getEndpoint', vpcEndpointId);
    const record = this.endpoints.get(vpcEndpointId);
    return record && structuredClone(record);
  }

  async acquireLease(input: Parameters<StatusStore['acquireLease']>[0]) {
    this.record('acquireLease', input);
    const lease = this.leases.get(input.apiKey);
    if (lease && lease.expiresAt >= input.nowMs && lease.holder !== input.requestId) {
      return { acquired: false as const, lease: structuredClone(lease) };
    }
    this.leases.set(input.apiKey, {
      apiKey: input.apiKey,
      holder: input.requestId,
      expiresAt: input.nowMs + input.ttlMs,
    });
    return { acquired: true as const };
  }

  async releaseLease(apiKey: string, requestId: string): Promise<boolean> {
    this.record('releaseLease', apiKey, requestId);
    if (this.leases.get(apiKey)?.holder !== requestId) return false;
    this.leases.delete(apiKey);
    return true;
  }

  async getManagedApi(apiKey: string): Promise<ManagedApiRecord | undefined> {
    this.record('getManagedApi', apiKey);
    const record = this.managedApis.get(apiKey);
    return record && structuredClone(record);
  }

  async listManagedApis(states = MANAGED_API_STATES): Promise<ManagedApiRecord[]> {
    this.record('listManagedApis', states);
    return [...this.managedApis.values()]
      .filter((record) => states.includes(record.state))
      .map((record) => structuredClone(record));
  }

  private openRequest(requestId: string): RequestRecord | undefined {
    const record = this.requests.get(requestId);
    return record && OPEN_STATUSES.includes(record.status) ? record : undefined;
  }

  private record(operation: keyof StatusStore, ...args: unknown[]): void {
    this.calls.push({ operation, args: structuredClone(args) });
    const failure = this.failures.get(operation);
    if (failure) {
      this.failures.delete(operation);
      throw failure;
    }
  }
}
