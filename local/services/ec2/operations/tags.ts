import { AwsError } from '../../../core/aws-error';
import { missingParameter } from '../ec2-errors';
import type { Ec2Store } from '../ec2-store';
import { applyFilters } from '../filters';
import type { Ec2Operation } from '../operation-context';
import { paginate } from '../paging';
import { assertTagLimit, validateTags } from '../tag-rules';
import { fragments, itemSet, leaf } from '../xml';

/** Taggable resource types of the local cloud, by id prefix, with the lookup that proves existence. */
const RESOURCE_TYPES: ReadonlyArray<{
  readonly prefix: string;
  readonly type: string;
  readonly require: (store: Ec2Store, region: string, id: string) => unknown;
}> = [
  {
    prefix: 'vpce-',
    type: 'vpc-endpoint',
    require: (store, region, id) => store.requireEndpoint(region, id),
  },
  { prefix: 'vpc-', type: 'vpc', require: (store, region, id) => store.requireVpc(region, id) },
  { prefix: 'subnet-', type: 'subnet', require: (store, region, id) => store.requireSubnet(region, id) },
  {
    prefix: 'sg-',
    type: 'security-group',
    require: (store, region, id) => store.requireSecurityGroup(region, id),
  },
  {
    prefix: 'eni-',
    type: 'network-interface',
    require: (store, region, id) => store.requireInterface(region, id),
  },
];

function resourceTypeOf(resourceId: string) {
  return RESOURCE_TYPES.find((candidate) => resourceId.startsWith(candidate.prefix));
}

/** The resource ids of a CreateTags/DeleteTags call; each must exist in the region. */
function requireResources(store: Ec2Store, region: string, resourceIds: readonly string[]): void {
  if (resourceIds.length === 0) throw missingParameter('ResourceId');
  for (const id of resourceIds) {
    const type = resourceTypeOf(id);
    if (!type) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
    type.require(store, region, id);
  }
}

/** CreateTags: adds or overwrites tags on existing resources (50 at most a resource). */
export const createTags: Ec2Operation = ({ store, params, region }) => {
  const resourceIds = params.list('ResourceId');
  requireResources(store, region, resourceIds);
  const tagInputs = params.tags('Tag');
  if (tagInputs.length === 0) throw missingParameter('Tag');
  const tags = validateTags(tagInputs);
  for (const id of resourceIds) assertTagLimit(store.tagsOf(id), tags);
  for (const id of resourceIds) store.setTags(id, tags);
  return leaf('return', true);
};

/** DeleteTags: by key, or key and value; with no Tag.N every tag of the resources goes. */
export const deleteTags: Ec2Operation = ({ store, params, region }) => {
  const resourceIds = params.list('ResourceId');
  requireResources(store, region, resourceIds);
  const tags = params.tags('Tag');
  for (const id of resourceIds) store.deleteTags(id, tags.length === 0 ? undefined : tags);
  return leaf('return', true);
};

interface TagDescription {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly key: string;
  readonly value: string;
}

/** DescribeTags: every tag of the region's resources, filtered by resource-id, resource-type, key, value. */
export const describeTags: Ec2Operation = ({ store, params, region }) => {
  const descriptions: TagDescription[] = [];
  for (const [resourceId, tags] of store.taggedResources()) {
    const type = resourceTypeOf(resourceId);
    if (!type) continue;
    try {
      type.require(store, region, resourceId);
    } catch {
      continue; // another region's resource
    }
    for (const [key, value] of tags) descriptions.push({ resourceId, resourceType: type.type, key, value });
  }
  descriptions.sort((a, b) => a.resourceId.localeCompare(b.resourceId) || a.key.localeCompare(b.key));
  const filtered = applyFilters(descriptions, params.filters(), {
    fields: {
      'resource-id': (tag) => tag.resourceId,
      'resource-type': (tag) => tag.resourceType,
      key: (tag) => tag.key,
      value: (tag) => tag.value,
    },
  });
  const page = paginate(filtered, params.integer('MaxResults'), params.string('NextToken'));
  return fragments(
    itemSet(
      'tagSet',
      page.items.map((tag) =>
        fragments(
          leaf('resourceId', tag.resourceId),
          leaf('resourceType', tag.resourceType),
          leaf('key', tag.key),
          leaf('value', tag.value),
        ),
      ),
    ),
    leaf('nextToken', page.nextToken),
  );
};
