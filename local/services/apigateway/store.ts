import { AwsError } from '../../core/aws-error';
import { apiNotFound, deploymentNotFound, resourceNotFound, stageNotFound } from './errors';
import { newApiGatewayId } from './ids';
import type { DeploymentRecord, ResourceRecord, RestApiRecord, StageRecord } from './model';
import { isObject } from './request';

/** The JSON the service writes for `--state FILE` and reads back. */
export interface ApiGatewaySnapshot {
  readonly version: 1;
  readonly seq: number;
  readonly restApis: readonly RestApiRecord[];
}

/**
 * Every REST API of every Region, by id. API Gateway ids are unique across Regions, so one map
 * serves all; a lookup from another Region than the API's answers NotFound, as AWS does.
 */
export class ApiGatewayStore {
  private readonly apis = new Map<string, RestApiRecord>();
  private readonly usedIds = new Set<string>();
  private seq = 0;

  constructor(readonly accountId: string) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** A new 10-character id, unique among every id this store has handed out. */
  newId(): string {
    const id = newApiGatewayId((candidate) => this.usedIds.has(candidate));
    this.usedIds.add(id);
    return id;
  }

  add(api: RestApiRecord): void {
    this.apis.set(api.id, api);
  }

  delete(restApiId: string): void {
    this.apis.delete(restApiId);
  }

  /** Every API in every Region, in creation order. */
  all(): RestApiRecord[] {
    return [...this.apis.values()];
  }

  inRegion(region: string): RestApiRecord[] {
    return this.all().filter((api) => api.region === region);
  }

  /** The API, or NotFoundException "Invalid API identifier specified {account}:{id}". */
  api(region: string, restApiId: string): RestApiRecord {
    const api = this.apis.get(restApiId);
    if (!api || api.region !== region) throw apiNotFound(this.accountId, restApiId);
    return api;
  }

  /** For control actions, which name an API by id alone. */
  apiAnyRegion(restApiId: string): RestApiRecord {
    const api = this.apis.get(restApiId);
    if (!api) throw apiNotFound(this.accountId, restApiId);
    return api;
  }

  snapshot(): ApiGatewaySnapshot {
    return { version: 1, seq: this.seq, restApis: structuredClone(this.all()) };
  }

  restore(state: unknown): void {
    if (!isObject(state) || state.version !== 1 || !Array.isArray(state.restApis)) {
      throw new AwsError('InvalidParameter', 'not an API Gateway snapshot (version 1)', 400);
    }
    this.apis.clear();
    this.usedIds.clear();
    this.seq = typeof state.seq === 'number' ? state.seq : 0;
    for (const candidate of state.restApis) {
      if (!isObject(candidate) || typeof candidate.id !== 'string' || !isObject(candidate.resources)) {
        throw new AwsError('InvalidParameter', 'API Gateway snapshot holds a malformed REST API', 400);
      }
      // Written by snapshot() above: the shape is ours.
      const api = structuredClone(candidate) as unknown as RestApiRecord;
      this.apis.set(api.id, api);
      this.usedIds.add(api.id);
      for (const id of [...Object.keys(api.resources), ...Object.keys(api.deployments)]) this.usedIds.add(id);
    }
  }
}

export function resourceOf(api: RestApiRecord, resourceId: string): ResourceRecord {
  const resource = api.resources[resourceId];
  if (!resource) throw resourceNotFound();
  return resource;
}

export function deploymentOf(api: RestApiRecord, deploymentId: string): DeploymentRecord {
  const deployment = api.deployments[deploymentId];
  if (!deployment) throw deploymentNotFound();
  return deployment;
}

export function stageOf(api: RestApiRecord, stageName: string): StageRecord {
  const stage = api.stages[stageName];
  if (!stage) throw stageNotFound();
  return stage;
}

/** True when any resource of the API has a method (AWS refuses to deploy an API without one). */
export function hasMethods(api: RestApiRecord): boolean {
  return Object.values(api.resources).some((resource) => Object.keys(resource.methods).length > 0);
}
