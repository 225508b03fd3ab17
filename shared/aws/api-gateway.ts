import {
  type APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
  PutRestApiCommand,
  type RestApi,
  UpdateRestApiCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';

/** GetRestApis' largest page (the API's documented maximum `limit`). */
const REST_APIS_PAGE_SIZE = 500;

export interface RestApiSummary {
  readonly restApiId: string;
  readonly name: string;
  readonly description?: string;
  readonly endpointTypes: readonly string[];
  readonly vpcEndpointIds: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  /** The policy as the service returns it (execute-api:/* expanded, possibly escaped). */
  readonly policy: string | undefined;
  /** Epoch milliseconds of its creation. */
  readonly createdAt?: number;
}

function summarize(api: RestApi): RestApiSummary {
  return {
    restApiId: api.id ?? '',
    name: api.name ?? '',
    ...(api.description ? { description: api.description } : {}),
    endpointTypes: api.endpointConfiguration?.types ?? [],
    vpcEndpointIds: api.endpointConfiguration?.vpcEndpointIds ?? [],
    tags: api.tags ?? {},
    policy: api.policy,
    ...(api.createdDate ? { createdAt: api.createdDate.getTime() } : {}),
  };
}

/** The API Gateway calls the control plane makes, over one SDK client. */
export function apiGatewayOperations(client: APIGatewayClient) {
  async function* allRestApis(): AsyncGenerator<RestApiSummary> {
    let position: string | undefined;
    do {
      const page = await client.send(new GetRestApisCommand({ limit: REST_APIS_PAGE_SIZE, position }));
      for (const api of page.items ?? []) yield summarize(api);
      position = page.position;
    } while (position);
  }

  return {
    /**
     * The earliest created API whose tag `key` has `value` (look before you create: CreateRestApi
     * has no client token). Earliest: a copy of the tag put on another API later never wins.
     */
    async findRestApiByTag(key: string, value: string): Promise<RestApiSummary | undefined> {
      let earliest: RestApiSummary | undefined;
      for await (const api of allRestApis()) {
        if (api.tags[key] !== value) continue;
        if (!earliest || (api.createdAt ?? 0) < (earliest.createdAt ?? 0)) earliest = api;
      }
      return earliest;
    },

    /** How many PRIVATE REST APIs the account has in this Region (quota: 600). */
    async countPrivateRestApis(): Promise<number> {
      let count = 0;
      for await (const api of allRestApis()) if (api.endpointTypes.includes('PRIVATE')) count += 1;
      return count;
    },

    async getRestApi(restApiId: string): Promise<RestApiSummary | undefined> {
      try {
        return summarize(await client.send(new GetRestApiCommand({ restApiId })));
      } catch (error: unknown) {
        if (error instanceof NotFoundException) return undefined;
        throw error;
      }
    },

    async createPrivateRestApi(input: {
      name: string;
      description?: string;
      tags: Record<string, string>;
    }): Promise<RestApiSummary> {
      const api = await client.send(
        new CreateRestApiCommand({
          name: input.name,
          description: input.description,
          endpointConfiguration: { types: ['PRIVATE'] },
          tags: input.tags,
        }),
      );
      return summarize(api);
    },

    /** Replaces the API's resources and methods with an OpenAPI definition (idempotent). */
    async putDefinition(restApiId: string, openApi: Record<string, unknown>): Promise<void> {
      await client.send(
        new PutRestApiCommand({
          restApiId,
          mode: 'overwrite',
          failOnWarnings: true,
          body: new TextEncoder().encode(JSON.stringify(openApi)),
        }),
      );
    },

    /** Renames the API and replaces its description (an empty one removes it). */
    async updateNameAndDescription(restApiId: string, name: string, description: string): Promise<void> {
      await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [
            { op: 'replace', path: '/name', value: name },
            { op: 'replace', path: '/description', value: description },
          ],
        }),
      );
    },

    async replacePolicy(restApiId: string, policy: string): Promise<void> {
      await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [{ op: 'replace', path: '/policy', value: policy }],
        }),
      );
    },

    /** Associates an endpoint: API Gateway then creates the `{api-id}-{vpce-id}` Route 53 alias. */
    async addEndpointAssociation(restApiId: string, vpcEndpointId: string): Promise<RestApiSummary> {
      const api = await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [
            { op: 'add', path: '/endpointConfiguration/vpcEndpointIds', value: vpcEndpointId },
          ],
        }),
      );
      return summarize(api);
    },

    async createDeployment(restApiId: string, stageName: string, description: string): Promise<string> {
      const deployment = await client.send(
        new CreateDeploymentCommand({ restApiId, stageName, description }),
      );
      return deployment.id ?? '';
    },

    /** The id of the API's deployment with this description, if any (descriptions carry the request id). */
    async findDeploymentByDescription(restApiId: string, description: string): Promise<string | undefined> {
      let position: string | undefined;
      do {
        const page = await client.send(new GetDeploymentsCommand({ restApiId, limit: 500, position }));
        const found = page.items?.find((deployment) => deployment.description === description);
        if (found?.id) return found.id;
        position = page.position;
      } while (position);
      return undefined;
    },

    async stageDeploymentId(restApiId: string, stageName: string): Promise<string | undefined> {
      try {
        return (await client.send(new GetStageCommand({ restApiId, stageName }))).deploymentId;
      } catch (error: unknown) {
        if (error instanceof NotFoundException) return undefined;
        throw error;
      }
    },

    /** Removes an endpoint association; API Gateway then removes the `{api-id}-{vpce-id}` alias. */
    async removeEndpointAssociation(restApiId: string, vpcEndpointId: string): Promise<void> {
      await client.send(
        new UpdateRestApiCommand({
          restApiId,
          patchOperations: [
            { op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: vpcEndpointId },
          ],
        }),
      );
    },

    async stageNames(restApiId: string): Promise<string[]> {
      const { item = [] } = await client.send(new GetStagesCommand({ restApiId }));
      return item.map((stage) => stage.stageName ?? '').filter(Boolean);
    },

    async deleteStage(restApiId: string, stageName: string): Promise<void> {
      try {
        await client.send(new DeleteStageCommand({ restApiId, stageName }));
      } catch (error: unknown) {
        if (!(error instanceof NotFoundException)) throw error;
      }
    },

    /** Deletes an API; an API that is already gone is success (DeleteRestApi: 1 per 30 s per account). */
    async deleteRestApi(restApiId: string): Promise<void> {
      try {
        await client.send(new DeleteRestApiCommand({ restApiId }));
      } catch (error: unknown) {
        if (!(error instanceof NotFoundException)) throw error;
      }
    },

    /** Points a stage at a deployment, creating the stage when it does not exist. */
    async pointStage(
      restApiId: string,
      stageName: string,
      deploymentId: string,
      exists: boolean,
    ): Promise<void> {
      if (exists) {
        await client.send(
          new UpdateStageCommand({
            restApiId,
            stageName,
            patchOperations: [{ op: 'replace', path: '/deploymentId', value: deploymentId }],
          }),
        );
      } else {
        await client.send(new CreateStageCommand({ restApiId, stageName, deploymentId }));
      }
    },
  };
}

export type ApiGatewayOperations = ReturnType<typeof apiGatewayOperations>;
