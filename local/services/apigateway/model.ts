/**
 * The records the local API Gateway keeps: plain JSON-serialisable data (they are what
 * `snapshot()` writes), mutated only by the handlers through the store.
 */

/** The three endpoint types of a REST API (EndpointType in the API Gateway model). */
export const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'] as const;
export type EndpointType = (typeof ENDPOINT_TYPES)[number];

export interface MethodResponseRecord {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
}

export interface IntegrationResponseRecord {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
}

export interface IntegrationRecord {
  type: string;
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace: string;
  cacheKeyParameters: string[];
  integrationResponses: Record<string, IntegrationResponseRecord>;
}

export interface MethodRecord {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  requestValidatorId?: string;
  authorizationScopes?: string[];
  methodResponses: Record<string, MethodResponseRecord>;
  integration?: IntegrationRecord;
}

export interface ResourceRecord {
  id: string;
  /** Creation order: the paging cursor. */
  seq: number;
  parentId?: string;
  pathPart?: string;
  path: string;
  methods: Record<string, MethodRecord>;
}

/** What a deployment froze: the method summary (GetDeployment embed=apisummary) and the policy. */
export interface DeploymentRecord {
  id: string;
  seq: number;
  description?: string;
  createdDateMs: number;
  apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
  /** The resource policy in force when deployed: policy changes take effect only after a new deployment. */
  policy?: string;
}

export interface MethodSettingRecord {
  metricsEnabled?: boolean;
  loggingLevel?: string;
  dataTraceEnabled?: boolean;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  cacheDataEncrypted?: boolean;
  requireAuthorizationForCacheControl?: boolean;
  unauthorizedCacheControlHeaderStrategy?: string;
}

export interface StageRecord {
  stageName: string;
  deploymentId: string;
  description?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  variables: Record<string, string>;
  methodSettings: Record<string, MethodSettingRecord>;
  tracingEnabled: boolean;
  tags: Record<string, string>;
  createdDateMs: number;
  lastUpdatedDateMs: number;
}

/** One VPC endpoint association of a private API, with the simulated time it was made (DNS alias propagation). */
export interface AssociationRecord {
  vpcEndpointId: string;
  associatedAtMs: number;
}

export interface RestApiRecord {
  id: string;
  seq: number;
  region: string;
  name: string;
  description?: string;
  version?: string;
  createdDateMs: number;
  binaryMediaTypes: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointType: EndpointType;
  ipAddressType?: string;
  /** endpointConfiguration.vpcEndpointIds, in the order they were added. */
  associations: AssociationRecord[];
  /** The stored policy: compact JSON with `execute-api:` resources expanded to ARNs. */
  policy?: string;
  tags: Record<string, string>;
  disableExecuteApiEndpoint: boolean;
  rootResourceId: string;
  resources: Record<string, ResourceRecord>;
  deployments: Record<string, DeploymentRecord>;
  stages: Record<string, StageRecord>;
}
