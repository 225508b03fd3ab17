import { applyFilters, type FilterSpec } from './filters';
import type { Ec2Operation, OperationContext } from './operation-context';
import { DEFAULT_PAGE_LIMITS, type PageLimits, paginate } from './paging';
import { fragments, itemSet, leaf, type Xml } from './xml';

/** How one Describe operation finds, filters and renders its resources. */
export interface DescribeSpec<T> {
  /** The id list parameter, e.g. `VpcId` for `VpcId.1`, `VpcId.2`. */
  readonly idParam: string;
  /** The element of the answer's list, e.g. `vpcSet`. */
  readonly setName: string;
  /** Every resource of the call's region, in the order EC2 lists them. */
  readonly all: (ctx: OperationContext) => readonly T[];
  /** One resource by id; throws the service's Malformed/NotFound error. */
  readonly byId: (ctx: OperationContext, id: string) => T;
  readonly filters: (ctx: OperationContext) => FilterSpec<T>;
  readonly render: (ctx: OperationContext, resource: T) => Xml;
  /** Extra narrowing by other parameters (DescribeSecurityGroups' GroupName.N). */
  readonly narrow?: (ctx: OperationContext, resources: readonly T[]) => readonly T[];
  readonly pageLimits?: PageLimits;
}

/**
 * The shape every EC2 Describe call shares: named ids (each must exist: one unknown id fails
 * the whole call), then filters, then MaxResults/NextToken paging, then `<{set}>` and `<nextToken>`.
 */
export function describeOperation<T>(spec: DescribeSpec<T>): Ec2Operation {
  return (ctx) => {
    const ids = [...new Set(ctx.params.list(spec.idParam))];
    const named = ids.length === 0 ? spec.all(ctx) : ids.map((id) => spec.byId(ctx, id));
    const narrowed = spec.narrow ? spec.narrow(ctx, named) : named;
    const filtered = applyFilters(narrowed, ctx.params.filters(), spec.filters(ctx));
    const page = paginate(
      filtered,
      ctx.params.integer('MaxResults'),
      ctx.params.string('NextToken'),
      spec.pageLimits ?? DEFAULT_PAGE_LIMITS,
    );
    return fragments(
      itemSet(
        spec.setName,
        page.items.map((resource) => spec.render(ctx, resource)),
      ),
      leaf('nextToken', page.nextToken),
    );
  };
}
