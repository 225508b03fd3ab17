import { optionalString, requiredString } from '../../../core/aws-json-protocol';
import { invalidParameters, resourceInUse } from '../errors';
import { catalogId } from '../ids';
import {
  idempotencyToken,
  optionalEnum,
  pageOf,
  readAcceptLanguage,
  readTags,
  requiredEnum,
  requiredId,
} from '../input';
import { portfolioOf, portfoliosHolding, productOf } from '../lookups';
import type { ServiceCatalogContext, ServiceCatalogOperation } from '../operation-context';
import type { PortfolioRecord } from '../records';
import { renderPortfolio } from '../render';

const PRINCIPAL_TYPES = ['IAM', 'IAM_PATTERN'] as const;
/** An IAM principal: a user, role or group ARN (IAM_PATTERN may hold wildcards). */
const IAM_PRINCIPAL = /^arn:aws[\w-]*:iam::(\d{12}|\*)?:(user|role|group)\/.+$/;

const describedPortfolio = (ctx: ServiceCatalogContext, portfolio: PortfolioRecord) => ({
  PortfolioDetail: renderPortfolio(portfolio, ctx.accountId),
  Tags: portfolio.tags,
  TagOptions: [],
  Budgets: [],
});

export const createPortfolio: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const displayName = requiredString(input, 'DisplayName', { min: 1, max: 100 });
  const providerName = requiredString(input, 'ProviderName', { min: 1, max: 50 });
  const description = optionalString(input, 'Description', { max: 2000 });
  const tags = readTags(input, 'Tags', 20);
  const tokenKey = `CreatePortfolio/${ctx.region}/${idempotencyToken(input, 'IdempotencyToken')}`;
  // The same token answers with what its first call made.
  const known = ctx.store.tokens.get(tokenKey);
  const earlier = known === undefined ? undefined : ctx.store.portfolio(ctx.region, known);
  if (earlier) return { PortfolioDetail: renderPortfolio(earlier, ctx.accountId), Tags: earlier.tags };
  const portfolio: PortfolioRecord = {
    id: catalogId('port'),
    region: ctx.region,
    displayName,
    description,
    providerName,
    createdAt: ctx.clock.now(),
    tags,
    principals: [],
    productIds: [],
  };
  ctx.store.portfolios.set(portfolio.id, portfolio);
  ctx.store.tokens.set(tokenKey, portfolio.id);
  return { PortfolioDetail: renderPortfolio(portfolio, ctx.accountId), Tags: portfolio.tags };
};

export const describePortfolio: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  return describedPortfolio(ctx, portfolioOf(ctx, requiredId(ctx.input, 'Id')));
};

/** A page of PortfolioDetails. */
function portfolioPage(ctx: ServiceCatalogContext, portfolios: readonly PortfolioRecord[]) {
  const { page, NextPageToken } = pageOf(ctx.input, portfolios, 100);
  return {
    PortfolioDetails: page.map((portfolio) => renderPortfolio(portfolio, ctx.accountId)),
    NextPageToken,
  };
}

export const listPortfolios: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  return portfolioPage(ctx, ctx.store.inRegion(ctx.store.portfolios, ctx.region));
};

export const listPortfoliosForProduct: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const product = productOf(ctx, requiredId(ctx.input, 'ProductId'));
  return portfolioPage(ctx, portfoliosHolding(ctx, product.id));
};

/** AWS: a portfolio with products, principals or constraints cannot be deleted (DeletePortfolio). */
export const deletePortfolio: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const portfolio = portfolioOf(ctx, requiredId(ctx.input, 'Id'));
  const constraints = ctx.store
    .inRegion(ctx.store.constraints, ctx.region)
    .filter((constraint) => constraint.portfolioId === portfolio.id);
  if (portfolio.productIds.length > 0 || portfolio.principals.length > 0 || constraints.length > 0) {
    throw resourceInUse(
      `Portfolio ${portfolio.id} has associated products, principals or constraints: remove them first.`,
    );
  }
  ctx.store.portfolios.delete(portfolio.id);
  return {};
};

export const associatePrincipalWithPortfolio: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const portfolio = portfolioOf(ctx, requiredId(input, 'PortfolioId'));
  const principalArn = requiredString(input, 'PrincipalARN', { min: 1, max: 1000 });
  const principalType = requiredEnum(input, 'PrincipalType', PRINCIPAL_TYPES);
  if (!IAM_PRINCIPAL.test(principalArn)) {
    throw invalidParameters(`PrincipalARN ${principalArn} is not the ARN of an IAM user, role or group.`);
  }
  // Associating a principal twice is not an error: the association is there.
  if (!portfolio.principals.some((principal) => principal.PrincipalARN === principalArn)) {
    portfolio.principals.push({ PrincipalARN: principalArn, PrincipalType: principalType });
  }
  return {};
};

export const disassociatePrincipalFromPortfolio: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const portfolio = portfolioOf(ctx, requiredId(input, 'PortfolioId'));
  const principalArn = requiredString(input, 'PrincipalARN', { min: 1, max: 1000 });
  optionalEnum(input, 'PrincipalType', PRINCIPAL_TYPES);
  portfolio.principals = portfolio.principals.filter((principal) => principal.PrincipalARN !== principalArn);
  return {};
};

export const listPrincipalsForPortfolio: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  const portfolio = portfolioOf(ctx, requiredId(ctx.input, 'PortfolioId'));
  const { page, NextPageToken } = pageOf(ctx.input, portfolio.principals, 20);
  return { Principals: page, NextPageToken };
};
