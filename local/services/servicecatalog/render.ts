import { epochSeconds } from '../../core/aws-json-protocol';
import { launchPathIdOf, portfolioArnOf, productArnOf } from './ids';
import type {
  ArtifactRecord,
  ConstraintRecord,
  PortfolioRecord,
  ProductRecord,
  ProvisionedProductRecord,
  RequestRecord,
} from './records';

/** PortfolioDetail. */
export const renderPortfolio = (portfolio: PortfolioRecord, accountId: string) => ({
  Id: portfolio.id,
  ARN: portfolioArnOf(portfolio.region, accountId, portfolio.id),
  DisplayName: portfolio.displayName,
  Description: portfolio.description,
  CreatedTime: epochSeconds(portfolio.createdAt),
  ProviderName: portfolio.providerName,
});

/** ProductViewSummary: HasDefaultPath false, as AWS's examples show it for a product in one portfolio. */
export const renderProductView = (product: ProductRecord) => ({
  Id: product.viewId,
  ProductId: product.id,
  Name: product.name,
  Owner: product.owner,
  ShortDescription: product.description ?? '',
  Type: product.productType,
  Distributor: product.distributor ?? '',
  HasDefaultPath: false,
  SupportEmail: product.supportEmail ?? '',
  SupportDescription: product.supportDescription ?? '',
  SupportUrl: product.supportUrl ?? '',
});

/** ProductViewDetail: an administrator's view of a product (Status CREATED, as AWS answers it). */
export const renderProductDetail = (product: ProductRecord, accountId: string) => ({
  ProductViewSummary: renderProductView(product),
  Status: 'CREATED',
  ProductARN: productArnOf(product.region, accountId, product.id),
  CreatedTime: epochSeconds(product.createdAt),
});

/** ProvisioningArtifactDetail. */
export const renderArtifactDetail = (artifact: ArtifactRecord) => ({
  Id: artifact.id,
  Name: artifact.name,
  Description: artifact.description,
  Type: artifact.type,
  CreatedTime: epochSeconds(artifact.createdAt),
  Active: artifact.active,
  Guidance: artifact.guidance,
});

/** ProvisioningArtifact: the end user's view of a version. */
export const renderArtifact = (artifact: ArtifactRecord) => ({
  Id: artifact.id,
  Name: artifact.name,
  Description: artifact.description,
  CreatedTime: epochSeconds(artifact.createdAt),
  Guidance: artifact.guidance,
});

/** ConstraintDetail. */
export const renderConstraint = (constraint: ConstraintRecord) => ({
  ConstraintId: constraint.id,
  Type: constraint.type,
  Description: constraint.description,
  Owner: constraint.owner,
  ProductId: constraint.productId,
  PortfolioId: constraint.portfolioId,
});

/** LaunchPath / LaunchPathSummary's id and name: a portfolio that holds the product. */
export const renderLaunchPath = (portfolio: PortfolioRecord) => ({
  Id: launchPathIdOf(portfolio.id),
  Name: portfolio.displayName,
});

/** RecordDetail. */
export const renderRecord = (record: RequestRecord) => ({
  RecordId: record.id,
  ProvisionedProductName: record.provisionedProductName,
  Status: record.status,
  CreatedTime: epochSeconds(record.createdAt),
  UpdatedTime: epochSeconds(record.updatedAt),
  ProvisionedProductType: 'CFN_STACK',
  RecordType: record.type,
  ProvisionedProductId: record.provisionedProductId,
  ProductId: record.productId,
  ProvisioningArtifactId: record.provisioningArtifactId,
  PathId: record.pathId,
  // Copies: an answer shows the record as it was when it was made.
  RecordErrors: [...record.errors],
  RecordTags: [...record.tags],
  LaunchRoleArn: record.launchRoleArn,
});

/** ProvisionedProductDetail (DescribeProvisionedProduct, ScanProvisionedProducts). */
export const renderProvisionedProduct = (product: ProvisionedProductRecord) => ({
  Name: product.name,
  Arn: product.arn,
  Type: 'CFN_STACK',
  Id: product.id,
  Status: product.status,
  StatusMessage: product.statusMessage,
  CreatedTime: epochSeconds(product.createdAt),
  IdempotencyToken: product.idempotencyToken,
  LastRecordId: product.lastRecordId,
  LastProvisioningRecordId: product.lastProvisioningRecordId,
  LastSuccessfulProvisioningRecordId: product.lastSuccessfulProvisioningRecordId,
  ProductId: product.productId,
  ProvisioningArtifactId: product.provisioningArtifactId,
  LaunchRoleArn: product.launchRoleArn,
});

/** ProvisionedProductAttribute (SearchProvisionedProducts): the detail with tags, names and the stack. */
export const renderProvisionedProductAttribute = (
  product: ProvisionedProductRecord,
  names: { readonly productName?: string; readonly artifactName?: string },
) => ({
  ...renderProvisionedProduct(product),
  Tags: product.tags,
  PhysicalId: product.stackId,
  ProductName: names.productName,
  ProvisioningArtifactName: names.artifactName,
  UserArn: product.userArn,
  UserArnSession: product.userArn,
});
