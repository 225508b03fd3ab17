import {
  assertPrivateDnsAllowed,
  createInterfaces,
  DEFAULT_ENDPOINT_POLICY,
  resolveGroups,
  resolveSubnets,
  validatePolicyDocument,
} from '../endpoint-rules';
import type { Ec2Operation } from '../operation-context';
import { leaf } from '../xml';

/**
 * ModifyVpcEndpoint: add or remove subnets (one network interface each, still one subnet per
 * Availability Zone) and security groups, switch private DNS (same checks as at creation),
 * replace the policy or reset it to full access. The endpoint keeps its state meanwhile.
 */
export const modifyVpcEndpoint: Ec2Operation = ({ store, params, region, now }) => {
  const endpoint = store.requireEndpoint(region, params.required('VpcEndpointId'));
  const vpc = store.requireVpc(region, endpoint.vpcId);

  const removedSubnets = new Set(params.list('RemoveSubnetId'));
  const keptSubnetIds = endpoint.subnetIds.filter((id) => !removedSubnets.has(id));
  const subnets = resolveSubnets(store, region, vpc, [...keptSubnetIds, ...params.list('AddSubnetId')]);

  const removedGroups = new Set(params.list('RemoveSecurityGroupId'));
  const keptGroupIds = endpoint.groupIds.filter((id) => !removedGroups.has(id));
  const groups = resolveGroups(store, region, vpc, [...keptGroupIds, ...params.list('AddSecurityGroupId')]);

  const privateDnsEnabled = params.boolean('PrivateDnsEnabled');
  if (privateDnsEnabled === true && !endpoint.privateDnsEnabled) {
    assertPrivateDnsAllowed(store, vpc, endpoint.serviceName, now, endpoint.vpcEndpointId);
  }
  const policy = params.string('PolicyDocument');
  const policyDocument = params.boolean('ResetPolicy')
    ? DEFAULT_ENDPOINT_POLICY
    : policy === undefined
      ? endpoint.policyDocument
      : validatePolicyDocument(policy);

  // All checks passed: apply.
  const subnetIds = subnets.map((subnet) => subnet.subnetId);
  for (const eni of store.interfacesOf(endpoint.vpcEndpointId)) {
    if (!subnetIds.includes(eni.subnetId)) store.removeInterface(eni.networkInterfaceId);
  }
  const withInterface = new Set(store.interfacesOf(endpoint.vpcEndpointId).map((eni) => eni.subnetId));
  createInterfaces(
    store,
    endpoint,
    subnets.filter((subnet) => !withInterface.has(subnet.subnetId)),
  );
  store.putEndpoint({
    ...endpoint,
    subnetIds,
    groupIds: groups.map((group) => group.groupId),
    privateDnsEnabled: privateDnsEnabled ?? endpoint.privateDnsEnabled,
    policyDocument,
  });
  return leaf('return', true);
};
