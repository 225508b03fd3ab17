import { z } from 'zod';

/**
 * The shape of a seed file: the network a local cloud starts with (VPCs, subnets, security
 * groups). These are data only; nothing behind them is ever contacted.
 */

/** `vpc-` then 8 or 17 hex digits, as EC2 issues them (17 since 2018). */
const VPC_ID = /^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/;
const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
const GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** An IPv4 CIDR; VPCs and subnets accept /16 to /28 (Amazon VPC quotas). */
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

const ipv4Cidr = z.string().regex(IPV4_CIDR, 'expected an IPv4 CIDR such as 10.20.0.0/16');
const tags = z.record(z.string().min(1).max(128), z.string().max(256)).default({});

export const seedIngressRuleSchema = z.object({
  /** `tcp`, `udp`, `icmp` or `-1` (all traffic). */
  ipProtocol: z.string().min(1),
  fromPort: z.number().int().min(-1).max(65535).optional(),
  toPort: z.number().int().min(-1).max(65535).optional(),
  cidrIps: z.array(ipv4Cidr).default([]),
  /** Source security groups (UserIdGroupPairs). */
  sourceGroupIds: z.array(z.string().regex(GROUP_ID, 'expected a security group id sg-…')).default([]),
  description: z.string().optional(),
});

export const seedVpcSchema = z.object({
  vpcId: z.string().regex(VPC_ID, 'expected a VPC id vpc-0 followed by 16 hex digits'),
  region: z.string().regex(REGION, 'expected a region such as us-east-1').default('us-east-1'),
  cidrBlock: ipv4Cidr,
  enableDnsSupport: z.boolean(),
  enableDnsHostnames: z.boolean(),
  isDefault: z.boolean().default(false),
  tags,
});

export const seedSubnetSchema = z.object({
  subnetId: z.string().regex(SUBNET_ID, 'expected a subnet id subnet-0 followed by 16 hex digits'),
  vpcId: z.string().regex(VPC_ID, 'expected a VPC id'),
  cidrBlock: ipv4Cidr,
  availabilityZone: z.string().min(1),
  /** e.g. use1-az1; derived from the zone name when absent. */
  availabilityZoneId: z.string().optional(),
  tags,
});

export const seedSecurityGroupSchema = z.object({
  groupId: z.string().regex(GROUP_ID, 'expected a security group id sg-0 followed by 16 hex digits'),
  vpcId: z.string().regex(VPC_ID, 'expected a VPC id'),
  groupName: z.string().min(1).max(255),
  description: z.string().min(1).max(255),
  ingress: z.array(seedIngressRuleSchema).default([]),
  tags,
});

export const seedSchema = z
  .object({
    vpcs: z.array(seedVpcSchema).min(1),
    subnets: z.array(seedSubnetSchema).default([]),
    securityGroups: z.array(seedSecurityGroupSchema).default([]),
  })
  .superRefine((seed, ctx) => {
    const vpcs = new Map(seed.vpcs.map((vpc) => [vpc.vpcId, vpc]));
    const ids = new Set<string>();
    const unique = (id: string, path: (string | number)[]) => {
      if (ids.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate id '${id}'` });
      ids.add(id);
    };
    seed.vpcs.forEach((vpc, index) => {
      unique(vpc.vpcId, ['vpcs', index, 'vpcId']);
    });
    seed.subnets.forEach((subnet, index) => {
      unique(subnet.subnetId, ['subnets', index, 'subnetId']);
      const vpc = vpcs.get(subnet.vpcId);
      if (!vpc) {
        ctx.addIssue({
          code: 'custom',
          path: ['subnets', index, 'vpcId'],
          message: `unknown VPC '${subnet.vpcId}'`,
        });
        return;
      }
      if (!cidrContains(vpc.cidrBlock, subnet.cidrBlock)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subnets', index, 'cidrBlock'],
          message: `${subnet.cidrBlock} is not inside the VPC's ${vpc.cidrBlock}`,
        });
      }
      if (
        !subnet.availabilityZone.startsWith(vpc.region) ||
        subnet.availabilityZone.length !== vpc.region.length + 1
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['subnets', index, 'availabilityZone'],
          message: `'${subnet.availabilityZone}' is not a zone of the VPC's region ${vpc.region} (expected e.g. ${vpc.region}a)`,
        });
      }
    });
    seed.securityGroups.forEach((group, index) => {
      unique(group.groupId, ['securityGroups', index, 'groupId']);
      if (!vpcs.has(group.vpcId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['securityGroups', index, 'vpcId'],
          message: `unknown VPC '${group.vpcId}'`,
        });
      }
    });
  });

export type SeedData = z.output<typeof seedSchema>;
export type SeedVpc = SeedData['vpcs'][number];
export type SeedSubnet = SeedData['subnets'][number];
export type SeedSecurityGroup = SeedData['securityGroups'][number];
export type SeedIngressRule = SeedSecurityGroup['ingress'][number];

/** Parses `a.b.c.d/n` into a 32-bit network number and prefix length; undefined when invalid. */
export function parseCidr(cidr: string): { network: number; prefix: number } | undefined {
  const match = IPV4_CIDR.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return undefined;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix };
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  if (!a || !b || b.prefix < a.prefix) return false;
  const size = 2 ** (32 - a.prefix);
  return b.network >= a.network && b.network < a.network + size;
}
