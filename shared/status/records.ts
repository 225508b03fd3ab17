/** Request lifecycle: ACCEPTED → IN_PROGRESS → SUCCEEDED | FAILED; or REJECTED at intake. */
export type RequestStatus = 'ACCEPTED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'REJECTED';
export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'ACCEPTED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'REJECTED',
];
/** Statuses a request can still move on from; a replayed write never moves a record out of a final one. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['ACCEPTED', 'IN_PROGRESS'];

export type ManagedApiState = 'PROVISIONING' | 'ACTIVE' | 'FAILED' | 'UPDATING' | 'DELETING' | 'DELETED';
export const MANAGED_API_STATES: readonly ManagedApiState[] = [
  'PROVISIONING',
  'ACTIVE',
  'FAILED',
  'UPDATING',
  'DELETING',
  'DELETED',
];

export interface StepEntry {
  readonly step: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** done: the step's work is complete; waiting: a poll that will run again; failed: it threw. */
  readonly outcome: 'done' | 'waiting' | 'failed';
  readonly error?: { readonly name: string; readonly message: string };
}

export interface RequestError {
  readonly step: string;
  readonly name: string;
  readonly message: string;
  /** What the control plane undid after the failure (a failed create leaves nothing behind). */
  readonly undone?: readonly string[];
  /** The undo itself failed: reported, never hidden. */
  readonly undoError?: { readonly name: string; readonly message: string };
}

/** Who sent a request: the event's source, and for the Service Catalog product the stack and resource. */
export interface RequestCaller {
  readonly source: string;
  readonly stackId?: string;
  readonly logicalResourceId?: string;
}

export interface RequestRecord {
  readonly requestId: string;
  readonly apiKey?: string;
  readonly action?: string;
  readonly status: RequestStatus;
  readonly currentStep?: string;
  readonly steps: readonly StepEntry[];
  readonly outputs?: Record<string, unknown>;
  readonly error?: RequestError;
  /** Field-level reasons of a REJECTED request. */
  readonly reasons?: readonly { readonly field: string; readonly message: string }[];
  readonly executionArn?: string;
  readonly requestHash?: string;
  readonly caller?: RequestCaller;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ManagedApiRecord {
  readonly apiKey: string;
  readonly state: ManagedApiState;
  /** The validated request that describes what the API should be. */
  readonly desired: Record<string, unknown>;
  /** The last request whose spec was applied in full: what a failed update returns to. */
  readonly lastGood?: Record<string, unknown>;
  /** Every endpoint associated with the API (the primary one first). */
  readonly associatedEndpointIds?: readonly string[];
  readonly lastRequestId: string;
  /** The REST API this record owns: the control plane's own account, never a tag. */
  readonly apiId?: string;
  /** Reserved before CreateRestApi and put on the API: finds it again when the answer was lost. */
  readonly apiCreationToken?: string;
  readonly vpcEndpointId?: string;
  readonly stageName?: string;
  readonly invokeUrls?: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/**
 * Which managed APIs use a VPC endpoint, and whether the control plane created it: an endpoint
 * is deleted only when the control plane created it and no managed API uses it any more.
 */
export interface EndpointRecord {
  readonly vpcEndpointId: string;
  readonly vpcId: string;
  readonly createdByControlPlane: boolean;
  /** The request whose workflow created the endpoint, when the control plane did. */
  readonly createdByRequestId?: string;
  /** apiKeys of the managed APIs that use it (a DynamoDB string set: absent when empty). */
  readonly users: readonly string[];
  readonly state: 'ACTIVE' | 'DELETING' | 'DELETED';
  readonly updatedAt: string;
}

/** Serializes the operations on one apiKey: held by one request until it ends or the lease expires. */
export interface LeaseRecord {
  readonly apiKey: string;
  readonly holder: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}
