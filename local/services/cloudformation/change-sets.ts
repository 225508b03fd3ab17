import type { StackSettings } from './stack-records';
import type { Deployment } from './stack-runner';

export type ChangeAction = 'Add' | 'Modify' | 'Remove';

export interface ResourceChange {
  readonly action: ChangeAction;
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly resourceType: string;
  /** Modify only: a custom resource may be replaced, which only its provider decides. */
  readonly replacement?: 'True' | 'False' | 'Conditional';
}

export interface ChangeSetRecord {
  readonly changeSetId: string;
  readonly changeSetName: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly region: string;
  readonly changeSetType: 'CREATE' | 'UPDATE';
  status: 'CREATE_COMPLETE' | 'FAILED' | 'DELETE_COMPLETE';
  statusReason?: string;
  executionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_COMPLETE' | 'OBSOLETE';
  readonly createdAt: number;
  readonly description?: string;
  readonly deployment: Deployment;
  readonly settings: StackSettings;
  readonly changes: readonly ResourceChange[];
}

/** The change sets of the account, by id. */
export class ChangeSetStore {
  private readonly changeSets = new Map<string, ChangeSetRecord>();

  add(changeSet: ChangeSetRecord): void {
    this.changeSets.set(changeSet.changeSetId, changeSet);
  }

  remove(changeSetId: string): void {
    this.changeSets.delete(changeSetId);
  }

  /** By ARN, or by name within a stack (by the stack's name or id). */
  find(region: string, nameOrId: string, stack?: { readonly stackId: string }): ChangeSetRecord | undefined {
    if (nameOrId.startsWith('arn:')) {
      const found = this.changeSets.get(nameOrId);
      return found?.region === region ? found : undefined;
    }
    return [...this.changeSets.values()].find(
      (changeSet) =>
        changeSet.region === region &&
        changeSet.changeSetName === nameOrId &&
        changeSet.stackId === stack?.stackId,
    );
  }

  ofStack(stackId: string): ChangeSetRecord[] {
    return [...this.changeSets.values()].filter((changeSet) => changeSet.stackId === stackId);
  }
}
