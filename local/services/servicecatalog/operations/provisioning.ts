import { isAwsError } from '../../../core/aws-error';
import {
  type JsonObject,
  optionalBoolean,
  optionalString,
  requiredString,
  validationError,
} from '../../../core/aws-json-protocol';
import type { StackParameterInput } from '../../cloudformation';
import { duplicateResource, invalidParameters, invalidState, resourceNotFound } from '../errors';
import {
  catalogId,
  launchPathIdOf,
  portfolioArnOf,
  productArnOf,
  provisionedProductArnOf,
  stackNameOf,
} from '../ids';
import {
  idempotencyToken,
  optionalId,
  optionalList,
  optionalObject,
  readAcceptLanguage,
  readTags,
} from '../input';
import {
  artifactOf,
  launchPathOf,
  launchRoleOf,
  namedArtifact,
  productOf,
  provisionedProductOf,
} from '../lookups';
import type { ServiceCatalogContext, ServiceCatalogOperation } from '../operation-context';
import type { ProvisionedProductRecord, RecordType, RequestRecord, Tag } from '../records';
import { renderRecord } from '../render';

/** ProvisionedProductName: 1-128 characters, `[a-zA-Z0-9][a-zA-Z0-9._-]*`. */
const PROVISIONED_PRODUCT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}$/;
/** CloudFormation's answer to an update that changes nothing: Service Catalog's update is done. */
const NO_UPDATES = 'No updates are to be performed.';

/** ProvisioningParameters (UpdateProvisioningParameters with UsePreviousValue on an update). */
function readParameters(input: JsonObject, member: string, update: boolean): StackParameterInput[] {
  return optionalList(input, member).map((item) => {
    const fields = typeof item === 'object' && item !== null ? (item as JsonObject) : {};
    const key = requiredString(fields, 'Key', { min: 1, max: 1000 });
    const value = optionalString(fields, 'Value', { max: 4096 });
    const usePreviousValue = update ? optionalBoolean(fields, 'UsePreviousValue') === true : false;
    return usePreviousValue ? { key, usePreviousValue } : { key, value: value ?? '' };
  });
}

/** StackSet preferences are for CFN_STACKSET products, which the local cloud does not emulate. */
function refuseStackSetPreferences(input: JsonObject): void {
  const preferences = optionalObject(input, 'ProvisioningPreferences');
  if (preferences !== undefined && Object.keys(preferences).length > 0) {
    throw invalidParameters(
      'ProvisioningPreferences (stack sets) are not emulated by the local Service Catalog.',
    );
  }
}

/** The principal of every call: the local cloud knows no IAM identities. */
const callerArnOf = (accountId: string) => `arn:aws:iam::${accountId}:root`;

function newRecord(
  ctx: ServiceCatalogContext,
  product: ProvisionedProductRecord,
  type: RecordType,
  fields: Pick<RequestRecord, 'provisioningArtifactId' | 'pathId' | 'launchRoleArn'> &
    Partial<Pick<RequestRecord, 'tags' | 'ignoreErrors'>>,
): RequestRecord {
  const now = ctx.clock.now();
  return {
    id: catalogId('rec'),
    region: ctx.region,
    type,
    status: 'CREATED',
    createdAt: now,
    updatedAt: now,
    provisionedProductId: product.id,
    provisionedProductName: product.name,
    productId: product.productId,
    errors: [],
    outputs: [],
    tags: fields.tags ?? [],
    previousProductStatus: type === 'PROVISION_PRODUCT' ? undefined : product.status,
    ...fields,
  };
}

/** The request an idempotency token already made, if any: the same token answers with the same request. */
function earlierRecord(ctx: ServiceCatalogContext, tokenKey: string): RequestRecord | undefined {
  const known = ctx.store.tokens.get(tokenKey);
  return known === undefined ? undefined : ctx.store.record(ctx.region, known);
}

/**
 * ProvisionProduct: a provisioned product and its stack `SC-{account}-{pp id}` in the local
 * CloudFormation, from the chosen version's template and the parameters, tagged as Service Catalog
 * tags it, launched with the path's LAUNCH role. The answer is the CREATED record; the record and
 * the product then follow the stack (StackFollower).
 */
export const provisionProduct: ServiceCatalogOperation = async (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const name = requiredString(input, 'ProvisionedProductName', { min: 1, max: 128 });
  if (!PROVISIONED_PRODUCT_NAME.test(name)) {
    throw validationError(
      `Value '${name}' at 'ProvisionedProductName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9._-]*`,
    );
  }
  const token = idempotencyToken(input, 'ProvisionToken');
  const tokenKey = `ProvisionProduct/${ctx.region}/${token}`;
  const earlier = earlierRecord(ctx, tokenKey);
  if (earlier) return { RecordDetail: renderRecord(earlier) };
  const { product, artifact } = namedArtifact(ctx, input);
  if (!artifact.active) throw invalidParameters(`Provisioning artifact ${artifact.id} is not active.`);
  const path = launchPathOf(ctx, product, optionalId(input, 'PathId'), optionalString(input, 'PathName'));
  const parameters = readParameters(input, 'ProvisioningParameters', false);
  const userTags = readTags(input, 'Tags', 50);
  const notificationArns = optionalList(input, 'NotificationArns').map(String);
  if (notificationArns.length > 5) throw invalidParameters('At most 5 NotificationArns.');
  refuseStackSetPreferences(input);
  const live = ctx.store.inRegion(ctx.store.provisionedProducts, ctx.region);
  if (live.some((existing) => existing.name === name)) {
    throw duplicateResource(`A provisioned product named ${name} already exists.`);
  }

  const id = catalogId('pp');
  const arn = provisionedProductArnOf(ctx.region, ctx.accountId, name, id);
  const userArn = callerArnOf(ctx.accountId);
  // The tags Service Catalog puts on what it launches (the API examples of SearchProvisionedProducts).
  const tags: Tag[] = [
    ...userTags,
    { Key: 'aws:servicecatalog:portfolioArn', Value: portfolioArnOf(ctx.region, ctx.accountId, path.id) },
    { Key: 'aws:servicecatalog:productArn', Value: productArnOf(ctx.region, ctx.accountId, product.id) },
    { Key: 'aws:servicecatalog:provisioningArtifactIdentifier', Value: artifact.id },
    { Key: 'aws:servicecatalog:provisionedProductArn', Value: arn },
    { Key: 'aws:servicecatalog:provisioningPrincipalArn', Value: userArn },
  ];
  const launchRoleArn = launchRoleOf(ctx, path.id, product.id);
  const provisioned: ProvisionedProductRecord = {
    id,
    region: ctx.region,
    name,
    arn,
    createdAt: ctx.clock.now(),
    idempotencyToken: token,
    productId: product.id,
    provisioningArtifactId: artifact.id,
    pathId: launchPathIdOf(path.id),
    launchRoleArn,
    stackName: stackNameOf(ctx.accountId, id),
    status: 'UNDER_CHANGE',
    tags,
    userArn,
    lastRecordId: '',
    lastProvisioningRecordId: '',
  };
  const record = newRecord(ctx, provisioned, 'PROVISION_PRODUCT', {
    provisioningArtifactId: artifact.id,
    pathId: provisioned.pathId,
    launchRoleArn,
    tags: userTags,
  });
  ctx.store.provisionedProducts.set(id, provisioned);
  ctx.follower.begin(provisioned, record);
  ctx.store.tokens.set(tokenKey, record.id);
  const answer = { RecordDetail: renderRecord(record) };
  try {
    provisioned.stackId = await ctx.stacks.createStack({
      region: ctx.region,
      stackName: provisioned.stackName,
      templateBody: artifact.templateBody,
      parameters,
      tags: tags.map((tag) => ({ key: tag.Key, value: tag.Value })),
      roleArn: launchRoleArn,
      notificationArns,
      clientRequestToken: record.id,
    });
  } catch (error: unknown) {
    if (!isAwsError(error)) throw error;
    ctx.follower.refused(provisioned, record, error, 'ERROR');
  }
  return answer;
};

/**
 * UpdateProvisionedProduct: UpdateStack of the product's stack with the (new) version's template
 * and the parameters, UsePreviousValue passed through to CloudFormation.
 */
export const updateProvisionedProduct: ServiceCatalogOperation = async (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const token = idempotencyToken(input, 'UpdateToken');
  const provisioned = provisionedProductOf(ctx, 'ProvisionedProductId', 'ProvisionedProductName');
  const tokenKey = `UpdateProvisionedProduct/${provisioned.id}/${token}`;
  const earlier = earlierRecord(ctx, tokenKey);
  if (earlier) return { RecordDetail: renderRecord(earlier) };
  const productId = optionalId(input, 'ProductId');
  const productName = optionalString(input, 'ProductName');
  const product =
    productId === undefined && productName === undefined
      ? productOf(ctx, provisioned.productId)
      : productOf(ctx, productId, productName);
  if (product.id !== provisioned.productId) {
    throw invalidParameters(
      `Provisioned product ${provisioned.id} was launched from product ${provisioned.productId}.`,
    );
  }
  const artifactId = optionalId(input, 'ProvisioningArtifactId');
  const artifactName = optionalString(input, 'ProvisioningArtifactName', { max: 8192 });
  const artifact =
    artifactId === undefined && artifactName === undefined
      ? artifactOf(product, provisioned.provisioningArtifactId, undefined)
      : artifactOf(product, artifactId, artifactName);
  const pathId = optionalId(input, 'PathId');
  const pathName = optionalString(input, 'PathName');
  const path =
    pathId === undefined && pathName === undefined ? undefined : launchPathOf(ctx, product, pathId, pathName);
  const parameters = readParameters(input, 'ProvisioningParameters', true);
  readTags(input, 'Tags', 50);
  refuseStackSetPreferences(input);
  if (provisioned.status === 'UNDER_CHANGE') {
    throw invalidState(`Provisioned product ${provisioned.id} is under change: wait until it is not.`);
  }
  const portfolioId = path?.id ?? portfolioIdOfPath(ctx, provisioned.pathId);
  const launchRoleArn =
    portfolioId === undefined ? provisioned.launchRoleArn : launchRoleOf(ctx, portfolioId, product.id);
  const record = newRecord(ctx, provisioned, 'UPDATE_PROVISIONED_PRODUCT', {
    provisioningArtifactId: artifact.id,
    pathId: path === undefined ? provisioned.pathId : launchPathIdOf(path.id),
    launchRoleArn,
  });
  const previous = provisioned.status;
  ctx.follower.begin(provisioned, record);
  ctx.store.tokens.set(tokenKey, record.id);
  const answer = { RecordDetail: renderRecord(record) };
  try {
    await ctx.stacks.updateStack({
      region: ctx.region,
      stackName: provisioned.stackId ?? provisioned.stackName,
      templateBody: artifact.templateBody,
      parameters,
      roleArn: launchRoleArn,
      clientRequestToken: record.id,
    });
  } catch (error: unknown) {
    if (!isAwsError(error)) throw error;
    if (error.message === NO_UPDATES) ctx.follower.succeeded(provisioned, record);
    // Refused before it started: the stack runs the version it ran.
    else ctx.follower.refused(provisioned, record, error, previous === 'ERROR' ? 'ERROR' : 'TAINTED');
  }
  return answer;
};

const portfolioIdOfPath = (ctx: ServiceCatalogContext, pathId: string): string | undefined =>
  ctx.store
    .inRegion(ctx.store.portfolios, ctx.region)
    .find((portfolio) => launchPathIdOf(portfolio.id) === pathId)?.id;

/**
 * TerminateProvisionedProduct: DeleteStack of the product's stack; the provisioned product is gone
 * when the stack is (or at once with RetainPhysicalResources, or when it has no stack), and with
 * IgnoreErrors even if the stack fails to delete. A terminated product is ResourceNotFound, its
 * token too (the reference's TerminateToken).
 */
export const terminateProvisionedProduct: ServiceCatalogOperation = async (ctx) => {
  const { input } = ctx;
  readAcceptLanguage(input);
  const token = idempotencyToken(input, 'TerminateToken');
  const provisioned = provisionedProductOf(ctx, 'ProvisionedProductId', 'ProvisionedProductName');
  const tokenKey = `TerminateProvisionedProduct/${provisioned.id}/${token}`;
  const earlier = earlierRecord(ctx, tokenKey);
  if (earlier) return { RecordDetail: renderRecord(earlier) };
  const ignoreErrors = optionalBoolean(input, 'IgnoreErrors') === true;
  const retain = optionalBoolean(input, 'RetainPhysicalResources') === true;
  const record = newRecord(ctx, provisioned, 'TERMINATE_PROVISIONED_PRODUCT', {
    provisioningArtifactId: provisioned.provisioningArtifactId,
    pathId: provisioned.pathId,
    launchRoleArn: provisioned.launchRoleArn,
    ignoreErrors,
  });
  const previous = provisioned.status;
  ctx.follower.begin(provisioned, record);
  ctx.store.tokens.set(tokenKey, record.id);
  const answer = { RecordDetail: renderRecord(record) };
  const stack =
    provisioned.stackId === undefined ? undefined : ctx.stacks.describeStack(ctx.region, provisioned.stackId);
  if (retain || stack === undefined || stack.status === 'DELETE_COMPLETE') {
    ctx.follower.succeeded(provisioned, record);
    return answer;
  }
  try {
    await ctx.stacks.deleteStack({
      region: ctx.region,
      stackName: stack.stackId,
      clientRequestToken: record.id,
    });
  } catch (error: unknown) {
    if (!isAwsError(error)) throw error;
    if (ignoreErrors) ctx.follower.succeeded(provisioned, record);
    else ctx.follower.refused(provisioned, record, error, previous);
  }
  return answer;
};

/** Throws when no record has the id. */
export function recordOf(ctx: ServiceCatalogContext, id: string): RequestRecord {
  const record = ctx.store.record(ctx.region, id);
  if (!record) throw resourceNotFound(`Record ${id} not found.`);
  return record;
}
