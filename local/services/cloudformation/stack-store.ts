import { randomUUID } from 'node:crypto';
import type { StackRecord } from './stack-records';

export interface ExportRecord {
  readonly name: string;
  readonly value: string;
  readonly stackId: string;
}

/** The stack id: `arn:aws:cloudformation:{region}:{account}:stack/{name}/{uuid}`. */
export const stackIdOf = (region: string, accountId: string, stackName: string): string =>
  `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${randomUUID()}`;

const isLive = (stack: StackRecord) => stack.status !== 'DELETE_COMPLETE';

/**
 * The stacks of the account, in every Region. A stack is found by name while it lives, and by its
 * id for as long as CloudFormation keeps deleted stacks (this emulation: until the cloud stops).
 */
export class StackStore {
  private readonly stacks = new Map<string, StackRecord>();

  add(stack: StackRecord): void {
    this.stacks.set(stack.stackId, stack);
  }

  remove(stackId: string): void {
    this.stacks.delete(stackId);
  }

  /** A stack by name (live ones only) or by id (deleted ones too), in a Region. */
  find(region: string, nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) {
      const stack = this.stacks.get(nameOrId);
      return stack?.region === region ? stack : undefined;
    }
    return this.list(region).find((stack) => stack.stackName === nameOrId && isLive(stack));
  }

  /** Every stack of every Region. */
  all(): StackRecord[] {
    return [...this.stacks.values()];
  }

  /** Every stack of a Region, deleted ones included, oldest first. */
  list(region: string): StackRecord[] {
    return [...this.stacks.values()].filter((stack) => stack.region === region);
  }

  /** The exports of the live stacks of a Region. */
  exports(region: string): ExportRecord[] {
    return this.list(region)
      .filter(isLive)
      .flatMap((stack) =>
        stack.outputs.flatMap((output) =>
          output.exportName === undefined
            ? []
            : [{ name: output.exportName, value: output.value, stackId: stack.stackId }],
        ),
      );
  }

  /** The names of the live stacks that import an export. */
  importers(region: string, exportName: string): string[] {
    return this.list(region)
      .filter((stack) => isLive(stack) && stack.imports.includes(exportName))
      .map((stack) => stack.stackName);
  }
}
