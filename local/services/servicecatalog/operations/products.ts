import {
  type JsonObject,
  optionalBoolean,
  optionalString,
  requiredString,
} from '../../../core/aws-json-protocol';
import { artifactParameters, newArtifact } from '../artifacts';
import { invalidParameters, resourceInUse, resourceNotFound } from '../errors';
import { catalogId } from '../ids';
import {
  idempotencyToken,
  optionalEnum,
  optionalId,
  optionalObject,
  pageOf,
  readAcceptLanguage,
  readTags,
  requiredEnum,
  requiredId,
} from '../input';
import { launchPathsOf, namedArtifact, portfolioOf, portfoliosHolding, productOf } from '../lookups';
import type { ServiceCatalogContext, ServiceCatalogOperation } from '../operation-context';
import type { ProductRecord } from '../records';
import {
  renderArtifact,
  renderArtifactDetail,
  renderLaunchPath,
  renderProductDetail,
  renderProductView,
} from '../render';

const PRODUCT_TYPES = [
  'CLOUD_FORMATION_TEMPLATE',
  'MARKETPLACE',
  'TERRAFORM_OPEN_SOURCE',
  'TERRAFORM_CLOUD',
  'EXTERNAL',
] as const;
const SORT_BY = ['Title', 'VersionCount', 'CreationDate'] as const;
const SORT_ORDER = ['ASCENDING', 'DESCENDING'] as const;
const FILTER_BY = ['FullTextSearch', 'Owner', 'ProductType', 'SourceProductId'] as const;

const createdProduct = (ctx: ServiceCatalogContext, product: ProductRecord) => ({
  ProductViewDetail: renderProductDetail(product, ctx.accountId),
  ProvisioningArtifactDetail:
    product.artifacts[0] === undefined ? undefined : renderArtifactDetail(product.artifacts[0]),
  Tags: product.tags,
});

export const createProduct: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const name = requiredString(input, 'Name', { max: 8191 });
  const owner = requiredString(input, 'Owner', { max: 8191 });
  const productType = requiredEnum(input, 'ProductType', PRODUCT_TYPES);
  const tags = readTags(input, 'Tags', 20);
  const tokenKey = `CreateProduct/${ctx.region}/${idempotencyToken(input, 'IdempotencyToken')}`;
  const known = ctx.store.tokens.get(tokenKey);
  const earlier = known === undefined ? undefined : ctx.store.product(ctx.region, known);
  if (earlier) return createdProduct(ctx, earlier);
  if (productType !== 'CLOUD_FORMATION_TEMPLATE') {
    throw invalidParameters(`Product type ${productType} is not emulated by the local Service Catalog.`);
  }
  if (input.SourceConnection !== undefined && input.SourceConnection !== null) {
    throw invalidParameters('SourceConnection (CodeStar) is not emulated by the local Service Catalog.');
  }
  const artifactProperties = optionalObject(input, 'ProvisioningArtifactParameters');
  if (!artifactProperties) {
    throw invalidParameters(
      'ProvisioningArtifactParameters is required for a CLOUD_FORMATION_TEMPLATE product.',
    );
  }
  const product: ProductRecord = {
    id: catalogId('prod'),
    viewId: catalogId('prodview'),
    region: ctx.region,
    name,
    owner,
    description: optionalString(input, 'Description', { max: 8191 }),
    distributor: optionalString(input, 'Distributor', { max: 8191 }),
    supportDescription: optionalString(input, 'SupportDescription', { max: 8191 }),
    supportEmail: optionalString(input, 'SupportEmail', { max: 254 }),
    supportUrl: optionalString(input, 'SupportUrl', { max: 2083 }),
    productType,
    createdAt: ctx.clock.now(),
    tags,
    artifacts: [newArtifact(ctx, artifactProperties)],
  };
  ctx.store.products.set(product.id, product);
  ctx.store.tokens.set(tokenKey, product.id);
  return createdProduct(ctx, product);
};

/** DescribeProduct: the end user's view, of a product they may launch. */
export const describeProduct: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, optionalId(ctx.input, 'Id'), optionalString(ctx.input, 'Name'));
  const paths = launchPathsOf(ctx, product.id);
  if (paths.length === 0) throw resourceNotFound(`Product ${product.id} not found.`);
  return {
    ProductViewSummary: renderProductView(product),
    ProvisioningArtifacts: product.artifacts.filter((artifact) => artifact.active).map(renderArtifact),
    Budgets: [],
    LaunchPaths: paths.map(renderLaunchPath),
  };
};

export const describeProductAsAdmin: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  optionalId(ctx.input, 'SourcePortfolioId');
  const product = productOf(ctx, optionalId(ctx.input, 'Id'), optionalString(ctx.input, 'Name'));
  return {
    ProductViewDetail: renderProductDetail(product, ctx.accountId),
    ProvisioningArtifactSummaries: product.artifacts.map((artifact) => ({
      Id: artifact.id,
      Name: artifact.name,
      Description: artifact.description,
      CreatedTime: renderArtifact(artifact).CreatedTime,
    })),
    Tags: product.tags,
    TagOptions: [],
    Budgets: [],
  };
};

/** Filters (FullTextSearch, Owner, ProductType), SortBy and SortOrder of SearchProducts and SearchProductsAsAdmin. */
function searched(ctx: ServiceCatalogContext, products: readonly ProductRecord[]): ProductRecord[] {
  const { input } = ctx;
  const filters = optionalObject(input, 'Filters') ?? {};
  const sortBy = optionalEnum(input, 'SortBy', SORT_BY);
  const sortOrder = optionalEnum(input, 'SortOrder', SORT_ORDER) ?? 'ASCENDING';
  let found = [...products];
  for (const [filterBy, values] of Object.entries(filters)) {
    optionalEnum({ Filters: filterBy }, 'Filters', FILTER_BY);
    const wanted = Array.isArray(values) ? values.map(String) : [];
    if (wanted.length === 0) continue;
    found = found.filter((product) => matchesFilter(product, filterBy, wanted));
  }
  if (sortBy !== undefined) {
    const key = (product: ProductRecord): string | number =>
      sortBy === 'Title'
        ? product.name
        : sortBy === 'VersionCount'
          ? product.artifacts.length
          : product.createdAt;
    found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return sortOrder === 'DESCENDING' ? found.reverse() : found;
}

function matchesFilter(product: ProductRecord, filterBy: string, wanted: readonly string[]): boolean {
  switch (filterBy) {
    case 'FullTextSearch': {
      const text = [product.name, product.owner, product.description, product.distributor, product.id]
        .filter((part): part is string => part !== undefined)
        .join(' ')
        .toLowerCase();
      return wanted.some((word) => text.includes(word.toLowerCase()));
    }
    case 'Owner':
      return wanted.includes(product.owner);
    case 'ProductType':
      return wanted.includes(product.productType);
    default:
      return wanted.includes(product.id);
  }
}

/** SearchProducts: the products the caller may launch (docs/aws-facts.md, Service Catalog). */
export const searchProducts: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const launchable = ctx.store
    .inRegion(ctx.store.products, ctx.region)
    .filter((product) => launchPathsOf(ctx, product.id).length > 0);
  const { page, NextPageToken } = pageOf(ctx.input, searched(ctx, launchable), 100);
  return { ProductViewSummaries: page.map(renderProductView), ProductViewAggregations: {}, NextPageToken };
};

export const searchProductsAsAdmin: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  optionalEnum(ctx.input, 'ProductSource', ['ACCOUNT'] as const);
  const portfolioId = optionalId(ctx.input, 'PortfolioId');
  const portfolio = portfolioId === undefined ? undefined : portfolioOf(ctx, portfolioId);
  const products = ctx.store
    .inRegion(ctx.store.products, ctx.region)
    .filter((product) => portfolio === undefined || portfolio.productIds.includes(product.id));
  const { page, NextPageToken } = pageOf(ctx.input, searched(ctx, products), 20);
  return {
    ProductViewDetails: page.map((product) => renderProductDetail(product, ctx.accountId)),
    NextPageToken,
  };
};

/** AWS: a product associated with a portfolio cannot be deleted (DeleteProduct). */
export const deleteProduct: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'Id'));
  const holders = portfoliosHolding(ctx, product.id);
  if (holders.length > 0) {
    throw resourceInUse(
      `Product ${product.id} is associated with portfolio(s) ${holders.map((portfolio) => portfolio.id).join(', ')}.`,
    );
  }
  ctx.store.products.delete(product.id);
  return {};
};

export const associateProductWithPortfolio: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'ProductId'));
  const portfolio = portfolioOf(ctx, requiredId(ctx.input, 'PortfolioId'));
  optionalId(ctx.input, 'SourcePortfolioId');
  if (!portfolio.productIds.includes(product.id)) portfolio.productIds.push(product.id);
  return {};
};

export const disassociateProductFromPortfolio: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'ProductId'));
  const portfolio = portfolioOf(ctx, requiredId(ctx.input, 'PortfolioId'));
  const constrained = ctx.store
    .inRegion(ctx.store.constraints, ctx.region)
    .some((constraint) => constraint.portfolioId === portfolio.id && constraint.productId === product.id);
  if (constrained) {
    throw resourceInUse(
      `Product ${product.id} has constraints in portfolio ${portfolio.id}: delete them first.`,
    );
  }
  portfolio.productIds = portfolio.productIds.filter((id) => id !== product.id);
  return {};
};

export const createProvisioningArtifact: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const product = productOf(ctx, requiredId(input, 'ProductId'));
  const properties = optionalObject(input, 'Parameters');
  if (!properties) requiredString(input, 'Parameters');
  const tokenKey = `CreateProvisioningArtifact/${product.id}/${idempotencyToken(input, 'IdempotencyToken')}`;
  const known = ctx.store.tokens.get(tokenKey);
  const earlier = product.artifacts.find((artifact) => artifact.id === known);
  const artifact = earlier ?? newArtifact(ctx, properties ?? {});
  if (!earlier) {
    product.artifacts.push(artifact);
    ctx.store.tokens.set(tokenKey, artifact.id);
  }
  // AWS answers CREATING; the version is AVAILABLE at once here (DescribeProvisioningArtifact).
  return {
    ProvisioningArtifactDetail: renderArtifactDetail(artifact),
    Info: artifactInfo(artifact),
    Status: 'CREATING',
  };
};

const artifactInfo = (artifact: { readonly templateUrl: string }) => ({ TemplateUrl: artifact.templateUrl });

export const listProvisioningArtifacts: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'ProductId'));
  return { ProvisioningArtifactDetails: product.artifacts.map(renderArtifactDetail) };
};

export const describeProvisioningArtifact: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const { artifact } = namedArtifact(ctx, input);
  optionalBoolean(input, 'Verbose');
  const withParameters = optionalBoolean(input, 'IncludeProvisioningArtifactParameters') === true;
  const answer: JsonObject = {
    ProvisioningArtifactDetail: renderArtifactDetail(artifact),
    Info: artifactInfo(artifact),
    Status: 'AVAILABLE',
  };
  if (withParameters) answer.ProvisioningArtifactParameters = artifactParameters(artifact);
  return answer;
};
