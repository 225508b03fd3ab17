import { type APIGatewayClient, GetRestApisCommand, type RestApi } from '@aws-sdk/client-api-gateway';
import { CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { FaultRuleInput } from '../../../local/core/faults';
import { MANAGED_TAG_KEYS } from '../../../shared/naming';

/** Seed ids (local/seed/default-seed.json). */
export const SEED = {
  vpcId: 'vpc-0f1e2d3c4b5a69781',
  subnetA: 'subnet-0a1b2c3d4e5f60001',
  subnetB: 'subnet-0a1b2c3d4e5f60002',
  httpsGroup: 'sg-0a1b2c3d4e5f60443',
  httpOnlyGroup: 'sg-0a1b2c3d4e5f60080',
  noDnsVpcId: 'vpc-0f1e2d3c4b5a69782',
  noDnsSubnet: 'subnet-0b1b2c3d4e5f60001',
  noDnsHttpsGroup: 'sg-0b1b2c3d4e5f60443',
} as const;

/** A valid create request for the seed's consumer VPC, with overrides. */
export function createRequest(
  requestId: string,
  apiKey: string,
  overrides: {
    network?: Record<string, unknown>;
    api?: Record<string, unknown>;
    access?: Record<string, unknown>;
  } = {},
) {
  return {
    requestId,
    action: 'create',
    apiKey,
    api: { name: apiKey, description: `test API ${apiKey}`, stageName: 'v1', ...overrides.api },
    network: {
      vpcId: SEED.vpcId,
      subnetIds: [SEED.subnetA, SEED.subnetB],
      securityGroupIds: [SEED.httpsGroup],
      ...overrides.network,
    },
    ...(overrides.access ? { access: overrides.access } : {}),
    tags: { team: 'tests' },
  };
}

/**
 * The REST APIs the control plane tagged with `apiKey`, read from one page of GetRestApis that must
 * hold them all (a truncated page would let "none left" pass while an API is there).
 */
export async function apisTagged(apiGateway: APIGatewayClient, apiKey: string): Promise<RestApi[]> {
  const { items = [], position } = await apiGateway.send(new GetRestApisCommand({ limit: 500 }));
  if (position !== undefined) throw new Error('apisTagged: more than 500 REST APIs, page through them');
  return items.filter((api) => api.tags?.[MANAGED_TAG_KEYS.apiKey] === apiKey);
}

/** A team's own execute-api endpoint, made outside the control plane (no private DNS), with any tags. */
export async function createOwnEndpoint(
  ec2: EC2Client,
  network: { vpcId: string; subnetId: string; securityGroupId: string },
  tags: Readonly<Record<string, string>> = {},
): Promise<string> {
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface',
      VpcId: network.vpcId,
      ServiceName: 'com.amazonaws.us-east-1.execute-api',
      SubnetIds: [network.subnetId],
      SecurityGroupIds: [network.securityGroupId],
      PrivateDnsEnabled: false,
      ...(Object.keys(tags).length === 0
        ? {}
        : {
            TagSpecifications: [
              {
                ResourceType: 'vpc-endpoint',
                Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
              },
            ],
          }),
    }),
  );
  return VpcEndpoint?.VpcEndpointId ?? '';
}

/** A fault that refuses the next call of an operation for good (a 400 the workflow does not retry). */
export const rejected = (
  service: string,
  operation: string,
  extra: Partial<FaultRuleInput> = {},
): FaultRuleInput => ({
  service,
  operation,
  kind: 'error',
  status: 400,
  errorCode: service === 'ec2' ? 'InvalidParameter' : 'BadRequestException',
  message: `injected ${operation} failure`,
  count: 1,
  ...extra,
});
