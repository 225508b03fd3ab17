import { optionalString, requiredString } from '../../../core/aws-json-protocol';
import { duplicateResource, invalidParameters, resourceNotFound } from '../errors';
import { catalogId } from '../ids';
import { idempotencyToken, optionalId, pageOf, readAcceptLanguage, requiredId } from '../input';
import { constraintsOf, portfolioOf, productOf } from '../lookups';
import type { ServiceCatalogContext, ServiceCatalogOperation } from '../operation-context';
import type { ConstraintRecord } from '../records';
import { renderConstraint } from '../render';

/** The constraint types of CreateConstraint's reference; LAUNCH is the one the local cloud acts on. */
const CONSTRAINT_TYPES = new Set(['LAUNCH', 'NOTIFICATION', 'RESOURCE_UPDATE', 'STACKSET', 'TEMPLATE']);
/** Types of which a product has at most one in a portfolio. */
const ONE_PER_PRODUCT = new Set(['LAUNCH', 'RESOURCE_UPDATE', 'STACKSET']);

const describedConstraint = (constraint: ConstraintRecord, status: 'CREATING' | 'AVAILABLE') => ({
  ConstraintDetail: renderConstraint(constraint),
  ConstraintParameters: constraint.parameters,
  Status: status,
});

/** LAUNCH takes `{"RoleArn": ARN}` or `{"LocalRoleName": NAME}`, exactly one (the reference's "LAUNCH"). */
function checkLaunchParameters(parameters: Record<string, unknown>): void {
  const roleArn = parameters.RoleArn;
  const localRoleName = parameters.LocalRoleName;
  if ((roleArn === undefined) === (localRoleName === undefined)) {
    throw invalidParameters('A LAUNCH constraint takes exactly one of RoleArn and LocalRoleName.');
  }
  if (
    roleArn !== undefined &&
    (typeof roleArn !== 'string' || !/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/.test(roleArn))
  ) {
    throw invalidParameters(`RoleArn ${String(roleArn)} is not the ARN of an IAM role.`);
  }
  if (localRoleName !== undefined && (typeof localRoleName !== 'string' || localRoleName === '')) {
    throw invalidParameters('LocalRoleName must be the name of an IAM role.');
  }
}

function readParameters(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameters('Parameters must be a JSON document.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameters('Parameters must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export const createConstraint: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const portfolio = portfolioOf(ctx, requiredId(input, 'PortfolioId'));
  const product = productOf(ctx, requiredId(input, 'ProductId'));
  const parameters = requiredString(input, 'Parameters');
  const type = requiredString(input, 'Type', { min: 1, max: 1024 });
  const description = optionalString(input, 'Description', { max: 2000 });
  const tokenKey = `CreateConstraint/${ctx.region}/${idempotencyToken(input, 'IdempotencyToken')}`;
  const known = ctx.store.tokens.get(tokenKey);
  const earlier = known === undefined ? undefined : ctx.store.constraints.get(known);
  if (earlier) return describedConstraint(earlier, 'CREATING');
  if (!CONSTRAINT_TYPES.has(type)) {
    throw invalidParameters(`Constraint type ${type} is not one of ${[...CONSTRAINT_TYPES].join(', ')}.`);
  }
  if (!portfolio.productIds.includes(product.id)) {
    throw resourceNotFound(`Product ${product.id} is not associated with portfolio ${portfolio.id}.`);
  }
  const parsed = readParameters(parameters);
  if (type === 'LAUNCH') checkLaunchParameters(parsed);
  if (
    ONE_PER_PRODUCT.has(type) &&
    constraintsOf(ctx, portfolio.id, product.id).some((item) => item.type === type)
  ) {
    throw duplicateResource(
      `Product ${product.id} already has a ${type} constraint in portfolio ${portfolio.id}.`,
    );
  }
  const constraint: ConstraintRecord = {
    id: catalogId('cons'),
    region: ctx.region,
    type,
    description,
    parameters,
    portfolioId: portfolio.id,
    productId: product.id,
    owner: ctx.accountId,
  };
  ctx.store.constraints.set(constraint.id, constraint);
  ctx.store.tokens.set(tokenKey, constraint.id);
  // AWS answers CREATING; DescribeConstraint shows it AVAILABLE.
  return describedConstraint(constraint, 'CREATING');
};

function constraintOf(ctx: ServiceCatalogContext, id: string): ConstraintRecord {
  const constraint = ctx.store.constraints.get(id);
  if (!constraint || constraint.region !== ctx.region) throw resourceNotFound(`Constraint ${id} not found.`);
  return constraint;
}

export const describeConstraint: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  return describedConstraint(constraintOf(ctx, requiredId(ctx.input, 'Id')), 'AVAILABLE');
};

export const deleteConstraint: ServiceCatalogOperation = (ctx) => {
  readAcceptLanguage(ctx.input);
  ctx.store.constraints.delete(constraintOf(ctx, requiredId(ctx.input, 'Id')).id);
  return {};
};

export const listConstraintsForPortfolio: ServiceCatalogOperation = (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const portfolio = portfolioOf(ctx, requiredId(input, 'PortfolioId'));
  const productId = optionalId(input, 'ProductId');
  const constraints = ctx.store
    .inRegion(ctx.store.constraints, ctx.region)
    .filter(
      (constraint) =>
        constraint.portfolioId === portfolio.id &&
        (productId === undefined || constraint.productId === productId),
    );
  const { page, NextPageToken } = pageOf(input, constraints, 20);
  return { ConstraintDetails: page.map(renderConstraint), NextPageToken };
};
