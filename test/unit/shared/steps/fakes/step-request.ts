import type { StepRequest } from '../../../../../shared/steps/step-input';

/** Region and account of every step test (the local cloud's account id, never a real-looking one). */
export const REGION = 'us-east-1';
export const ACCOUNT_ID = '000000000000';

/** Ids of the consumer VPC the step tests provision into. */
export const NETWORK = {
  vpcId: 'vpc-0f1e2d3c4b5a69781',
  vpcCidr: '10.20.0.0/16',
  subnetA: 'subnet-0a1b2c3d4e5f60001',
  subnetB: 'subnet-0a1b2c3d4e5f60002',
  httpsGroup: 'sg-0a1b2c3d4e5f60443',
  otherVpcId: 'vpc-0f1e2d3c4b5a69782',
} as const;

/** A validated create request as the execution input carries it, with parts overridden. */
export function stepRequest(
  overrides: {
    api?: Partial<StepRequest['api']>;
    network?: Partial<StepRequest['network']>;
    access?: Partial<StepRequest['access']>;
    tags?: Record<string, string>;
  } = {},
): StepRequest {
  return {
    api: { name: 'orders', description: 'Orders API', stageName: 'v1', ...overrides.api },
    network: {
      vpcId: NETWORK.vpcId,
      subnetIds: [NETWORK.subnetA, NETWORK.subnetB],
      securityGroupIds: [NETWORK.httpsGroup],
      privateDns: true,
      ...overrides.network,
    },
    access: {
      allowedVpcIds: [],
      allowedVpcEndpointIds: [],
      associatedVpcEndpointIds: [],
      ...overrides.access,
    },
    tags: overrides.tags ?? { team: 'payments' },
  };
}
