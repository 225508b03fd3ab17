import { describeOperation } from '../describe-operation';
import type { VpcEndpointRecord } from '../ec2-records';
import { endpointStateAt } from '../endpoint-lifecycle';
import type { FilterSpec } from '../filters';
import type { OperationContext } from '../operation-context';
import { renderVpcEndpoint } from '../render-vpc-endpoint';

/** DescribeVpcEndpoints accepts any MaxResults and caps pages at 1,000 items. */
const ENDPOINT_PAGE_LIMITS = { min: 1, max: 1000 };

function endpointFilters(ctx: OperationContext): FilterSpec<VpcEndpointRecord> {
  return {
    tagsOf: (endpoint) => ctx.store.tagsOf(endpoint.vpcEndpointId),
    fields: {
      'vpc-endpoint-id': (endpoint) => endpoint.vpcEndpointId,
      'vpc-id': (endpoint) => endpoint.vpcId,
      'service-name': (endpoint) => endpoint.serviceName,
      'service-region': (endpoint) => endpoint.region,
      'vpc-endpoint-state': (endpoint) => endpointStateAt(endpoint, ctx.now),
      'vpc-endpoint-type': (endpoint) => endpoint.vpcEndpointType,
      'ip-address-type': () => 'ipv4',
    },
  };
}

/**
 * DescribeVpcEndpoints: by `VpcEndpointId.N` (an unknown id fails the whole call with
 * InvalidVpcEndpointId.NotFound) and filters, oldest first, paged with MaxResults/NextToken.
 * States are computed from the simulated clock at the moment of the call.
 */
export const describeVpcEndpoints = describeOperation<VpcEndpointRecord>({
  idParam: 'VpcEndpointId',
  setName: 'vpcEndpointSet',
  all: ({ store, region }) => store.endpointsIn(region).sort((a, b) => a.createdAtMs - b.createdAtMs),
  byId: ({ store, region }, id) => store.requireEndpoint(region, id),
  filters: endpointFilters,
  render: (ctx, endpoint) => renderVpcEndpoint(ctx.store, endpoint, ctx.now, ctx.accountId),
  pageLimits: ENDPOINT_PAGE_LIMITS,
});
