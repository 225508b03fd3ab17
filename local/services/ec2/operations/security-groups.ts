import { describeOperation } from '../describe-operation';
import type { IngressRule, SecurityGroupRecord } from '../ec2-records';
import type { FilterSpec } from '../filters';
import type { OperationContext } from '../operation-context';
import { renderTagSet } from '../render-tags';
import { fragments, itemSet, leaf, type Xml } from '../xml';

/** What EC2 gives every new group: all outbound traffic allowed. */
const DEFAULT_EGRESS: IngressRule = { ipProtocol: '-1', cidrIps: ['0.0.0.0/0'], sourceGroupIds: [] };

function groupFilters(ctx: OperationContext): FilterSpec<SecurityGroupRecord> {
  return {
    tagsOf: (group) => ctx.store.tagsOf(group.groupId),
    fields: {
      'group-id': (group) => group.groupId,
      'group-name': (group) => group.groupName,
      description: (group) => group.description,
      'vpc-id': (group) => group.vpcId,
      'owner-id': () => ctx.accountId,
      'ip-permission.protocol': (group) => group.ingress.map((rule) => rule.ipProtocol),
      'ip-permission.from-port': (group) => group.ingress.map((rule) => String(rule.fromPort ?? '')),
      'ip-permission.to-port': (group) => group.ingress.map((rule) => String(rule.toPort ?? '')),
      'ip-permission.cidr': (group) => group.ingress.flatMap((rule) => rule.cidrIps),
      'ip-permission.group-id': (group) => group.ingress.flatMap((rule) => rule.sourceGroupIds),
    },
  };
}

function renderPermission(ctx: OperationContext, rule: IngressRule): Xml {
  // Protocol -1 (all traffic) carries no ports.
  const allTraffic = rule.ipProtocol === '-1';
  return fragments(
    leaf('ipProtocol', rule.ipProtocol),
    leaf('fromPort', allTraffic ? undefined : rule.fromPort),
    leaf('toPort', allTraffic ? undefined : rule.toPort),
    itemSet(
      'groups',
      rule.sourceGroupIds.map((groupId) =>
        fragments(
          leaf('userId', ctx.accountId),
          leaf('groupId', groupId),
          leaf('description', rule.description),
        ),
      ),
    ),
    itemSet(
      'ipRanges',
      rule.cidrIps.map((cidrIp) => fragments(leaf('cidrIp', cidrIp), leaf('description', rule.description))),
    ),
    itemSet('ipv6Ranges', []),
    itemSet('prefixListIds', []),
  );
}

function renderGroup(ctx: OperationContext, group: SecurityGroupRecord): Xml {
  return fragments(
    leaf('ownerId', ctx.accountId),
    leaf('groupId', group.groupId),
    leaf('groupName', group.groupName),
    leaf('groupDescription', group.description),
    leaf('vpcId', group.vpcId),
    leaf('securityGroupArn', `arn:aws:ec2:${group.region}:${ctx.accountId}:security-group/${group.groupId}`),
    itemSet(
      'ipPermissions',
      group.ingress.map((rule) => renderPermission(ctx, rule)),
    ),
    itemSet('ipPermissionsEgress', [renderPermission(ctx, DEFAULT_EGRESS)]),
    renderTagSet(ctx.store.tagsOf(group.groupId)),
  );
}

/** DescribeSecurityGroups: by `GroupId.N` (each must exist), `GroupName.N` and filters, paged. */
export const describeSecurityGroups = describeOperation<SecurityGroupRecord>({
  idParam: 'GroupId',
  setName: 'securityGroupInfo',
  all: ({ store, region }) => store.securityGroupsIn(region),
  byId: ({ store, region }, id) => store.requireSecurityGroup(region, id),
  narrow: ({ params }, groups) => {
    const names = params.list('GroupName');
    return names.length === 0 ? groups : groups.filter((group) => names.includes(group.groupName));
  },
  filters: groupFilters,
  render: renderGroup,
});
