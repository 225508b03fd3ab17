import { type JsonObject, optionalString } from '../../core/aws-json-protocol';
import { invalidParameters, noLaunchPaths, resourceNotFound } from './errors';
import { launchPathIdOf } from './ids';
import { optionalId } from './input';
import type { ServiceCatalogContext } from './operation-context';
import type {
  ArtifactRecord,
  ConstraintRecord,
  PortfolioRecord,
  ProductRecord,
  ProvisionedProductRecord,
} from './records';

/** The portfolio an id names, or ResourceNotFoundException. */
export function portfolioOf(ctx: ServiceCatalogContext, portfolioId: string): PortfolioRecord {
  const portfolio = ctx.store.portfolio(ctx.region, portfolioId);
  if (!portfolio) throw resourceNotFound(`Portfolio ${portfolioId} not found.`);
  return portfolio;
}

/** The product an id or a name names (exactly one of them), or ResourceNotFoundException. */
export function productOf(ctx: ServiceCatalogContext, id: string | undefined, name?: string): ProductRecord {
  if (id !== undefined && name !== undefined) {
    throw invalidParameters('Specify the product by its Id or its Name, not both.');
  }
  if (id !== undefined) {
    const product = ctx.store.product(ctx.region, id);
    if (!product) throw resourceNotFound(`Product ${id} not found.`);
    return product;
  }
  if (name !== undefined) {
    const product = ctx.store.inRegion(ctx.store.products, ctx.region).find((item) => item.name === name);
    if (!product) throw resourceNotFound(`Product with name ${name} not found.`);
    return product;
  }
  throw invalidParameters('Either the product Id or its Name must be specified.');
}

/** A version of a product by id or name; with neither, InvalidParametersException. */
export function artifactOf(
  product: ProductRecord,
  id: string | undefined,
  name: string | undefined,
): ArtifactRecord {
  if (id !== undefined && name !== undefined) {
    throw invalidParameters('Specify the provisioning artifact by its Id or its Name, not both.');
  }
  const artifact =
    id !== undefined
      ? product.artifacts.find((item) => item.id === id)
      : name !== undefined
        ? product.artifacts.find((item) => item.name === name)
        : undefined;
  if (id === undefined && name === undefined) {
    throw invalidParameters('Either the provisioning artifact Id or its Name must be specified.');
  }
  if (!artifact) {
    throw resourceNotFound(`Provisioning artifact ${id ?? name} not found for product ${product.id}.`);
  }
  return artifact;
}

/** The product and version a request names (ProductId or ProductName, ProvisioningArtifactId or ProvisioningArtifactName). */
export function namedArtifact(
  ctx: ServiceCatalogContext,
  input: JsonObject,
): { product: ProductRecord; artifact: ArtifactRecord } {
  const product = productOf(ctx, optionalId(input, 'ProductId'), optionalString(input, 'ProductName'));
  const artifact = artifactOf(
    product,
    optionalId(input, 'ProvisioningArtifactId'),
    optionalString(input, 'ProvisioningArtifactName', { max: 8192 }),
  );
  return { product, artifact };
}

/** The portfolios a product is associated with. */
export const portfoliosHolding = (ctx: ServiceCatalogContext, productId: string): PortfolioRecord[] =>
  ctx.store
    .inRegion(ctx.store.portfolios, ctx.region)
    .filter((portfolio) => portfolio.productIds.includes(productId));

/**
 * The launch paths of a product for the caller: the portfolios that hold it and have a principal.
 * The local cloud knows no IAM identities, so any principal association admits every caller.
 */
export function launchPathsOf(ctx: ServiceCatalogContext, productId: string): PortfolioRecord[] {
  return portfoliosHolding(ctx, productId).filter((portfolio) => portfolio.principals.length > 0);
}

/** The launch path a request names by PathId or PathName, or the only one; AWS's error when none. */
export function launchPathOf(
  ctx: ServiceCatalogContext,
  product: ProductRecord,
  pathId: string | undefined,
  pathName: string | undefined,
): PortfolioRecord {
  const paths = launchPathsOf(ctx, product.id);
  if (paths.length === 0) throw noLaunchPaths(product.id);
  if (pathId !== undefined) {
    const path = paths.find((portfolio) => launchPathIdOf(portfolio.id) === pathId);
    if (!path) throw resourceNotFound(`Launch path ${pathId} not found for product ${product.id}.`);
    return path;
  }
  if (pathName !== undefined) {
    const path = paths.find((portfolio) => portfolio.displayName === pathName);
    if (!path) throw resourceNotFound(`Launch path ${pathName} not found for product ${product.id}.`);
    return path;
  }
  const [only, ...others] = paths;
  if (only === undefined || others.length > 0) {
    throw invalidParameters(`Product ${product.id} has more than one launch path: specify PathId.`);
  }
  return only;
}

/** The constraints on a product in a portfolio. */
export const constraintsOf = (
  ctx: ServiceCatalogContext,
  portfolioId: string,
  productId: string,
): ConstraintRecord[] =>
  ctx.store
    .inRegion(ctx.store.constraints, ctx.region)
    .filter((constraint) => constraint.portfolioId === portfolioId && constraint.productId === productId);

/** The role a LAUNCH constraint names (RoleArn, or LocalRoleName in this account). */
export function launchRoleOf(
  ctx: ServiceCatalogContext,
  portfolioId: string,
  productId: string,
): string | undefined {
  const launch = constraintsOf(ctx, portfolioId, productId).find(
    (constraint) => constraint.type === 'LAUNCH',
  );
  if (!launch) return undefined;
  const parameters = JSON.parse(launch.parameters) as { RoleArn?: string; LocalRoleName?: string };
  return parameters.RoleArn ?? `arn:aws:iam::${ctx.accountId}:role/${parameters.LocalRoleName ?? ''}`;
}

/** The live provisioned product an id or a name member names (`ProvisionedProductId`, say), or ResourceNotFoundException. */
export function provisionedProductOf(
  ctx: ServiceCatalogContext,
  idMember: string,
  nameMember: string,
): ProvisionedProductRecord {
  const id = optionalId(ctx.input, idMember);
  const name = optionalString(ctx.input, nameMember, { min: 1, max: 1224 });
  if (id !== undefined && name !== undefined) {
    throw invalidParameters('Specify the provisioned product by its Id or its Name, not both.');
  }
  if (id === undefined && name === undefined) {
    throw invalidParameters('Either the provisioned product Id or its Name must be specified.');
  }
  const found =
    id !== undefined
      ? ctx.store.provisionedProduct(ctx.region, id)
      : ctx.store
          .inRegion(ctx.store.provisionedProducts, ctx.region)
          .find((product) => product.name === name || product.arn === name);
  if (!found) throw resourceNotFound(`Provisioned product ${id ?? name} not found.`);
  return found;
}
