import type { StackParameter, Template, TemplateObject, TemplateValue } from './template';

/** Stack statuses, as the API spells them (docs/aws-facts.md, CloudFormation). */
export type StackStatus =
  | 'REVIEW_IN_PROGRESS'
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_COMPLETE'
  | 'ROLLBACK_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE';

/** Resource statuses this emulation reports. */
export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'DELETE_SKIPPED';

/** The statuses an UpdateStack may start from. */
export const UPDATABLE_STATUSES: ReadonlySet<StackStatus> = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
]);

export const isInProgress = (status: StackStatus): boolean => status.endsWith('_IN_PROGRESS');

export interface ResourceRecord {
  readonly logicalId: string;
  readonly type: string;
  /** '' until the resource has one. */
  physicalId: string;
  status: ResourceStatus;
  statusReason?: string;
  /** Simulated epoch ms of the last status change. */
  updatedAt: number;
  /** The properties as last sent to the provider, intrinsic functions evaluated. */
  properties: TemplateObject;
  /** Fn::GetAtt's values (a custom resource's Data). */
  attributes: Record<string, TemplateValue>;
  /** A custom resource answered NoEcho: its attributes are masked where the API shows them. */
  noEcho: boolean;
  description?: string;
  metadata?: TemplateObject;
}

export interface StackEvent {
  readonly eventId: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly timestamp: number;
  readonly status: string;
  readonly reason?: string;
  readonly clientRequestToken?: string;
}

export interface StackOutput {
  readonly key: string;
  readonly value: string;
  readonly description?: string;
  readonly exportName?: string;
  /** Read from the Data of a custom resource that answered NoEcho: DescribeStacks shows it masked. */
  readonly masked?: boolean;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** What an operation on a stack was asked with, apart from the template and parameters. */
export interface StackSettings {
  readonly tags: readonly Tag[];
  readonly capabilities: readonly string[];
  readonly notificationArns: readonly string[];
  readonly disableRollback: boolean;
  readonly timeoutInMinutes?: number;
  readonly roleArn?: string;
  /** CreateStack's OnFailure: ROLLBACK (default), DO_NOTHING, DELETE. */
  readonly onFailure: 'ROLLBACK' | 'DO_NOTHING' | 'DELETE';
}

export interface StackRecord {
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  status: StackStatus;
  statusReason?: string;
  readonly createdAt: number;
  updatedAt?: number;
  deletedAt?: number;
  templateBody: string;
  template: Template;
  parameters: StackParameter[];
  outputs: StackOutput[];
  /** The export names this stack's template imports (Fn::ImportValue), as last deployed. */
  imports: string[];
  resources: Map<string, ResourceRecord>;
  /** Oldest first; DescribeStackEvents answers newest first. */
  readonly events: StackEvent[];
  settings: StackSettings;
  changeSetId?: string;
  enableTerminationProtection: boolean;
  /** The operation running on the stack, if any (create, update, delete and their rollbacks). */
  running?: Promise<void>;
  /** A DeleteStack waits for the running operation to end. */
  deleteQueued?: boolean;
}
