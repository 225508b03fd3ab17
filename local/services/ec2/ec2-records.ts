import { z } from 'zod';

/**
 * What the local EC2 stores: plain, JSON-serialisable records (the `--state` file holds them
 * as they are). Region is part of every record: EC2 resources live in one region and are not
 * found from another.
 */

export const vpcRecordSchema = z.object({
  vpcId: z.string(),
  region: z.string(),
  cidrBlock: z.string(),
  enableDnsSupport: z.boolean(),
  enableDnsHostnames: z.boolean(),
  isDefault: z.boolean(),
});

export const subnetRecordSchema = z.object({
  subnetId: z.string(),
  vpcId: z.string(),
  region: z.string(),
  cidrBlock: z.string(),
  availabilityZone: z.string(),
  availabilityZoneId: z.string(),
});

export const ingressRuleSchema = z.object({
  ipProtocol: z.string(),
  fromPort: z.number().optional(),
  toPort: z.number().optional(),
  cidrIps: z.array(z.string()),
  sourceGroupIds: z.array(z.string()),
  description: z.string().optional(),
});

export const securityGroupRecordSchema = z.object({
  groupId: z.string(),
  vpcId: z.string(),
  region: z.string(),
  groupName: z.string(),
  description: z.string(),
  ingress: z.array(ingressRuleSchema),
});

export const vpcEndpointRecordSchema = z.object({
  vpcEndpointId: z.string(),
  region: z.string(),
  vpcId: z.string(),
  serviceName: z.string(),
  vpcEndpointType: z.literal('Interface'),
  /** Kept in Availability Zone order: the order of ENIs, zonal DNS names and view IPs. */
  subnetIds: z.array(z.string()),
  groupIds: z.array(z.string()),
  privateDnsEnabled: z.boolean(),
  policyDocument: z.string(),
  /** The 8 characters after the id in the endpoint's DNS names. */
  dnsSuffix: z.string(),
  /** The private hosted zone Route 53 reports once private DNS is in place. */
  privateHostedZoneId: z.string(),
  createdAtMs: z.number(),
  /** Simulated time at which `pending` turns `available` (unless held or forced). */
  availableAtMs: z.number(),
  /** Held `pending` by the control API until released. */
  held: z.boolean(),
  /** A state forced by the control API (failed, rejected, …), overriding the clock. */
  forcedState: z.string().optional(),
  /** When DeleteVpcEndpoints took it; it shows `deleting`, then disappears. */
  deletingSinceMs: z.number().optional(),
});

export const networkInterfaceRecordSchema = z.object({
  networkInterfaceId: z.string(),
  region: z.string(),
  vpcId: z.string(),
  subnetId: z.string(),
  availabilityZone: z.string(),
  availabilityZoneId: z.string(),
  privateIpAddress: z.string(),
  macAddress: z.string(),
  vpcEndpointId: z.string(),
});

export const clientTokenRecordSchema = z.object({
  fingerprint: z.string(),
  vpcEndpointId: z.string(),
});

export const ec2SnapshotSchema = z.object({
  version: z.literal(1),
  vpcs: z.array(vpcRecordSchema),
  subnets: z.array(subnetRecordSchema),
  securityGroups: z.array(securityGroupRecordSchema),
  vpcEndpoints: z.array(vpcEndpointRecordSchema),
  networkInterfaces: z.array(networkInterfaceRecordSchema),
  /** Tags by resource id, in insertion order. */
  tags: z.record(z.string(), z.record(z.string(), z.string())),
  /** `{region}/{clientToken}` → the endpoint that token created. */
  clientTokens: z.record(z.string(), clientTokenRecordSchema),
});

export type VpcRecord = z.infer<typeof vpcRecordSchema>;
export type SubnetRecord = z.infer<typeof subnetRecordSchema>;
export type IngressRule = z.infer<typeof ingressRuleSchema>;
export type SecurityGroupRecord = z.infer<typeof securityGroupRecordSchema>;
export type VpcEndpointRecord = z.infer<typeof vpcEndpointRecordSchema>;
export type NetworkInterfaceRecord = z.infer<typeof networkInterfaceRecordSchema>;
export type ClientTokenRecord = z.infer<typeof clientTokenRecordSchema>;
export type Ec2Snapshot = z.infer<typeof ec2SnapshotSchema>;
