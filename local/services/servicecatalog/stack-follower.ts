import { randomUUID } from 'node:crypto';
import type { AwsError } from '../../core/aws-error';
import type { Clock } from '../../core/clock';
import type { StackApi, StackEvent, StackStatus } from '../cloudformation';
import type { CatalogStore } from './catalog-store';
import {
  isActive,
  type ProvisionedProductRecord,
  type ProvisionedProductStatus,
  type RecordOutput,
  type RecordType,
  type RequestRecord,
} from './records';

const STACK_TYPE = 'AWS::CloudFormation::Stack';
/** The output Service Catalog adds to a record's outputs: the stack it launched. */
export const STACK_ARN_OUTPUT = 'CloudformationStackARN';
/** A resource that fails because another one did says so; it is not a reason of its own. */
const CANCELLED = /^Resource (creation|update) cancelled$/;

/** Where a stack status leaves a request of a type: still running, in error (a rollback), or done. */
type Phase =
  | { readonly kind: 'running'; readonly inError: boolean }
  | { readonly kind: 'succeeded' }
  | { readonly kind: 'failed'; readonly productStatus: ProvisionedProductStatus };

/**
 * How Service Catalog reads its stack (docs/aws-facts.md, Service Catalog): a provision follows
 * the create (a rollback is IN_PROGRESS_IN_ERROR; a rolled-back create leaves the product ERROR),
 * an update follows the update (rolled back to the old version: TAINTED; a failed rollback: ERROR),
 * a terminate follows the delete.
 */
function phaseOf(
  type: RecordType,
  status: StackStatus,
  previous: ProvisionedProductStatus,
): Phase | undefined {
  switch (type) {
    case 'PROVISION_PRODUCT':
      if (status === 'CREATE_IN_PROGRESS') return { kind: 'running', inError: false };
      if (status === 'ROLLBACK_IN_PROGRESS') return { kind: 'running', inError: true };
      if (status === 'CREATE_COMPLETE') return { kind: 'succeeded' };
      if (status === 'CREATE_FAILED' || status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED') {
        return { kind: 'failed', productStatus: 'ERROR' };
      }
      return undefined;
    case 'UPDATE_PROVISIONED_PRODUCT':
      if (status === 'UPDATE_IN_PROGRESS' || status === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS') {
        return { kind: 'running', inError: false };
      }
      if (
        status === 'UPDATE_ROLLBACK_IN_PROGRESS' ||
        status === 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
      ) {
        return { kind: 'running', inError: true };
      }
      if (status === 'UPDATE_COMPLETE') return { kind: 'succeeded' };
      if (status === 'UPDATE_ROLLBACK_COMPLETE') return { kind: 'failed', productStatus: 'TAINTED' };
      if (status === 'UPDATE_ROLLBACK_FAILED' || status === 'UPDATE_FAILED') {
        return { kind: 'failed', productStatus: 'ERROR' };
      }
      return undefined;
    case 'TERMINATE_PROVISIONED_PRODUCT':
      if (status === 'DELETE_IN_PROGRESS') return { kind: 'running', inError: false };
      if (status === 'DELETE_COMPLETE') return { kind: 'succeeded' };
      if (status === 'DELETE_FAILED') return { kind: 'failed', productStatus: 'ERROR' };
      // The delete did not start (an export of the stack is in use): the stack runs on as it was.
      return { kind: 'failed', productStatus: previous };
  }
}

export interface StackFollowerDeps {
  readonly store: CatalogStore;
  readonly clock: Clock;
  readonly stacks: StackApi;
  readonly accountId: string;
}

/**
 * Keeps records and provisioned products in step with their stacks: told of every event of the
 * local CloudFormation, it moves the oldest running request of the stack's provisioned product
 * (requests on one stack run one after the other) and the product's status with it.
 */
export class StackFollower {
  constructor(private readonly deps: StackFollowerDeps) {}

  /** A request starts: the record is CREATED and the provisioned product UNDER_CHANGE. */
  begin(product: ProvisionedProductRecord, record: RequestRecord): void {
    this.deps.store.records.set(record.id, record);
    product.lastRecordId = record.id;
    if (record.type !== 'TERMINATE_PROVISIONED_PRODUCT') product.lastProvisioningRecordId = record.id;
    product.status = 'UNDER_CHANGE';
    product.statusMessage = undefined;
  }

  /** CloudFormation refused the call itself (a parameter that is not valid, say): the request fails at once. */
  refused(
    product: ProvisionedProductRecord,
    record: RequestRecord,
    error: AwsError,
    productStatus: ProvisionedProductStatus,
  ): void {
    record.errors.push({ Code: error.code, Description: error.message });
    // How AWS words a refusal of CloudFormation's in StatusMessage (the API examples of DescribeProvisionedProduct).
    const message = `AmazonCloudFormationException  ${error.message} (Service: AmazonCloudFormation; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()})`;
    this.finish(product, record, { kind: 'failed', productStatus }, message);
  }

  /** The request is done without the stack doing anything (no updates to perform, nothing to delete). */
  succeeded(product: ProvisionedProductRecord, record: RequestRecord): void {
    this.finish(product, record, { kind: 'succeeded' });
  }

  /** One event of the local CloudFormation. */
  onEvent(event: StackEvent): void {
    const prefix = `SC-${this.deps.accountId}-`;
    if (!event.stackName.startsWith(prefix)) return;
    const product = this.deps.store.provisionedProducts.get(event.stackName.slice(prefix.length));
    if (!product) return;
    // The first events come while CreateStack is still answering.
    product.stackId ??= event.stackId;
    const record = this.deps.store.recordsOf(product.id).find(isActive);
    if (!record) return;
    record.updatedAt = this.deps.clock.now();
    const failed = event.status.endsWith('_FAILED') || event.status.endsWith('ROLLBACK_IN_PROGRESS');
    if (event.resourceType !== STACK_TYPE || event.logicalId !== event.stackName) {
      if (failed && event.reason !== undefined && !CANCELLED.test(event.reason)) {
        record.errors.push({ Code: event.status, Description: `${event.logicalId}: ${event.reason}` });
      }
      return;
    }
    const phase = phaseOf(
      record.type,
      event.status as StackStatus,
      record.previousProductStatus ?? product.status,
    );
    if (phase === undefined) return;
    if (failed && event.reason !== undefined && event.reason.trim() !== '') {
      record.errors.push({ Code: event.status, Description: event.reason.trim() });
    }
    if (phase.kind === 'running') {
      record.status = phase.inError ? 'IN_PROGRESS_IN_ERROR' : 'IN_PROGRESS';
      return;
    }
    if (
      phase.kind === 'failed' &&
      record.type === 'TERMINATE_PROVISIONED_PRODUCT' &&
      record.ignoreErrors === true
    ) {
      // IgnoreErrors: Service Catalog stops managing the product even though its stack stays.
      this.finish(product, record, { kind: 'succeeded' });
      return;
    }
    if (phase.kind === 'failed' && record.errors.length === 0 && event.reason !== undefined) {
      record.errors.push({ Code: event.status, Description: event.reason });
    }
    this.finish(product, record, phase);
  }

  private finish(
    product: ProvisionedProductRecord,
    record: RequestRecord,
    phase: Exclude<Phase, { kind: 'running' }>,
    statusMessage?: string,
  ): void {
    const { store } = this.deps;
    record.updatedAt = this.deps.clock.now();
    if (phase.kind === 'failed') {
      record.status = 'FAILED';
      product.status = phase.productStatus;
      product.statusMessage = statusMessage ?? record.errors[0]?.Description;
    } else {
      record.status = 'SUCCEEDED';
      if (record.type === 'TERMINATE_PROVISIONED_PRODUCT') {
        store.provisionedProducts.delete(product.id);
        return;
      }
      record.outputs = this.outputsOf(product);
      product.status = 'AVAILABLE';
      product.statusMessage = undefined;
      product.provisioningArtifactId = record.provisioningArtifactId;
      product.pathId = record.pathId;
      product.lastSuccessfulProvisioningRecordId = record.id;
    }
    // A terminate asked for while this request ran keeps the product under change.
    if (store.recordsOf(product.id).some(isActive)) product.status = 'UNDER_CHANGE';
  }

  /** RecordOutputs: the stack's ARN, then the stack's outputs as DescribeStacks shows them. */
  private outputsOf(product: ProvisionedProductRecord): RecordOutput[] {
    const stack =
      product.stackId === undefined
        ? undefined
        : this.deps.stacks.describeStack(product.region, product.stackId);
    if (!stack) return [];
    return [
      {
        OutputKey: STACK_ARN_OUTPUT,
        OutputValue: stack.stackId,
        Description: 'The ARN of the launched Cloudformation Stack',
      },
      ...stack.outputs.map((output) => ({
        OutputKey: output.key,
        OutputValue: output.value,
        Description: output.description,
      })),
    ];
  }
}
