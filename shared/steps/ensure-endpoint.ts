import type { Ec2Operations, EndpointSummary } from '../aws/ec2';
import { VpcEndpointBusyError, VpcEndpointConflictError, VpcEndpointMismatchError } from '../errors';
import { endpointClientToken, MANAGED_BY_VALUE, MANAGED_TAG_KEYS, managedEndpointTags } from '../naming';
import { endpointStateOutcome } from '../polling';
import type { StepRequest } from './step-input';

export interface EndpointUse {
  readonly vpcEndpointId: string;
  readonly vpcId: string;
  readonly createdByControlPlane: boolean;
  readonly createdByRequestId?: string;
}

export interface EnsureEndpointDeps {
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'findEndpoints' | 'createInterfaceEndpoint'>;
  readonly region: string;
  /** Records the API as a user of the endpoint (registry); false while the endpoint is being deleted. */
  readonly registerUse: (use: EndpointUse) => Promise<boolean>;
}

export interface EnsureEndpointResult {
  readonly vpcEndpointId: string;
  /** True when this request created the endpoint (so undoing the request may delete it). */
  readonly created: boolean;
  readonly source: 'request' | 'managed' | 'created';
}

export const executeApiServiceName = (region: string) => `com.amazonaws.${region}.execute-api`;

/** The oldest usable managed endpoint: several can only exist after a race with other parameters. */
function pickUsable(endpoints: readonly EndpointSummary[]): EndpointSummary | undefined {
  return endpoints
    .filter((endpoint) => endpointStateOutcome(endpoint.state) !== 'failed')
    .sort((a, b) => a.vpcEndpointId.localeCompare(b.vpcEndpointId))[0];
}

/**
 * Ensures the execute-api interface endpoint the API will be reached through: the one the
 * request names (checked: execute-api, Interface, in the VPC), else the managed endpoint the VPC
 * already has (seed 000: one endpoint serves many private APIs), else a new managed one. Safe to
 * run twice: a found endpoint is reused, and creation carries a ClientToken derived from the VPC
 * and parameters, so a retry after a lost answer gets the same endpoint back.
 */
export async function ensureEndpoint(
  requestId: string,
  request: StepRequest,
  deps: EnsureEndpointDeps,
): Promise<EnsureEndpointResult> {
  const chosen = await chooseEndpoint(requestId, request, deps);
  const registered = await deps.registerUse({
    vpcEndpointId: chosen.result.vpcEndpointId,
    vpcId: request.network.vpcId,
    createdByControlPlane: chosen.managed,
    ...(chosen.createdByRequestId ? { createdByRequestId: chosen.createdByRequestId } : {}),
  });
  if (!registered) {
    throw new VpcEndpointBusyError(
      `VPC endpoint ${chosen.result.vpcEndpointId} is being deleted (its last API went away): waiting to make a new one`,
    );
  }
  return chosen.result;
}

interface ChosenEndpoint {
  readonly result: EnsureEndpointResult;
  /** Tagged as managed by the control plane. */
  readonly managed: boolean;
  readonly createdByRequestId?: string;
}

const chosenFrom = (endpoint: EndpointSummary, result: EnsureEndpointResult): ChosenEndpoint => {
  const managed = endpoint.tags[MANAGED_TAG_KEYS.managedBy] === MANAGED_BY_VALUE;
  const createdByRequestId = managed ? endpoint.tags[MANAGED_TAG_KEYS.requestId] : undefined;
  return { result, managed, ...(createdByRequestId ? { createdByRequestId } : {}) };
};

async function chooseEndpoint(
  requestId: string,
  request: StepRequest,
  deps: EnsureEndpointDeps,
): Promise<ChosenEndpoint> {
  const { vpcId, vpcEndpointId, subnetIds, securityGroupIds, privateDns } = request.network;
  const serviceName = executeApiServiceName(deps.region);

  if (vpcEndpointId !== undefined) {
    const endpoint = await deps.ec2.describeEndpoint(vpcEndpointId);
    const problem = !endpoint
      ? 'does not exist'
      : endpoint.serviceName !== serviceName
        ? `is for ${endpoint.serviceName}, not ${serviceName}`
        : endpoint.vpcId !== vpcId
          ? `is in ${endpoint.vpcId}, not in ${vpcId}`
          : endpoint.endpointType.toLowerCase() !== 'interface'
            ? `is a ${endpoint.endpointType} endpoint, not an Interface endpoint`
            : endpointStateOutcome(endpoint.state) === 'failed'
              ? `is ${endpoint.state}`
              : privateDns && !endpoint.privateDnsEnabled
                ? 'has private DNS off while network.privateDns is true (send false, or turn its private DNS on)'
                : undefined;
    if (problem || !endpoint) {
      throw new VpcEndpointMismatchError(
        `network.vpcEndpointId ${vpcEndpointId} ${problem}: name an execute-api interface endpoint of ${vpcId}, or leave it out`,
      );
    }
    return chosenFrom(endpoint, { vpcEndpointId, created: false, source: 'request' });
  }

  const findAllManaged = () =>
    deps.ec2.findEndpoints({ vpcId, serviceName, tags: { [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE } });
  // A private-DNS request needs an endpoint with private DNS: its private name resolves only there.
  const findManaged = async () =>
    pickUsable((await findAllManaged()).filter((endpoint) => !privateDns || endpoint.privateDnsEnabled));
  const createdBy = (endpoint: EndpointSummary) => endpoint.tags[MANAGED_TAG_KEYS.requestId] === requestId;

  const existing = await findManaged();
  if (existing) {
    return chosenFrom(existing, {
      vpcEndpointId: existing.vpcEndpointId,
      created: createdBy(existing),
      source: createdBy(existing) ? 'created' : 'managed',
    });
  }

  const token = endpointClientToken({ vpcId, subnetIds, securityGroupIds, privateDns });
  const create = (clientToken: string) =>
    deps.ec2.createInterfaceEndpoint({
      vpcId,
      serviceName,
      subnetIds,
      securityGroupIds,
      privateDnsEnabled: privateDns,
      clientToken,
      tags: managedEndpointTags(vpcId, requestId),
    });
  const createFresh = () => create(`${token}-${Date.now().toString(36)}`.slice(0, 64));
  try {
    let endpoint = await create(token).catch((error: unknown) => {
      // The token was spent by another request (other tags) on an endpoint deleted since.
      if (error instanceof Error && error.name === 'IdempotentParameterMismatch') return createFresh();
      throw error;
    });
    if (endpointStateOutcome(endpoint.state) === 'failed') {
      // The token still maps to an endpoint deleted earlier (how long a ClientToken stays valid
      // is undocumented: AWS-FACTS): make a new one under a fresh token.
      endpoint = await create(`${token}-${Date.now().toString(36)}`.slice(0, 64));
    }
    return chosenFrom(endpoint, {
      vpcEndpointId: endpoint.vpcEndpointId,
      created: createdBy(endpoint),
      source: 'created',
    });
  } catch (error: unknown) {
    // Another request of this VPC may have created the endpoint in the meantime (with other
    // parameters, so another ClientToken): a second private-DNS endpoint then fails. Use theirs.
    const managed = await findAllManaged();
    const raced = pickUsable(managed);
    if (raced)
      return chosenFrom(raced, { vpcEndpointId: raced.vpcEndpointId, created: false, source: 'managed' });
    // Our previous endpoint of this VPC is still being deleted and holds the private DNS name.
    const deleting = managed.find((endpoint) => endpoint.state.toLowerCase() === 'deleting');
    if (deleting) {
      throw new VpcEndpointBusyError(
        `VPC endpoint ${deleting.vpcEndpointId} of ${vpcId} is still being deleted: waiting to make a new one`,
        { cause: error },
      );
    }
    if (
      error instanceof Error &&
      error.name === 'InvalidParameter' &&
      /conflicting DNS domain/i.test(error.message)
    ) {
      throw new VpcEndpointConflictError(
        `VPC ${vpcId} already has an execute-api endpoint with private DNS that this control plane did not create ` +
          `(${error.message}): pass its id as network.vpcEndpointId to use it`,
        { cause: error },
      );
    }
    throw error;
  }
}
