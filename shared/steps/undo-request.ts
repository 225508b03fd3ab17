import type { ManagedApiRecord } from '../status/records';
import type { AssociateEndpointDeps } from './associate-endpoint';
import { associateEndpoints } from './associate-endpoint';
import type { AttachPolicyDeps } from './attach-policy';
import { attachPolicy } from './attach-policy';
import type { CreateApiDeps } from './create-api';
import { createApi } from './create-api';
import type { DeployStageDeps } from './deploy-stage';
import { deployStage } from './deploy-stage';
import { ownedApiFrom } from './owned-api';
import type { ReleaseEndpointsDeps } from './release-endpoints';
import { releaseEndpoints } from './release-endpoints';
import type { RemoveApiDeps } from './remove-api';
import { removeApi } from './remove-api';
import { requestSchema, type StepRequest } from './step-input';

export interface UndoRequestDeps extends RemoveApiDeps, ReleaseEndpointsDeps {
  readonly getManagedApi: (apiKey: string) => Promise<ManagedApiRecord | undefined>;
  /** Puts the managed-API record back to ACTIVE on the last good spec after a restored update. */
  readonly markRestored: (apiKey: string, requestId: string, primaryEndpointId: string) => Promise<void>;
  /** The converging steps, for putting a failed update back. */
  readonly converge: {
    readonly createApi: CreateApiDeps;
    readonly attachPolicy: AttachPolicyDeps;
    readonly associate: AssociateEndpointDeps;
    readonly deploy: DeployStageDeps;
  };
}

/**
 * Undoes what a failed request changed.
 * - create: removes, in reverse order, the API this request created, then its use of the
 *   endpoint, deleting the endpoint only when this request created it and nothing else uses it;
 * - update: puts the API back to its last good spec (definition, policy, associations, stage),
 *   and releases the endpoints only the failed update had taken into use;
 * (A failed delete is not undone: the state machine does not come here for one.)
 * Returns what it did, for the record.
 */
export async function undoRequest(
  input: { requestId: string; apiKey: string; action: string; request: StepRequest | null },
  deps: UndoRequestDeps,
): Promise<{ undone: string[] }> {
  if (input.action === 'create') return undoCreate(input, deps);
  if (input.action === 'update') return restoreUpdate(input, deps);
  return { undone: [] };
}

async function undoCreate(input: { requestId: string; apiKey: string }, deps: UndoRequestDeps) {
  const record = await deps.getManagedApi(input.apiKey);
  // Only what this create's own record owns: another request's API is never touched.
  const removed = await removeApi(ownedApiFrom(record, input.requestId), deps);
  const endpoints =
    record?.lastRequestId === input.requestId && record.vpcEndpointId ? [record.vpcEndpointId] : [];
  const released = await releaseEndpoints(
    { apiKey: input.apiKey, vpcEndpointIds: endpoints, onlyIfCreatedBy: input.requestId },
    deps,
  );
  return {
    undone: [
      ...removed.actions,
      ...released.released.map((id) => `released ${id}`),
      ...released.deleted.map((id) => `deleted VPC endpoint ${id}`),
    ],
  };
}

async function restoreUpdate(
  input: { requestId: string; apiKey: string; request: StepRequest | null },
  deps: UndoRequestDeps,
): Promise<{ undone: string[] }> {
  const record = await deps.getManagedApi(input.apiKey);
  // Only an update that took the API over has anything to put back.
  if (!record || record.lastRequestId !== input.requestId || !record.apiId || !record.lastGood)
    return { undone: [] };
  const previous = requestSchema.parse(record.lastGood);
  const previousEndpoints = record.associatedEndpointIds ?? [];
  const [primary, ...associated] = previousEndpoints;
  if (!primary) return { undone: [] };
  const { requestId, apiKey } = input;
  const restApiId = record.apiId;
  const undone: string[] = [];

  await createApi({ requestId, apiKey, request: previous, previous: null }, deps.converge.createApi);
  undone.push(`restored the definition of ${restApiId}`);
  await attachPolicy({ restApiId, vpcEndpointId: primary, request: previous }, deps.converge.attachPolicy);
  undone.push(`restored the resource policy of ${restApiId}`);
  await associateEndpoints(
    { restApiId, primaryEndpointId: primary, associatedEndpointIds: associated },
    deps.converge.associate,
  );
  undone.push(`restored the endpoint associations of ${restApiId}: ${previousEndpoints.join(', ')}`);
  await deployStage(
    {
      requestId,
      restApiId,
      stageName: previous.api.stageName,
      reason: 'restore',
      previousStageName: input.request?.api.stageName ?? null,
    },
    deps.converge.deploy,
  );
  undone.push(`redeployed stage ${previous.api.stageName}`);

  const takenIntoUse = [
    record.vpcEndpointId,
    ...(input.request?.access.associatedVpcEndpointIds ?? []),
  ].filter((id): id is string => id !== undefined && !previousEndpoints.includes(id));
  const released = await releaseEndpoints(
    { apiKey, vpcEndpointIds: takenIntoUse, onlyIfCreatedBy: requestId },
    deps,
  );
  undone.push(
    ...released.released.map((id) => `released ${id}`),
    ...released.deleted.map((id) => `deleted VPC endpoint ${id}`),
  );
  await deps.markRestored(apiKey, requestId, primary);
  return { undone };
}
