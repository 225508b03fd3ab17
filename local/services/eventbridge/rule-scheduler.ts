import type { Clock } from '../../core/clock';
import type { ClockTimer, ClockTimers } from '../../core/clock-timers';
import { nextFireTime, type Schedule } from './schedule-expression';

/** What the scheduler needs of a rule. */
export interface SchedulableRule {
  readonly schedule?: Schedule;
  readonly state: string;
  /** Simulated epoch ms from which a rate schedule counts its periods. */
  readonly scheduleAnchor: number;
}

/**
 * Fires scheduled rules on the cloud's clock while the cloud runs: one timer per rule, armed for
 * the rule's next fire time and re-armed after each firing. A DISABLED rule has no timer.
 */
export class RuleScheduler<Rule extends SchedulableRule> {
  private readonly armed = new Map<string, ClockTimer>();

  constructor(
    private readonly clock: Clock,
    private readonly timers: ClockTimers,
    private readonly fire: (rule: Rule, atMs: number) => void,
  ) {}

  /** (Re)arms the rule stored under `key`; call it after any change to the rule. */
  arm(key: string, rule: Rule): void {
    this.disarm(key);
    if (!rule.schedule || rule.state === 'DISABLED') return;
    const now = this.clock.now();
    const next = nextFireTime(rule.schedule, now, rule.scheduleAnchor);
    if (next === undefined) return;
    this.armed.set(
      key,
      this.timers.setTimeout(() => {
        this.armed.delete(key);
        this.fire(rule, next);
        this.arm(key, rule);
      }, next - now),
    );
  }

  /** Stops a rule's schedule (the rule was deleted). */
  disarm(key: string): void {
    this.timers.clearTimeout(this.armed.get(key));
    this.armed.delete(key);
  }

  /** Stops every schedule: the cloud is stopping. */
  clear(): void {
    for (const key of [...this.armed.keys()]) this.disarm(key);
  }
}
