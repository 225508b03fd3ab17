import type { Ec2Operation } from './operation-context';
import { describeNetworkInterfaces } from './operations/network-interfaces';
import { describeSecurityGroups } from './operations/security-groups';
import { describeSubnets } from './operations/subnets';
import { createTags, deleteTags, describeTags } from './operations/tags';
import { createVpcEndpoint } from './operations/vpc-endpoint-create';
import { deleteVpcEndpoints } from './operations/vpc-endpoint-delete';
import { describeVpcEndpoints } from './operations/vpc-endpoint-describe';
import { modifyVpcEndpoint } from './operations/vpc-endpoint-modify';
import { describeVpcAttribute, describeVpcs, modifyVpcAttribute } from './operations/vpcs';

/** The EC2 actions the local cloud answers; any other Action fails with InvalidAction. */
export const EC2_OPERATIONS: Readonly<Record<string, Ec2Operation>> = {
  DescribeVpcs: describeVpcs,
  DescribeVpcAttribute: describeVpcAttribute,
  ModifyVpcAttribute: modifyVpcAttribute,
  DescribeSubnets: describeSubnets,
  DescribeSecurityGroups: describeSecurityGroups,
  CreateVpcEndpoint: createVpcEndpoint,
  DescribeVpcEndpoints: describeVpcEndpoints,
  ModifyVpcEndpoint: modifyVpcEndpoint,
  DeleteVpcEndpoints: deleteVpcEndpoints,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
