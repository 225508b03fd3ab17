import type { ApiGatewayOperations, RestApiSummary } from '../../../../../shared/aws/api-gateway';
import { ACCOUNT_ID, REGION } from './step-request';

/** One call the control plane made, in order. */
export interface ApiGatewayCall {
  readonly operation: keyof ApiGatewayOperations;
  readonly args: readonly unknown[];
}

interface FakeRestApi {
  summary: RestApiSummary;
  definition?: Record<string, unknown>;
  readonly deployments: { id: string; description: string }[];
  readonly stages: Map<string, string>;
}

/**
 * How GetRestApi returns a policy that was written as `policy`: API Gateway stores
 * `execute-api:/*` expanded to the API's ARN and returns the JSON with its quotes escaped
 * (AWS-FACTS), so a textual comparison would see drift that is not there.
 */
export function policyAsApiGatewayReturnsIt(policy: string, restApiId: string): string {
  const arn = `arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${restApiId}/`;
  return policy.replaceAll('"execute-api:/', `"${arn}`).replace(/"/g, '\\"');
}

/**
 * An in-memory API Gateway behind the control plane's ApiGatewayOperations: REST APIs with
 * tags, endpoint associations, policies (returned as the service returns them), definitions
 * (PutRestApi overwrite replaces the policy and associations too), deployments and stages. Records every call. `dropAssociations` makes UpdateRestApi answer without
 * applying association changes (as moto does), to exercise the check after it. It has the
 * operations the provisioning steps use; each step's deps (a Pick of ApiGatewayOperations)
 * checks their signatures.
 */
export class FakeApiGateway {
  readonly calls: ApiGatewayCall[] = [];
  readonly apis = new Map<string, FakeRestApi>();
  dropAssociations = false;
  private nextId = 1;

  /** Puts an API in place as if made earlier; returns its id. */
  seedApi(
    input: Partial<Omit<RestApiSummary, 'restApiId'>> & {
      restApiId?: string;
      deployments?: { id: string; description: string }[];
      stages?: Record<string, string>;
    } = {},
  ): string {
    const restApiId = input.restApiId ?? this.newId('a');
    this.apis.set(restApiId, {
      summary: {
        restApiId,
        name: input.name ?? 'seeded',
        ...(input.description ? { description: input.description } : {}),
        endpointTypes: input.endpointTypes ?? ['PRIVATE'],
        vpcEndpointIds: input.vpcEndpointIds ?? [],
        tags: input.tags ?? {},
        policy: input.policy,
      },
      deployments: [...(input.deployments ?? [])],
      stages: new Map(Object.entries(input.stages ?? {})),
    });
    return restApiId;
  }

  /** The API's state, failing the test when it does not exist. */
  api(restApiId: string): FakeRestApi {
    const api = this.apis.get(restApiId);
    if (!api) throw new Error(`fake API Gateway: no API ${restApiId}`);
    return api;
  }

  /** Names of the operations called, in order. */
  operations(): (keyof ApiGatewayOperations)[] {
    return this.calls.map((call) => call.operation);
  }

  async findRestApiByTag(key: string, value: string): Promise<RestApiSummary | undefined> {
    this.record('findRestApiByTag', key, value);
    return [...this.apis.values()].find((api) => api.summary.tags[key] === value)?.summary;
  }

  async countPrivateRestApis(): Promise<number> {
    this.record('countPrivateRestApis');
    return [...this.apis.values()].filter((api) => api.summary.endpointTypes.includes('PRIVATE')).length;
  }

  async getRestApi(restApiId: string): Promise<RestApiSummary | undefined> {
    this.record('getRestApi', restApiId);
    return this.apis.get(restApiId)?.summary;
  }

  async createPrivateRestApi(input: {
    name: string;
    description?: string;
    tags: Record<string, string>;
  }): Promise<RestApiSummary> {
    this.record('createPrivateRestApi', input);
    const restApiId = this.seedApi({
      name: input.name,
      ...(input.description ? { description: input.description } : {}),
      tags: { ...input.tags },
    });
    return this.api(restApiId).summary;
  }

  /**
   * PutRestApi in overwrite mode: the API becomes the definition, its policy and endpoint
   * associations too (cleared when the definition has none), as on AWS.
   */
  async putDefinition(restApiId: string, openApi: Record<string, unknown>): Promise<void> {
    this.record('putDefinition', restApiId, openApi);
    const api = this.api(restApiId);
    const policy: unknown = openApi['x-amazon-apigateway-policy'];
    const endpointConfiguration: unknown = openApi['x-amazon-apigateway-endpoint-configuration'];
    const vpcEndpointIds: unknown =
      typeof endpointConfiguration === 'object' && endpointConfiguration !== null
        ? Reflect.get(endpointConfiguration, 'vpcEndpointIds')
        : undefined;
    api.definition = openApi;
    api.summary = {
      ...api.summary,
      policy:
        policy === undefined ? undefined : policyAsApiGatewayReturnsIt(JSON.stringify(policy), restApiId),
      vpcEndpointIds: Array.isArray(vpcEndpointIds) ? vpcEndpointIds.map(String) : [],
    };
  }

  async updateNameAndDescription(restApiId: string, name: string, description: string): Promise<void> {
    this.record('updateNameAndDescription', restApiId, name, description);
    const api = this.api(restApiId);
    api.summary = { ...api.summary, name, ...(description ? { description } : {}) };
  }

  async replacePolicy(restApiId: string, policy: string): Promise<void> {
    this.record('replacePolicy', restApiId, policy);
    const api = this.api(restApiId);
    api.summary = { ...api.summary, policy: policyAsApiGatewayReturnsIt(policy, restApiId) };
  }

  async addEndpointAssociation(restApiId: string, vpcEndpointId: string): Promise<RestApiSummary> {
    this.record('addEndpointAssociation', restApiId, vpcEndpointId);
    const api = this.api(restApiId);
    if (!this.dropAssociations && !api.summary.vpcEndpointIds.includes(vpcEndpointId)) {
      api.summary = { ...api.summary, vpcEndpointIds: [...api.summary.vpcEndpointIds, vpcEndpointId] };
    }
    return api.summary;
  }

  async removeEndpointAssociation(restApiId: string, vpcEndpointId: string): Promise<void> {
    this.record('removeEndpointAssociation', restApiId, vpcEndpointId);
    const api = this.api(restApiId);
    if (!this.dropAssociations) {
      api.summary = {
        ...api.summary,
        vpcEndpointIds: api.summary.vpcEndpointIds.filter((id) => id !== vpcEndpointId),
      };
    }
  }

  async createDeployment(restApiId: string, stageName: string, description: string): Promise<string> {
    this.record('createDeployment', restApiId, stageName, description);
    const api = this.api(restApiId);
    const id = this.newId('d');
    api.deployments.push({ id, description });
    api.stages.set(stageName, id);
    return id;
  }

  async findDeploymentByDescription(restApiId: string, description: string): Promise<string | undefined> {
    this.record('findDeploymentByDescription', restApiId, description);
    return this.api(restApiId).deployments.find((deployment) => deployment.description === description)?.id;
  }

  async stageDeploymentId(restApiId: string, stageName: string): Promise<string | undefined> {
    this.record('stageDeploymentId', restApiId, stageName);
    return this.api(restApiId).stages.get(stageName);
  }

  async pointStage(
    restApiId: string,
    stageName: string,
    deploymentId: string,
    exists: boolean,
  ): Promise<void> {
    this.record('pointStage', restApiId, stageName, deploymentId, exists);
    const api = this.api(restApiId);
    // UpdateStage on a missing stage is a NotFoundException; CreateStage on an existing one a ConflictException.
    if (exists !== api.stages.has(stageName)) {
      throw Object.assign(new Error(`stage ${stageName} ${exists ? 'not found' : 'already exists'}`), {
        name: exists ? 'NotFoundException' : 'ConflictException',
      });
    }
    api.stages.set(stageName, deploymentId);
  }

  /** DeleteStage; a stage that is already gone is success, as the control plane's operation has it. */
  async deleteStage(restApiId: string, stageName: string): Promise<void> {
    this.record('deleteStage', restApiId, stageName);
    this.api(restApiId).stages.delete(stageName);
  }

  private record(operation: keyof ApiGatewayOperations, ...args: unknown[]): void {
    this.calls.push({ operation, args });
  }

  /** API Gateway ids are 10 lowercase letters and digits. */
  private newId(prefix: string): string {
    const id = `${prefix}${String(this.nextId).padStart(9, '0')}`;
    this.nextId += 1;
    return id;
  }
}
