import { AwsError } from '../../core/aws-error';
import {
  type JsonProtocol,
  jsonErrorResponse,
  jsonOperationOf,
  jsonResponse,
  parseJsonBody,
} from '../../core/aws-json-protocol';
import type { LocalService, ServiceContext } from '../../core/types';
import type { ReadObject, StackApi } from '../cloudformation';
import { type CatalogSnapshot, CatalogStore } from './catalog-store';
import type { ServiceCatalogOperation } from './operation-context';
import {
  createConstraint,
  deleteConstraint,
  describeConstraint,
  listConstraintsForPortfolio,
} from './operations/constraints';
import { describeProvisioningParameters, listLaunchPaths } from './operations/launch';
import {
  associatePrincipalWithPortfolio,
  createPortfolio,
  deletePortfolio,
  describePortfolio,
  disassociatePrincipalFromPortfolio,
  listPortfolios,
  listPortfoliosForProduct,
  listPrincipalsForPortfolio,
} from './operations/portfolios';
import {
  associateProductWithPortfolio,
  createProduct,
  createProvisioningArtifact,
  deleteProduct,
  describeProduct,
  describeProductAsAdmin,
  describeProvisioningArtifact,
  disassociateProductFromPortfolio,
  listProvisioningArtifacts,
  searchProducts,
  searchProductsAsAdmin,
} from './operations/products';
import {
  describeProvisionedProduct,
  describeRecord,
  listRecordHistory,
  scanProvisionedProducts,
  searchProvisionedProducts,
} from './operations/provisioned-products';
import {
  provisionProduct,
  terminateProvisionedProduct,
  updateProvisionedProduct,
} from './operations/provisioning';
import { StackFollower } from './stack-follower';

export { STACK_ARN_OUTPUT } from './stack-follower';

/** Service Catalog's protocol: JSON 1.1, `X-Amz-Target: AWS242ServiceCatalogService.{Operation}`. */
const PROTOCOL: JsonProtocol = {
  contentType: 'application/x-amz-json-1.1',
  targetPrefix: 'AWS242ServiceCatalogService',
};

/** The Service Catalog actions the local cloud answers (docs/aws-facts.md, Service Catalog). */
const OPERATIONS: Readonly<Record<string, ServiceCatalogOperation>> = {
  CreatePortfolio: createPortfolio,
  DescribePortfolio: describePortfolio,
  ListPortfolios: listPortfolios,
  ListPortfoliosForProduct: listPortfoliosForProduct,
  DeletePortfolio: deletePortfolio,
  AssociatePrincipalWithPortfolio: associatePrincipalWithPortfolio,
  DisassociatePrincipalFromPortfolio: disassociatePrincipalFromPortfolio,
  ListPrincipalsForPortfolio: listPrincipalsForPortfolio,
  CreateProduct: createProduct,
  DescribeProduct: describeProduct,
  DescribeProductAsAdmin: describeProductAsAdmin,
  SearchProducts: searchProducts,
  SearchProductsAsAdmin: searchProductsAsAdmin,
  DeleteProduct: deleteProduct,
  AssociateProductWithPortfolio: associateProductWithPortfolio,
  DisassociateProductFromPortfolio: disassociateProductFromPortfolio,
  CreateProvisioningArtifact: createProvisioningArtifact,
  ListProvisioningArtifacts: listProvisioningArtifacts,
  DescribeProvisioningArtifact: describeProvisioningArtifact,
  CreateConstraint: createConstraint,
  DescribeConstraint: describeConstraint,
  DeleteConstraint: deleteConstraint,
  ListConstraintsForPortfolio: listConstraintsForPortfolio,
  ListLaunchPaths: listLaunchPaths,
  DescribeProvisioningParameters: describeProvisioningParameters,
  ProvisionProduct: provisionProduct,
  UpdateProvisionedProduct: updateProvisionedProduct,
  TerminateProvisionedProduct: terminateProvisionedProduct,
  DescribeProvisionedProduct: describeProvisionedProduct,
  SearchProvisionedProducts: searchProvisionedProducts,
  ScanProvisionedProducts: scanProvisionedProducts,
  DescribeRecord: describeRecord,
  ListRecordHistory: listRecordHistory,
};

export interface ServiceCatalogServiceDeps {
  /** The local CloudFormation in process: a provisioned product is one of its stacks. */
  readonly stacks: StackApi;
  /** Reads an object of the local S3: a version's LoadTemplateFromURL. */
  readonly readObject?: ReadObject;
}

export interface ServiceCatalogService extends LocalService {
  readonly signingName: 'servicecatalog';
  /** The catalog (portfolios, products and versions, constraints) for `--state`. */
  snapshot(): CatalogSnapshot;
  restore(state: unknown): void;
  /** Stops following the local CloudFormation's stacks. */
  close(): Promise<void>;
}

/**
 * The local AWS Service Catalog (docs/aws-facts.md, Service Catalog): portfolios, CloudFormation
 * products whose versions are templates read from the local S3, principals, LAUNCH constraints,
 * launch paths, and provisioned products that are real stacks of the local CloudFormation
 * (`SC-{account}-{pp id}`), whose records and statuses follow their stacks' events.
 */
export function createServiceCatalogService(
  ctx: ServiceContext,
  deps: ServiceCatalogServiceDeps,
): ServiceCatalogService {
  const store = new CatalogStore();
  const follower = new StackFollower({
    store,
    clock: ctx.clock,
    stacks: deps.stacks,
    accountId: ctx.accountId,
  });
  const stopFollowing = deps.stacks.onStackEvent((event) => follower.onEvent(event));
  const served = new Set(Object.keys(OPERATIONS));

  return {
    signingName: 'servicecatalog',

    operationOf: (req) => jsonOperationOf(PROTOCOL, served, req),

    async handle(req, operation) {
      const run = OPERATIONS[operation];
      if (!run) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`, 400);
      const body = await run({
        input: parseJsonBody(req),
        region: req.region,
        accountId: ctx.accountId,
        clock: ctx.clock,
        store,
        stacks: deps.stacks,
        follower,
        readObject: deps.readObject,
      });
      return jsonResponse(PROTOCOL, body);
    },

    errorResponse: (error) => jsonErrorResponse(PROTOCOL, error),

    snapshot: () => store.snapshot(),
    restore: (state) => store.restore(state),

    async close() {
      stopFollowing();
    },
  };
}
