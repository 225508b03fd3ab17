import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import defaultSeed from '../../local/seed/default-seed.json';

/** A seeded VPC ready for private DNS: both DNS attributes on, two subnets, a group admitting 443. */
export interface SeededVpc {
  readonly vpcId: string;
  readonly cidrBlock: string;
  readonly subnetIds: readonly [string, string];
  readonly httpsGroupId: string;
}

const hex17 = (prefix: number, index: number) =>
  `${prefix.toString(16)}${index.toString(16).padStart(16, '0')}`.slice(-17);

/**
 * Writes a seed file (local/seed's format) holding the default seed and `count` more VPCs, the
 * i-th with CIDR `10.(100 + i).0.0/16` (distinct from each other and from the default seed's),
 * and returns its path with the new VPCs. The local EC2 has no CreateVpc: a test that needs
 * many VPCs seeds them, as an account's VPCs exist before the control plane sees them.
 */
export function writeSeedWithVpcs(count: number): { seedFile: string; vpcs: SeededVpc[] } {
  const vpcs: SeededVpc[] = Array.from({ length: count }, (_, index) => ({
    vpcId: `vpc-${hex17(0xa, index)}`,
    cidrBlock: `10.${100 + index}.0.0/16`,
    subnetIds: [`subnet-${hex17(0xa, index * 2)}`, `subnet-${hex17(0xa, index * 2 + 1)}`],
    httpsGroupId: `sg-${hex17(0xa, index)}`,
  }));
  const seed = {
    vpcs: [
      ...defaultSeed.vpcs,
      ...vpcs.map((vpc, index) => ({
        vpcId: vpc.vpcId,
        region: 'us-east-1',
        cidrBlock: vpc.cidrBlock,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: { Name: `team-${index}-vpc` },
      })),
    ],
    subnets: [
      ...defaultSeed.subnets,
      ...vpcs.flatMap((vpc, index) =>
        vpc.subnetIds.map((subnetId, zone) => ({
          subnetId,
          vpcId: vpc.vpcId,
          cidrBlock: `10.${100 + index}.${zone + 1}.0/24`,
          availabilityZone: `us-east-1${zone === 0 ? 'a' : 'b'}`,
          tags: { Name: `team-${index}-private-${zone === 0 ? 'a' : 'b'}` },
        })),
      ),
    ],
    securityGroups: [
      ...defaultSeed.securityGroups,
      ...vpcs.map((vpc, index) => ({
        groupId: vpc.httpsGroupId,
        vpcId: vpc.vpcId,
        groupName: 'papi-endpoint-https',
        description: 'HTTPS from the VPC to the execute-api endpoint',
        ingress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIps: [vpc.cidrBlock] }],
        tags: { Name: `team-${index}-endpoint-https` },
      })),
    ],
  };
  const seedFile = join(mkdtempSync(join(tmpdir(), 'papi-vpcs-')), 'seed.json');
  writeFileSync(seedFile, JSON.stringify(seed, null, 2));
  return { seedFile, vpcs };
}
