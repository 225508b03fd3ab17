import type { Clock } from '../../core/clock';
import type { Xml } from '../../core/xml';
import type { ChangeSetStore } from './change-sets';
import type { QueryInput } from './query-input';
import type { StackRunner } from './stack-runner';
import type { StackStore } from './stack-store';

/** Everything one CloudFormation operation needs to answer a call. */
export interface CloudFormationContext {
  readonly input: QueryInput;
  /** From the SigV4 credential scope: stacks of other Regions are invisible. */
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly store: StackStore;
  readonly changeSets: ChangeSetStore;
  readonly runner: StackRunner;
  /** Reads a TemplateURL (an object of the local S3). */
  fetchTemplate(url: string): Promise<string>;
}

/** An operation: answers with the members of its `{Action}Result`, or nothing (DeleteStack). */
export type CloudFormationOperation = (
  ctx: CloudFormationContext,
) => Promise<Xml | undefined> | Xml | undefined;
