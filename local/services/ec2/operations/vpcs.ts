import { AwsError } from '../../../core/aws-error';
import { describeOperation } from '../describe-operation';
import { invalidParameterValue } from '../ec2-errors';
import type { VpcRecord } from '../ec2-records';
import type { FilterSpec } from '../filters';
import { stableHex } from '../ids';
import type { Ec2Operation, OperationContext } from '../operation-context';
import { renderTagSet } from '../render-tags';
import { fragments, itemSet, leaf, node, type Xml } from '../xml';

/** Digits of the generated ids a seed VPC does not name (CIDR association, DHCP options). */
const DERIVED_ID_DIGITS = 17;

const VPC_ATTRIBUTES = [
  'enableDnsSupport',
  'enableDnsHostnames',
  'enableNetworkAddressUsageMetrics',
] as const;
type VpcAttribute = (typeof VPC_ATTRIBUTES)[number];

function vpcFilters(ctx: OperationContext): FilterSpec<VpcRecord> {
  return {
    tagsOf: (vpc) => ctx.store.tagsOf(vpc.vpcId),
    fields: {
      'vpc-id': (vpc) => vpc.vpcId,
      cidr: (vpc) => vpc.cidrBlock,
      'cidr-block-association.cidr-block': (vpc) => vpc.cidrBlock,
      'cidr-block-association.state': () => 'associated',
      'dhcp-options-id': (vpc) => dhcpOptionsIdOf(vpc),
      'is-default': (vpc) => vpc.isDefault,
      'owner-id': () => ctx.accountId,
      state: () => 'available',
    },
  };
}

function dhcpOptionsIdOf(vpc: VpcRecord): string {
  return `dopt-0${stableHex(`dopt:${vpc.region}`, DERIVED_ID_DIGITS - 1)}`;
}

function renderVpc(ctx: OperationContext, vpc: VpcRecord): Xml {
  return fragments(
    leaf('vpcId', vpc.vpcId),
    leaf('ownerId', ctx.accountId),
    leaf('state', 'available'),
    leaf('cidrBlock', vpc.cidrBlock),
    itemSet('cidrBlockAssociationSet', [
      fragments(
        leaf('cidrBlock', vpc.cidrBlock),
        leaf('associationId', `vpc-cidr-assoc-0${stableHex(`assoc:${vpc.vpcId}`, DERIVED_ID_DIGITS - 1)}`),
        node('cidrBlockState', leaf('state', 'associated')),
      ),
    ]),
    itemSet('ipv6CidrBlockAssociationSet', []),
    leaf('dhcpOptionsId', dhcpOptionsIdOf(vpc)),
    leaf('instanceTenancy', 'default'),
    leaf('isDefault', vpc.isDefault),
    node('blockPublicAccessStates', leaf('internetGatewayBlockMode', 'off')),
    renderTagSet(ctx.store.tagsOf(vpc.vpcId)),
  );
}

/** DescribeVpcs: by `VpcId.N` (each must exist) and filters, paged with MaxResults/NextToken. */
export const describeVpcs = describeOperation<VpcRecord>({
  idParam: 'VpcId',
  setName: 'vpcSet',
  all: ({ store, region }) => store.vpcsIn(region),
  byId: ({ store, region }, id) => store.requireVpc(region, id),
  filters: vpcFilters,
  render: renderVpc,
});

function attributeOf(name: string): VpcAttribute {
  const found = VPC_ATTRIBUTES.find((attribute) => attribute === name);
  if (!found)
    throw invalidParameterValue(`Value (${name}) for parameter attribute is invalid. Unknown attribute.`);
  return found;
}

/** DescribeVpcAttribute: one of enableDnsSupport, enableDnsHostnames, enableNetworkAddressUsageMetrics. */
export const describeVpcAttribute: Ec2Operation = ({ store, params, region }) => {
  const attribute = attributeOf(params.required('Attribute'));
  const vpc = store.requireVpc(region, params.required('VpcId'));
  const value =
    attribute === 'enableDnsSupport'
      ? vpc.enableDnsSupport
      : attribute === 'enableDnsHostnames'
        ? vpc.enableDnsHostnames
        : false;
  return fragments(leaf('vpcId', vpc.vpcId), node(attribute, leaf('value', value)));
};

/**
 * ModifyVpcAttribute: exactly one attribute a call, as EC2 insists; `Attr.Value=true|false`.
 * Private DNS on an endpoint depends on the two DNS attributes (checked at endpoint time).
 */
export const modifyVpcAttribute: Ec2Operation = ({ store, params, region }) => {
  const vpc = store.requireVpc(region, params.required('VpcId'));
  const changes: { attribute: VpcAttribute; value: boolean }[] = [];
  for (const attribute of VPC_ATTRIBUTES) {
    const value = params.boolean(`${attribute.charAt(0).toUpperCase()}${attribute.slice(1)}.Value`);
    if (value !== undefined) changes.push({ attribute, value });
  }
  const [change, ...more] = changes;
  if (!change || more.length > 0) {
    throw new AwsError(
      'InvalidParameterCombination',
      change
        ? 'Fields for multiple attribute types specified: only one attribute can be modified at a time.'
        : 'The request must contain exactly one attribute to modify.',
    );
  }
  if (change.attribute === 'enableDnsSupport') vpc.enableDnsSupport = change.value;
  if (change.attribute === 'enableDnsHostnames') vpc.enableDnsHostnames = change.value;
  return leaf('return', true);
};
