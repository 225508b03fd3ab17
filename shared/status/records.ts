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
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface ManagedApiRecord {
  readonly apiKey: string;
  readonly state: ManagedApiState;
  /** The validated request that describes what the API should be. */
  readonly desired: Record<string, unknown>;
  readonly lastRequestId: string;
  readonly apiId?: string;
  readonly vpcEndpointId?: string;
  readonly stageName?: string;
  readonly invokeUrls?: Record<string, unknown>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}
