import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../../core/clock';
import {
  ResourceCancelled,
  ResourceFailure,
  type ResourceProvisioner,
} from './provisioners/resource-provisioner';
import { runGraph } from './run-graph';
import type {
  ResourceRecord,
  ResourceStatus,
  StackEvent,
  StackOutput,
  StackRecord,
  StackStatus,
} from './stack-records';
import type { StackStore } from './stack-store';
import {
  createStackScope,
  creationOrder,
  dependencyGraph,
  isCustomResourceType,
  NO_VALUE,
  type StackParameter,
  type StackScope,
  scalarText,
  type Template,
  type TemplateObject,
  TemplateValidationError,
  type TemplateValue,
} from './template';

export interface StackRunnerDeps {
  readonly clock: Clock;
  readonly store: StackStore;
  readonly accountId: string;
  provisionerFor(resourceType: string): ResourceProvisioner;
  availabilityZones(region: string): readonly string[];
  /** Told of every stack event as it is recorded (the in-process stack API's followers). */
  onEvent?(stack: StackRecord, event: StackEvent): void;
}

/** What one stack operation deploys: the template and the parameters it was given. */
export interface Deployment {
  readonly templateBody: string;
  readonly template: Template;
  readonly parameters: StackParameter[];
}

/** A resource that CloudFormation still has to delete: a removed one, or the old side of a replacement. */
interface DeleteItem {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly physicalId: string;
  readonly properties: TemplateObject;
}

/** Whether an evaluation read an attribute of a custom resource that answered NoEcho. */
export interface AttributeReads {
  noEcho: boolean;
}

/** One running stack operation: the stack, the template it works from and the scope it evaluates in. */
interface Operation {
  readonly stack: StackRecord;
  readonly deployment: Deployment;
  readonly scope: StackScope;
  readonly imports: Set<string>;
  readonly reads: AttributeReads;
  readonly clientRequestToken?: string;
}

const CANCELLED_CREATE = 'Resource creation cancelled';
const CANCELLED_UPDATE = 'Resource update cancelled';
const listOf = (ids: readonly string[]) => `[${ids.join(', ')}]`;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Works stacks through CloudFormation's lifecycle (docs/aws-facts.md, CloudFormation): creates
 * resources in dependency order (independent ones in parallel), rolls a failed create back by
 * deleting what it made (the failed custom resource too), updates in place or by replacement with
 * the old physical resources deleted in the cleanup phase, rolls a failed update back with Updates
 * carrying the old properties, and deletes in reverse dependency order. Every status change is a
 * stack event, oldest first in the record.
 */
export class StackRunner {
  constructor(private readonly deps: StackRunnerDeps) {}

  /** The scope a deployment's intrinsic functions are evaluated in, reading the stack's resources now. */
  scope(
    stack: StackRecord,
    deployment: Deployment,
    imports: Set<string> = new Set(),
    reads: AttributeReads = { noEcho: false },
  ): StackScope {
    const { store } = this.deps;
    return createStackScope(
      deployment.template,
      deployment.parameters,
      {
        stackId: stack.stackId,
        stackName: stack.stackName,
        region: stack.region,
        accountId: this.deps.accountId,
        notificationArns: stack.settings.notificationArns,
      },
      {
        resourceRef: (logicalId) => {
          const record = stack.resources.get(logicalId);
          if (!record || record.physicalId === '' || record.status === 'DELETE_COMPLETE') {
            throw new TemplateValidationError(
              `Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template`,
            );
          }
          return record.physicalId;
        },
        resourceAttribute: (logicalId, attribute) => {
          if (stack.resources.get(logicalId)?.noEcho === true) reads.noEcho = true;
          return attributeOf(stack, logicalId, attribute);
        },
        importValue: (exportName) => {
          const found = store.exports(stack.region).find((candidate) => candidate.name === exportName);
          if (!found) throw new TemplateValidationError(`No export named ${exportName} found.`);
          imports.add(exportName);
          return found.value;
        },
        availabilityZones: (region) => this.deps.availabilityZones(region),
      },
    );
  }

  /** Records a stack-level status change as CloudFormation shows it (an event of the stack itself). */
  stackStatus(stack: StackRecord, status: StackStatus, reason?: string, clientRequestToken?: string): void {
    stack.status = status;
    stack.statusReason = reason;
    this.record(stack, {
      eventId: randomUUID(),
      stackId: stack.stackId,
      stackName: stack.stackName,
      logicalId: stack.stackName,
      physicalId: stack.stackId,
      resourceType: 'AWS::CloudFormation::Stack',
      timestamp: this.deps.clock.now(),
      status,
      reason,
      clientRequestToken,
    });
  }

  /** An event of the stack that does not change its status (an export in use stops a delete). */
  stackNotice(stack: StackRecord, reason: string): void {
    this.stackStatus(stack, stack.status, reason);
  }

  /** Starts creating the stack's resources; the stack is CREATE_IN_PROGRESS already. */
  create(stack: StackRecord, clientRequestToken?: string): void {
    this.track(stack, () => this.runCreate(stack, clientRequestToken));
  }

  /** Starts updating the stack to a new deployment; the stack is UPDATE_IN_PROGRESS already. */
  update(stack: StackRecord, next: Deployment, clientRequestToken?: string): void {
    this.track(stack, () => this.runUpdate(stack, next, clientRequestToken));
  }

  /** Starts deleting the stack (after the operation running on it, if any). */
  delete(stack: StackRecord, retain: readonly string[], clientRequestToken?: string): void {
    if (stack.deleteQueued === true) return;
    const start = () => this.stackStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated', clientRequestToken);
    if (stack.running === undefined) {
      start();
      this.track(stack, () => this.runDelete(stack, retain, clientRequestToken));
      return;
    }
    // A create still running ends first (its own way); the delete starts from where it leaves the stack.
    stack.deleteQueued = true;
    this.track(stack, async () => {
      stack.deleteQueued = false;
      if (stack.status === 'DELETE_COMPLETE') return;
      start();
      await this.runDelete(stack, retain, clientRequestToken);
    });
  }

  private track(stack: StackRecord, run: () => Promise<void>): void {
    const previous = stack.running ?? Promise.resolve();
    const running = previous.then(run).catch((error: unknown) => {
      // A bug of the emulation must not leave the stack in progress for good.
      this.stackStatus(
        stack,
        failedStatusOf(stack.status),
        `Internal failure of the local CloudFormation: ${messageOf(error)}`,
      );
    });
    stack.running = running;
    void running.finally(() => {
      if (stack.running === running) stack.running = undefined;
    });
  }

  private operation(stack: StackRecord, deployment: Deployment, clientRequestToken?: string): Operation {
    const imports = new Set<string>();
    const reads: AttributeReads = { noEcho: false };
    return {
      stack,
      deployment,
      scope: this.scope(stack, deployment, imports, reads),
      imports,
      reads,
      clientRequestToken,
    };
  }

  private async runCreate(stack: StackRecord, clientRequestToken?: string): Promise<void> {
    const deployment: Deployment = {
      templateBody: stack.templateBody,
      template: stack.template,
      parameters: stack.parameters,
    };
    const op = this.operation(stack, deployment, clientRequestToken);
    const graph = dependencyGraph(deployment.template);
    const included = creationOrder(graph).filter((id) =>
      op.scope.isIncluded(deployment.template.Resources[id]?.Condition),
    );
    const outcome = await runGraph(
      included,
      (id) => graph.get(id) ?? [],
      (id, signal) => this.createResource(op, id, signal),
      { stopOnFailure: true },
    );
    let failure: string | undefined;
    if (outcome.failed.length > 0) {
      failure = `The following resource(s) failed to create: ${listOf(outcome.failed)}.`;
    } else {
      try {
        this.finishOutputs(op);
      } catch (error: unknown) {
        failure = messageOf(error);
      }
    }
    if (failure === undefined) {
      this.stackStatus(stack, 'CREATE_COMPLETE', undefined, clientRequestToken);
      return;
    }
    if (stack.settings.onFailure === 'DO_NOTHING') {
      this.stackStatus(stack, 'CREATE_FAILED', `${failure} `, clientRequestToken);
      return;
    }
    this.stackStatus(
      stack,
      'ROLLBACK_IN_PROGRESS',
      `${failure} Rollback requested by user.`,
      clientRequestToken,
    );
    const failedDeletes = await this.deleteResources(op, graph, [], false);
    if (failedDeletes.length > 0) {
      this.stackStatus(
        stack,
        'ROLLBACK_FAILED',
        `The following resource(s) failed to delete: ${listOf(failedDeletes)}. `,
        clientRequestToken,
      );
      return;
    }
    this.stackStatus(stack, 'ROLLBACK_COMPLETE', undefined, clientRequestToken);
    if (stack.settings.onFailure === 'DELETE') {
      this.stackStatus(stack, 'DELETE_IN_PROGRESS', 'User Initiated', clientRequestToken);
      this.finishDelete(stack, clientRequestToken);
    }
  }

  private async createResource(
    op: Operation,
    logicalId: string,
    signal: AbortSignal,
  ): Promise<'ok' | 'failed' | 'cancelled'> {
    const declaration = op.deployment.template.Resources[logicalId];
    if (!declaration) return 'failed';
    const record: ResourceRecord = {
      logicalId,
      type: declaration.Type,
      physicalId: '',
      status: 'CREATE_IN_PROGRESS',
      updatedAt: this.deps.clock.now(),
      properties: {},
      attributes: {},
      noEcho: false,
      metadata: declaration.Metadata,
    };
    op.stack.resources.set(logicalId, record);
    this.resourceEvent(op, record, 'CREATE_IN_PROGRESS');
    let properties: TemplateObject;
    try {
      properties = this.properties(op, logicalId);
    } catch (error: unknown) {
      this.resourceEvent(op, record, 'CREATE_FAILED', messageOf(error));
      return 'failed';
    }
    record.properties = properties;
    this.resourceEvent(op, record, 'CREATE_IN_PROGRESS', 'Resource creation Initiated');
    try {
      const result = await this.deps.provisionerFor(record.type).create({
        stack: op.stack,
        logicalId,
        resourceType: record.type,
        properties,
        signal,
      });
      record.physicalId = result.physicalId;
      record.attributes = { ...result.attributes };
      record.noEcho = result.noEcho;
      this.resourceEvent(op, record, 'CREATE_COMPLETE');
      return 'ok';
    } catch (error: unknown) {
      if (error instanceof ResourceFailure && error.physicalId !== undefined)
        record.physicalId = error.physicalId;
      const cancelled = error instanceof ResourceCancelled;
      this.resourceEvent(op, record, 'CREATE_FAILED', cancelled ? CANCELLED_CREATE : messageOf(error));
      return cancelled ? 'cancelled' : 'failed';
    }
  }

  private properties(op: Operation, logicalId: string): TemplateObject {
    const evaluated = op.scope.evaluate(op.deployment.template.Resources[logicalId]?.Properties ?? {});
    return evaluated === NO_VALUE ||
      typeof evaluated !== 'object' ||
      evaluated === null ||
      Array.isArray(evaluated)
      ? {}
      : evaluated;
  }

  private async runUpdate(stack: StackRecord, next: Deployment, clientRequestToken?: string): Promise<void> {
    const before = new Map([...stack.resources].map(([id, record]) => [id, { ...record }]));
    const previous: Deployment = {
      templateBody: stack.templateBody,
      template: stack.template,
      parameters: stack.parameters,
    };
    const previousOutputs = stack.outputs;
    const previousImports = stack.imports;
    stack.templateBody = next.templateBody;
    stack.template = next.template;
    stack.parameters = next.parameters;
    const op = this.operation(stack, next, clientRequestToken);
    const graph = dependencyGraph(next.template);
    const included = creationOrder(graph).filter((id) =>
      op.scope.isIncluded(next.template.Resources[id]?.Condition),
    );
    const created = new Set<string>();
    const touched = new Set<string>();
    const replaced: DeleteItem[] = [];
    const outcome = await runGraph(
      included,
      (id) => graph.get(id) ?? [],
      (id, signal) => {
        const old = before.get(id);
        if (!old || old.status === 'DELETE_COMPLETE' || old.physicalId === '') {
          created.add(id);
          return this.createResource(op, id, signal);
        }
        return this.updateResource(op, id, old, signal, touched, replaced);
      },
      { stopOnFailure: true },
    );

    let failure: string | undefined;
    const failedCreates = outcome.failed.filter((id) => created.has(id));
    if (outcome.failed.length > 0) {
      failure =
        failedCreates.length > 0
          ? `The following resource(s) failed to create: ${listOf(failedCreates)}.`
          : `The following resource(s) failed to update: ${listOf(outcome.failed)}.`;
    } else {
      try {
        this.checkExportsStillServed(stack, op, previousOutputs);
        this.finishOutputs(op);
      } catch (error: unknown) {
        failure = messageOf(error);
      }
    }

    if (failure === undefined) {
      this.stackStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined, clientRequestToken);
      // Cleanup: the old side of every replacement, then every resource the new template dropped.
      for (const item of replaced) await this.deleteItem(op, item, false);
      const oldOrder = creationOrder(dependencyGraph(previous.template)).reverse();
      for (const id of oldOrder.filter((candidate) => !included.includes(candidate))) {
        const record = stack.resources.get(id);
        if (!record || record.status === 'DELETE_COMPLETE') continue;
        const retained = previous.template.Resources[id]?.DeletionPolicy === 'Retain';
        await this.deleteItem(op, { ...record, resourceType: record.type }, true, retained);
        const status = stack.resources.get(id)?.status;
        if (status === 'DELETE_COMPLETE' || status === 'DELETE_SKIPPED') stack.resources.delete(id);
      }
      this.stackStatus(stack, 'UPDATE_COMPLETE', undefined, clientRequestToken);
      return;
    }

    this.stackStatus(stack, 'UPDATE_ROLLBACK_IN_PROGRESS', failure, clientRequestToken);
    stack.templateBody = previous.templateBody;
    stack.template = previous.template;
    stack.parameters = previous.parameters;
    const rollbackOp = this.operation(stack, previous, clientRequestToken);
    const order = creationOrder(graph).reverse();
    const leftOver: DeleteItem[] = [];
    const failedRollbacks: string[] = [];
    for (const id of order.filter((candidate) => touched.has(candidate))) {
      const old = before.get(id);
      const current = stack.resources.get(id);
      if (!old || !current) continue;
      if (!(await this.rollBackResource(rollbackOp, old, current, leftOver))) failedRollbacks.push(id);
    }
    if (failedRollbacks.length > 0) {
      this.stackStatus(
        stack,
        'UPDATE_ROLLBACK_FAILED',
        `The following resource(s) failed to update: ${listOf(failedRollbacks)}. `,
        clientRequestToken,
      );
      return;
    }
    stack.outputs = previousOutputs;
    stack.imports = previousImports;
    this.stackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, clientRequestToken);
    for (const id of order.filter((candidate) => created.has(candidate))) {
      const record = stack.resources.get(id);
      if (!record) continue;
      await this.deleteItem(rollbackOp, { ...record, resourceType: record.type }, true);
      if (stack.resources.get(id)?.status === 'DELETE_COMPLETE') stack.resources.delete(id);
    }
    for (const item of leftOver) await this.deleteItem(rollbackOp, item, false);
    this.stackStatus(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, clientRequestToken);
  }

  private async updateResource(
    op: Operation,
    logicalId: string,
    old: ResourceRecord,
    signal: AbortSignal,
    touched: Set<string>,
    replaced: DeleteItem[],
  ): Promise<'ok' | 'failed' | 'cancelled'> {
    const record = op.stack.resources.get(logicalId);
    if (!record) return 'failed';
    let properties: TemplateObject;
    try {
      properties = this.properties(op, logicalId);
    } catch (error: unknown) {
      touched.add(logicalId);
      this.setStatus(op, record, 'UPDATE_FAILED', messageOf(error));
      return 'failed';
    }
    if (isDeepStrictEqual(properties, old.properties)) return 'ok';
    touched.add(logicalId);
    this.setStatus(op, record, 'UPDATE_IN_PROGRESS');
    try {
      const result = await this.deps.provisionerFor(record.type).update({
        stack: op.stack,
        logicalId,
        resourceType: record.type,
        properties,
        oldProperties: old.properties,
        physicalId: old.physicalId,
        signal,
      });
      if (result.physicalId !== old.physicalId) {
        replaced.push({
          logicalId,
          resourceType: old.type,
          physicalId: old.physicalId,
          properties: old.properties,
        });
      }
      record.physicalId = result.physicalId;
      record.properties = properties;
      record.attributes = { ...result.attributes };
      record.noEcho = result.noEcho;
      this.setStatus(op, record, 'UPDATE_COMPLETE');
      return 'ok';
    } catch (error: unknown) {
      record.properties = properties;
      const cancelled = error instanceof ResourceCancelled;
      this.setStatus(op, record, 'UPDATE_FAILED', cancelled ? CANCELLED_UPDATE : messageOf(error));
      return cancelled ? 'cancelled' : 'failed';
    }
  }

  /**
   * Puts one resource back as it was before the failed update: a replaced one takes its old physical
   * resource back (the new one is deleted in the cleanup), one updated in place (or whose update
   * failed) gets an Update with the old properties.
   */
  private async rollBackResource(
    op: Operation,
    old: ResourceRecord,
    current: ResourceRecord,
    leftOver: DeleteItem[],
  ): Promise<boolean> {
    this.setStatus(op, current, 'UPDATE_IN_PROGRESS');
    if (current.physicalId !== old.physicalId) {
      leftOver.push({
        logicalId: current.logicalId,
        resourceType: current.type,
        physicalId: current.physicalId,
        properties: current.properties,
      });
      Object.assign(current, { ...old });
      this.setStatus(op, current, 'UPDATE_COMPLETE');
      return true;
    }
    try {
      const result = await this.deps.provisionerFor(current.type).update({
        stack: op.stack,
        logicalId: current.logicalId,
        resourceType: current.type,
        properties: old.properties,
        oldProperties: current.properties,
        physicalId: old.physicalId,
        signal: new AbortController().signal,
      });
      Object.assign(current, { ...old, attributes: { ...result.attributes }, noEcho: result.noEcho });
      if (result.physicalId !== old.physicalId) {
        leftOver.push({
          logicalId: old.logicalId,
          resourceType: old.type,
          physicalId: old.physicalId,
          properties: old.properties,
        });
        current.physicalId = result.physicalId;
      }
      this.setStatus(op, current, 'UPDATE_COMPLETE');
      return true;
    } catch (error: unknown) {
      this.setStatus(op, current, 'UPDATE_FAILED', messageOf(error));
      return false;
    }
  }

  private async runDelete(
    stack: StackRecord,
    retain: readonly string[],
    clientRequestToken?: string,
  ): Promise<void> {
    const deployment: Deployment = {
      templateBody: stack.templateBody,
      template: stack.template,
      parameters: stack.parameters,
    };
    const op = this.operation(stack, deployment, clientRequestToken);
    const failed = await this.deleteResources(op, dependencyGraph(stack.template), retain, true);
    if (failed.length > 0) {
      this.stackStatus(
        stack,
        'DELETE_FAILED',
        `The following resource(s) failed to delete: ${listOf(failed)}. `,
        clientRequestToken,
      );
      return;
    }
    this.finishDelete(stack, clientRequestToken);
  }

  private finishDelete(stack: StackRecord, clientRequestToken?: string): void {
    stack.outputs = [];
    stack.imports = [];
    stack.deletedAt = this.deps.clock.now();
    this.stackStatus(stack, 'DELETE_COMPLETE', undefined, clientRequestToken);
  }

  /**
   * Deletes every resource of the stack that exists, dependents before what they depend on; a
   * resource whose dependent failed to delete stays. Returns the resources that failed.
   */
  private async deleteResources(
    op: Operation,
    graph: ReadonlyMap<string, ReadonlySet<string>>,
    retain: readonly string[],
    honourDeletionPolicy: boolean,
  ): Promise<string[]> {
    const stack = op.stack;
    const order = creationOrder(graph).reverse();
    const targets = order.filter((id) => {
      const record = stack.resources.get(id);
      return (
        record !== undefined && record.status !== 'DELETE_COMPLETE' && record.status !== 'DELETE_SKIPPED'
      );
    });
    const dependents = (id: string) => targets.filter((other) => graph.get(other)?.has(id) === true);
    const outcome = await runGraph(
      targets,
      dependents,
      async (id) => {
        const record = stack.resources.get(id);
        if (!record) return 'ok';
        const declaration = stack.template.Resources[id];
        const retained =
          retain.includes(id) || (honourDeletionPolicy && declaration?.DeletionPolicy === 'Retain');
        const ok = await this.deleteItem(op, { ...record, resourceType: record.type }, true, retained);
        return ok ? 'ok' : 'failed';
      },
      { stopOnFailure: false },
    );
    return [...outcome.failed];
  }

  /** Deletes one physical resource, with its events; true when it is gone (or kept, as asked). */
  private async deleteItem(
    op: Operation,
    item: DeleteItem,
    isCurrent: boolean,
    retained = false,
  ): Promise<boolean> {
    const record: ResourceRecord = (isCurrent ? op.stack.resources.get(item.logicalId) : undefined) ?? {
      logicalId: item.logicalId,
      type: item.resourceType,
      physicalId: item.physicalId,
      status: 'DELETE_IN_PROGRESS',
      updatedAt: this.deps.clock.now(),
      properties: item.properties,
      attributes: {},
      noEcho: false,
    };
    const event = (status: ResourceStatus, reason?: string) =>
      isCurrent
        ? this.setStatus(op, record, status, reason)
        : this.resourceEvent(op, { ...record }, status, reason);
    if (retained) {
      event('DELETE_SKIPPED');
      return true;
    }
    event('DELETE_IN_PROGRESS');
    if (record.physicalId === '' && !isCustomResourceType(record.type)) {
      event('DELETE_COMPLETE');
      return true;
    }
    // A custom resource that never answered its Create still gets a Delete (docs/aws-facts.md, CloudFormation).
    const physicalId =
      record.physicalId === '' ? generatedPhysicalId(op.stack, record.logicalId) : record.physicalId;
    try {
      await this.deps.provisionerFor(record.type).delete({
        stack: op.stack,
        logicalId: record.logicalId,
        resourceType: record.type,
        properties: record.properties,
        physicalId,
        signal: new AbortController().signal,
      });
      event('DELETE_COMPLETE');
      return true;
    } catch (error: unknown) {
      event('DELETE_FAILED', messageOf(error));
      return false;
    }
  }

  /** Evaluates the Outputs of the deployment and checks that its exports are the account's to take. */
  private finishOutputs(op: Operation): void {
    const { stack, deployment, scope } = op;
    const outputs: StackOutput[] = [];
    for (const [key, declaration] of Object.entries(deployment.template.Outputs)) {
      if (!scope.isIncluded(declaration.Condition)) continue;
      op.reads.noEcho = false;
      const value = outputText(scope.evaluate(declaration.Value), `Outputs/${key}/Value`);
      // A value read from a NoEcho custom resource's Data is shown masked (docs/aws-facts.md, CloudFormation).
      const masked = op.reads.noEcho;
      const exportName =
        declaration.Export === undefined
          ? undefined
          : outputText(scope.evaluate(declaration.Export.Name), `Outputs/${key}/Export/Name`);
      outputs.push({ key, value, description: declaration.Description, exportName, masked });
    }
    for (const output of outputs) {
      if (output.exportName === undefined) continue;
      const taken = this.deps.store
        .exports(stack.region)
        .find((candidate) => candidate.name === output.exportName && candidate.stackId !== stack.stackId);
      if (taken) {
        const owner = this.deps.store.find(stack.region, taken.stackId)?.stackName ?? taken.stackId;
        throw new TemplateValidationError(
          `Export with name ${output.exportName} is already exported by stack ${owner}`,
        );
      }
    }
    stack.outputs = outputs;
    stack.imports = [...op.imports];
  }

  /** An export another stack imports cannot go away or change (docs/aws-facts.md, CloudFormation). */
  private checkExportsStillServed(
    stack: StackRecord,
    op: Operation,
    previousOutputs: readonly StackOutput[],
  ): void {
    const next = new Map<string, string>();
    for (const [key, declaration] of Object.entries(op.deployment.template.Outputs)) {
      if (declaration.Export === undefined || !op.scope.isIncluded(declaration.Condition)) continue;
      const name = outputText(op.scope.evaluate(declaration.Export.Name), `Outputs/${key}/Export/Name`);
      next.set(name, outputText(op.scope.evaluate(declaration.Value), `Outputs/${key}/Value`));
    }
    for (const output of previousOutputs) {
      if (output.exportName === undefined) continue;
      const importers = this.deps.store
        .importers(stack.region, output.exportName)
        .filter((name) => name !== stack.stackName);
      if (importers.length === 0) continue;
      const value = next.get(output.exportName);
      if (value === undefined) {
        throw new TemplateValidationError(
          `Export ${output.exportName} cannot be deleted as it is in use by ${importers.join(', ')}`,
        );
      }
      if (value !== output.value) {
        throw new TemplateValidationError(
          `Export ${output.exportName} cannot be updated as it is in use by ${importers.join(', ')}`,
        );
      }
    }
  }

  private record(stack: StackRecord, event: StackEvent): void {
    stack.events.push(event);
    this.deps.onEvent?.(stack, event);
  }

  private setStatus(op: Operation, record: ResourceRecord, status: ResourceStatus, reason?: string): void {
    this.resourceEvent(op, record, status, reason);
  }

  private resourceEvent(
    op: Operation,
    record: ResourceRecord,
    status: ResourceStatus,
    reason?: string,
  ): void {
    const now = this.deps.clock.now();
    record.status = status;
    record.statusReason = reason;
    record.updatedAt = now;
    this.record(op.stack, {
      eventId: `${record.logicalId}-${randomUUID()}`,
      stackId: op.stack.stackId,
      stackName: op.stack.stackName,
      logicalId: record.logicalId,
      physicalId: record.physicalId,
      resourceType: record.type,
      timestamp: now,
      status,
      reason,
      clientRequestToken: op.clientRequestToken,
    });
  }
}

/** Fn::GetAtt of a resource: a custom resource's Data, with CloudFormation's error for a missing key. */
function attributeOf(stack: StackRecord, logicalId: string, attribute: string): TemplateValue {
  const record = stack.resources.get(logicalId);
  if (!record || record.physicalId === '') {
    throw new TemplateValidationError(
      `Template format error: Unresolved resource dependencies [${logicalId}] in the Resources block of the template`,
    );
  }
  if (Object.hasOwn(record.attributes, attribute)) return record.attributes[attribute] ?? null;
  if (isCustomResourceType(record.type)) {
    throw new TemplateValidationError(
      `CustomResource attribute error: Vendor response doesn't contain ${attribute} key in object ${stack.stackId}|${logicalId}`,
    );
  }
  throw new TemplateValidationError(
    `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`,
  );
}

function outputText(value: TemplateValue | typeof NO_VALUE, where: string): string {
  if (value === NO_VALUE)
    throw new TemplateValidationError(`Template error: ${where} cannot be AWS::NoValue`);
  if (Array.isArray(value)) return value.map((item) => scalarText(item) ?? '').join(',');
  const text = typeof value === 'object' ? undefined : scalarText(value);
  if (text === undefined) throw new TemplateValidationError(`Template error: ${where} must be a string`);
  return text;
}

/** The name CloudFormation gives a resource that has none: `{stack}-{logical id}-{random}` (*unverified* for custom resources). */
function generatedPhysicalId(stack: StackRecord, logicalId: string): string {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase();
  return `${stack.stackName}-${logicalId}-${suffix}`;
}

/** Where an operation that crashed leaves the stack. */
function failedStatusOf(status: StackStatus): StackStatus {
  if (status.startsWith('ROLLBACK')) return 'ROLLBACK_FAILED';
  if (status.startsWith('UPDATE_ROLLBACK')) return 'UPDATE_ROLLBACK_FAILED';
  if (status.startsWith('UPDATE')) return 'UPDATE_ROLLBACK_FAILED';
  if (status.startsWith('DELETE')) return 'DELETE_FAILED';
  return 'CREATE_FAILED';
}
