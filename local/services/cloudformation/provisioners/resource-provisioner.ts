import type { StackRecord } from '../stack-records';
import type { TemplateObject, TemplateValue } from '../template';

/** One request to a resource's provider: what CloudFormation knows of the resource at that moment. */
export interface ProvisionRequest {
  readonly stack: StackRecord;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly properties: TemplateObject;
  /** Update: the properties the resource has now. */
  readonly oldProperties?: TemplateObject;
  /** Update and Delete: the resource's physical id. */
  readonly physicalId?: string;
  /** Aborted when the stack operation cancels the resource's work (another resource failed). */
  readonly signal: AbortSignal;
}

export interface ProvisionResult {
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, TemplateValue>>;
  readonly noEcho: boolean;
}

/** How CloudFormation creates, updates and deletes one resource type. */
export interface ResourceProvisioner {
  create(request: ProvisionRequest): Promise<ProvisionResult>;
  update(request: ProvisionRequest): Promise<ProvisionResult>;
  delete(request: ProvisionRequest): Promise<void>;
}

/**
 * A resource operation that failed, with the ResourceStatusReason CloudFormation shows. A failed
 * Create may still name the physical id the provider gave (a custom resource's FAILED answer does):
 * the rollback's Delete is sent for it.
 */
export class ResourceFailure extends Error {
  readonly physicalId: string | undefined;
  constructor(reason: string, physicalId?: string) {
    super(reason);
    this.name = 'ResourceFailure';
    this.physicalId = physicalId;
  }
}

/** The work on a resource was cancelled because another resource of the stack failed. */
export class ResourceCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ResourceCancelled';
  }
}
