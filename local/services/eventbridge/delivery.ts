import { isAwsError } from '../../core/aws-error';
import type { ClockTimers } from '../../core/clock-timers';
import type { LambdaService } from '../lambda';
import type { StepFunctionsService } from '../stepfunctions';
import { type RuleReference, type TargetInputSpec, targetInput } from './target-input';

/** A rule target as PutTargets stored it. */
export interface TargetRecord extends TargetInputSpec {
  readonly Id: string;
  readonly Arn: string;
  readonly RoleArn?: string;
  /** Every other member PutTargets was given, echoed by ListTargetsByRule. */
  readonly [member: string]: unknown;
}

/** One attempt to hand an event to a target. */
export interface DeliveryRecord {
  readonly eventId: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly targetArn: string;
  /** 2 for the duplicate delivered when duplicate deliveries are on. */
  readonly copy: number;
  readonly deliveredAt: string;
  readonly outcome: 'delivered' | 'failed';
  readonly error?: string;
}

export interface DeliveryDeps {
  readonly lambda: Pick<LambdaService, 'invoke'>;
  readonly stepFunctions: Pick<StepFunctionsService, 'startExecution'>;
  readonly timers: ClockTimers;
  readonly now: () => number;
}

/** EventBridge hands events to targets shortly after PutEvents returns: never inside the call. */
export const DELIVERY_LATENCY_MS = 200;
/** The delivery journal keeps the most recent deliveries only. */
const MAX_DELIVERY_RECORDS = 10_000;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:/;
const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:/;

/**
 * Delivers matched events to rule targets, asynchronously on the cloud's clock: a Lambda function
 * is invoked asynchronously (Lambda then retries failures itself); a state machine gets a
 * StartExecution with a generated name (a target cannot choose it: AWS-FACTS). With duplicate
 * deliveries on, every delivery happens twice with the same event id, as at-least-once delivery allows.
 */
export class EventDelivery {
  private readonly journal: DeliveryRecord[] = [];
  duplicates = false;

  constructor(private readonly deps: DeliveryDeps) {}

  /**
   * Schedules the delivery of an event to one target of a rule. The target's input is made at
   * delivery, as on AWS: a failure there is a failed delivery in the journal, never PutEvents'.
   */
  schedule(event: Record<string, unknown>, rule: RuleReference, target: TargetRecord): void {
    const copies = this.duplicates ? 2 : 1;
    for (let copy = 1; copy <= copies; copy += 1) {
      this.deps.timers.setTimeout(() => {
        void this.deliver(event, rule, target, copy);
      }, DELIVERY_LATENCY_MS * copy);
    }
  }

  /** Deliveries so far, oldest first, optionally of one rule (by name or ARN). */
  deliveries(rule?: string): readonly DeliveryRecord[] {
    return rule === undefined
      ? [...this.journal]
      : this.journal.filter((entry) => entry.ruleArn === rule || entry.ruleArn.endsWith(`/${rule}`));
  }

  private async deliver(
    event: Record<string, unknown>,
    rule: RuleReference,
    target: TargetRecord,
    copy: number,
  ): Promise<void> {
    let error: string | undefined;
    try {
      const input = targetInput(target, event, rule);
      if (LAMBDA_ARN.test(target.Arn)) {
        // A full ARN names its region: invoke takes it from there.
        await this.deps.lambda.invoke(target.Arn, JSON.parse(input), { invocationType: 'Event' });
      } else if (STATE_MACHINE_ARN.test(target.Arn)) {
        this.deps.stepFunctions.startExecution({ stateMachineArn: target.Arn, input });
      } else {
        error = `The local cloud does not deliver to targets like ${target.Arn}`;
      }
    } catch (caught: unknown) {
      error = isAwsError(caught)
        ? `${caught.code}: ${caught.message}`
        : caught instanceof Error
          ? caught.message
          : String(caught);
    }
    this.journal.push({
      eventId: String(event.id),
      ruleArn: rule.arn,
      targetId: target.Id,
      targetArn: target.Arn,
      copy,
      deliveredAt: new Date(this.deps.now()).toISOString(),
      outcome: error === undefined ? 'delivered' : 'failed',
      ...(error === undefined ? {} : { error }),
    });
    if (this.journal.length > MAX_DELIVERY_RECORDS) this.journal.shift();
  }
}
