import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateVpcEndpointCommand, type EC2Client } from '@aws-sdk/client-ec2';

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

export const exampleRequest = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '../../../examples', name), 'utf8'));

/** A team's own execute-api endpoint, made outside the control plane (no private DNS). */
export async function createOwnEndpoint(
  ec2: EC2Client,
  network: { vpcId: string; subnetId: string; securityGroupId: string },
): Promise<string> {
  const { VpcEndpoint } = await ec2.send(
    new CreateVpcEndpointCommand({
      VpcEndpointType: 'Interface',
      VpcId: network.vpcId,
      ServiceName: 'com.amazonaws.us-east-1.execute-api',
      SubnetIds: [network.subnetId],
      SecurityGroupIds: [network.securityGroupId],
      PrivateDnsEnabled: false,
    }),
  );
  return VpcEndpoint?.VpcEndpointId ?? '';
}
