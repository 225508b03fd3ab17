import { optionalString } from '../../../core/aws-json-protocol';
import { optionalEnum, optionalObject, pageOf, readAcceptLanguage, requiredId } from '../input';
import { provisionedProductOf } from '../lookups';
import type { ServiceCatalogContext, ServiceCatalogOperation } from '../operation-context';
import type { ProvisionedProductRecord } from '../records';
import { renderProvisionedProduct, renderProvisionedProductAttribute, renderRecord } from '../render';
import { recordOf } from './provisioning';

const ACCESS_LEVELS = ['Account', 'Role', 'User'] as const;
const SORT_ORDER = ['ASCENDING', 'DESCENDING'] as const;

/** AccessLevelFilter: read for its shape; the local cloud has one caller, who sees everything. */
function readAccessLevelFilter(ctx: ServiceCatalogContext): void {
  const filter = optionalObject(ctx.input, 'AccessLevelFilter');
  if (filter) optionalEnum(filter, 'Key', ACCESS_LEVELS);
}

export const describeProvisionedProduct: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = provisionedProductOf(ctx, 'Id', 'Name');
  return { ProvisionedProductDetail: renderProvisionedProduct(product), CloudWatchDashboards: [] };
};

export const scanProvisionedProducts: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  readAccessLevelFilter(ctx);
  const products = ctx.store.inRegion(ctx.store.provisionedProducts, ctx.region);
  const { page, NextPageToken } = pageOf(ctx.input, products, 20);
  return { ProvisionedProducts: page.map(renderProvisionedProduct), NextPageToken };
};

/** The attributes SearchQuery's `key:value` terms name (the reference's ProvisionedProductFilters). */
function searchableAttributes(
  ctx: ServiceCatalogContext,
  product: ProvisionedProductRecord,
): Record<string, string> {
  const catalogProduct = ctx.store.product(ctx.region, product.productId);
  const artifact = catalogProduct?.artifacts.find((item) => item.id === product.provisioningArtifactId);
  const attributes: Record<string, string | undefined> = {
    arn: product.arn,
    createdTime: new Date(product.createdAt).toISOString(),
    id: product.id,
    lastRecordId: product.lastRecordId,
    idempotencyToken: product.idempotencyToken,
    name: product.name,
    physicalId: product.stackId,
    productId: product.productId,
    provisioningArtifactId: product.provisioningArtifactId,
    type: 'CFN_STACK',
    status: product.status,
    tags: product.tags.map((tag) => `${tag.Key}=${tag.Value}`).join(','),
    userArn: product.userArn,
    userArnSession: product.userArn,
    lastProvisioningRecordId: product.lastProvisioningRecordId,
    lastSuccessfulProvisioningRecordId: product.lastSuccessfulProvisioningRecordId,
    productName: catalogProduct?.name,
    provisioningArtifactName: artifact?.name,
  };
  return Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** One SearchQuery term: `key:value` on that attribute, or a word anywhere. */
function matchesQuery(attributes: Record<string, string>, term: string): boolean {
  const colon = term.indexOf(':');
  const key = colon > 0 ? term.slice(0, colon) : undefined;
  if (key !== undefined && Object.hasOwn(attributes, key)) {
    return (attributes[key] ?? '').toLowerCase().includes(term.slice(colon + 1).toLowerCase());
  }
  return Object.values(attributes).some((value) => value.toLowerCase().includes(term.toLowerCase()));
}

export const searchProvisionedProducts: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  readAccessLevelFilter(ctx);
  const filters = optionalObject(input, 'Filters') ?? {};
  const terms = Array.isArray(filters.SearchQuery) ? filters.SearchQuery.map(String) : [];
  const sortBy = optionalString(input, 'SortBy');
  const sortOrder = optionalEnum(input, 'SortOrder', SORT_ORDER) ?? 'ASCENDING';
  const found = ctx.store
    .inRegion(ctx.store.provisionedProducts, ctx.region)
    .map((product) => ({ product, attributes: searchableAttributes(ctx, product) }))
    .filter(({ attributes }) => terms.every((term) => matchesQuery(attributes, term)));
  if (sortBy !== undefined) {
    found.sort((a, b) => (a.attributes[sortBy] ?? '').localeCompare(b.attributes[sortBy] ?? ''));
  }
  if (sortOrder === 'DESCENDING') found.reverse();
  const { page, NextPageToken } = pageOf(input, found, 100);
  return {
    ProvisionedProducts: page.map(({ product, attributes }) =>
      renderProvisionedProductAttribute(product, {
        productName: attributes.productName,
        artifactName: attributes.provisioningArtifactName,
      }),
    ),
    TotalResultsCount: found.length,
    NextPageToken,
  };
};

export const describeRecord: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const record = recordOf(ctx, requiredId(ctx.input, 'Id'));
  const { page, NextPageToken } = pageOf(ctx.input, record.outputs, 20, 100);
  return { RecordDetail: renderRecord(record), RecordOutputs: page, NextPageToken };
};

/** ListRecordHistory: newest first; SearchFilter `product` or `provisionedproduct` narrows it. */
export const listRecordHistory: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  readAccessLevelFilter(ctx);
  const filter = optionalObject(input, 'SearchFilter');
  const key = filter === undefined ? undefined : optionalString(filter, 'Key');
  const value = filter === undefined ? undefined : optionalString(filter, 'Value');
  const records = ctx.store
    .inRegion(ctx.store.records, ctx.region)
    .filter(
      (record) =>
        value === undefined ||
        (key === 'product' && record.productId === value) ||
        (key === 'provisionedproduct' && record.provisionedProductId === value),
    )
    .reverse();
  const { page, NextPageToken } = pageOf(input, records, 20);
  return { RecordDetails: page.map(renderRecord), NextPageToken };
};
