/** The records of the local Service Catalog, as the API's shapes name their members. */

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface Principal {
  readonly PrincipalARN: string;
  readonly PrincipalType: 'IAM' | 'IAM_PATTERN';
}

export interface PortfolioRecord {
  readonly id: string;
  readonly region: string;
  readonly displayName: string;
  readonly description?: string;
  readonly providerName: string;
  readonly createdAt: number;
  readonly tags: readonly Tag[];
  principals: Principal[];
  /** Associated products, in the order they were associated. */
  productIds: string[];
}

/** A version of a product: its template, read from its LoadTemplateFromURL when it was created. */
export interface ArtifactRecord {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly type: 'CLOUD_FORMATION_TEMPLATE';
  readonly createdAt: number;
  readonly active: boolean;
  readonly guidance: 'DEFAULT' | 'DEPRECATED';
  readonly templateUrl: string;
  readonly templateBody: string;
}

export interface ProductRecord {
  readonly id: string;
  /** The product view's id (`prodview-…`), ProductViewSummary.Id. */
  readonly viewId: string;
  readonly region: string;
  readonly name: string;
  readonly owner: string;
  readonly description?: string;
  readonly distributor?: string;
  readonly supportDescription?: string;
  readonly supportEmail?: string;
  readonly supportUrl?: string;
  readonly productType: 'CLOUD_FORMATION_TEMPLATE';
  readonly createdAt: number;
  readonly tags: readonly Tag[];
  readonly artifacts: ArtifactRecord[];
}

export interface ConstraintRecord {
  readonly id: string;
  readonly region: string;
  readonly type: string;
  readonly description?: string;
  /** As given: a JSON document. */
  readonly parameters: string;
  readonly portfolioId: string;
  readonly productId: string;
  readonly owner: string;
}

export type ProvisionedProductStatus = 'AVAILABLE' | 'UNDER_CHANGE' | 'TAINTED' | 'ERROR';

export interface ProvisionedProductRecord {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly idempotencyToken: string;
  readonly productId: string;
  /** The version the stack runs: changed by an update that succeeds. */
  provisioningArtifactId: string;
  pathId: string;
  launchRoleArn?: string;
  readonly stackName: string;
  stackId?: string;
  status: ProvisionedProductStatus;
  statusMessage?: string;
  /** The tags given to ProvisionProduct and the aws:servicecatalog:* tags: the stack's tags. */
  readonly tags: readonly Tag[];
  readonly userArn: string;
  lastRecordId: string;
  lastProvisioningRecordId: string;
  lastSuccessfulProvisioningRecordId?: string;
}

export type RecordType = 'PROVISION_PRODUCT' | 'UPDATE_PROVISIONED_PRODUCT' | 'TERMINATE_PROVISIONED_PRODUCT';

export type RecordStatus = 'CREATED' | 'IN_PROGRESS' | 'IN_PROGRESS_IN_ERROR' | 'SUCCEEDED' | 'FAILED';

export interface RecordError {
  readonly Code: string;
  readonly Description: string;
}

export interface RecordOutput {
  readonly OutputKey: string;
  readonly OutputValue: string;
  readonly Description?: string;
}

/** One request on a provisioned product (DescribeRecord's RecordDetail). */
export interface RequestRecord {
  readonly id: string;
  readonly region: string;
  readonly type: RecordType;
  status: RecordStatus;
  readonly createdAt: number;
  updatedAt: number;
  readonly provisionedProductId: string;
  readonly provisionedProductName: string;
  readonly productId: string;
  /** The version this request moves the provisioned product to. */
  readonly provisioningArtifactId: string;
  readonly pathId: string;
  readonly launchRoleArn?: string;
  readonly errors: RecordError[];
  readonly tags: readonly Tag[];
  outputs: RecordOutput[];
  /** Terminate only: the provisioned product goes even if its stack fails to delete. */
  readonly ignoreErrors?: boolean;
  /** The provisioned product's status when the request came: what a refused update or delete leaves. */
  readonly previousProductStatus?: ProvisionedProductStatus;
}

export const isActive = (record: RequestRecord): boolean =>
  record.status === 'CREATED' || record.status === 'IN_PROGRESS' || record.status === 'IN_PROGRESS_IN_ERROR';
