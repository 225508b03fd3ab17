import type { Ec2Operations, EndpointSummary } from '../aws/ec2';
import { VpcEndpointConflictError, VpcEndpointMismatchError } from '../errors';
import { endpointClientToken, MANAGED_BY_VALUE, MANAGED_TAG_KEYS, managedEndpointTags } from '../naming';
import { endpointStateOutcome } from '../polling';
import type { StepRequest } from './step-input';

export interface EnsureEndpointDeps {
  readonly ec2: Pick<Ec2Operations, 'describeEndpoint' | 'findEndpoints' | 'createInterfaceEndpoint'>;
  readonly region: string;
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
              : undefined;
    if (problem) {
      throw new VpcEndpointMismatchError(
        `network.vpcEndpointId ${vpcEndpointId} ${problem}: name an execute-api interface endpoint of ${vpcId}, or leave it out`,
      );
    }
    return { vpcEndpointId, created: false, source: 'request' };
  }

  const findManaged = async () =>
    pickUsable(
      await deps.ec2.findEndpoints({
        vpcId,
        serviceName,
        tagKey: MANAGED_TAG_KEYS.managedBy,
        tagValue: MANAGED_BY_VALUE,
      }),
    );
  const createdBy = (endpoint: EndpointSummary) => endpoint.tags[MANAGED_TAG_KEYS.requestId] === requestId;

  const existing = await findManaged();
  if (existing) {
    return {
      vpcEndpointId: existing.vpcEndpointId,
      created: createdBy(existing),
      source: createdBy(existing) ? 'created' : 'managed',
    };
  }

  try {
    const endpoint = await deps.ec2.createInterfaceEndpoint({
      vpcId,
      serviceName,
      subnetIds,
      securityGroupIds,
      privateDnsEnabled: privateDns,
      clientToken: endpointClientToken({ vpcId, subnetIds, securityGroupIds, privateDns }),
      tags: managedEndpointTags(vpcId, requestId),
    });
    return { vpcEndpointId: endpoint.vpcEndpointId, created: createdBy(endpoint), source: 'created' };
  } catch (error: unknown) {
    // Another request of this VPC may have created the endpoint in the meantime (with other
    // parameters, so another ClientToken): a second private-DNS endpoint then fails. Use theirs.
    const raced = await findManaged();
    if (raced) return { vpcEndpointId: raced.vpcEndpointId, created: false, source: 'managed' };
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
