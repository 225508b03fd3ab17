import { z } from 'zod';
import { AwsError } from './aws-error';
import type { Clock } from './clock';
import { throttleError } from './throttle-errors';

/**
 * A fault to inject into calls of one operation (or `*`):
 * - `throttle`: answer with the service's throttling error;
 * - `error`: answer with the given error instead of doing the call;
 * - `error-after`: do the call, then lose the answer and return the error (the side effect happened,
 *   the caller cannot know: the case idempotent steps exist for);
 * - `latency`: delay the call by `latencyMs` of simulated time.
 */
export const faultRuleSchema = z.object({
  service: z.string().min(1),
  operation: z.string().min(1).default('*'),
  kind: z.enum(['throttle', 'error', 'error-after', 'latency']),
  /** Chance that a matching call is affected. */
  probability: z.number().min(0).max(1).default(1),
  /** How many calls it affects before it retires itself; unlimited when absent. */
  count: z.number().int().positive().optional(),
  /** How many matching calls it lets through untouched before it starts (the second call of a kind, say). */
  skip: z.number().int().nonnegative().default(0),
  latencyMs: z.number().nonnegative().default(0),
  errorCode: z.string().default('InternalFailure'),
  message: z.string().default('We encountered an internal error. Please try again.'),
  status: z.number().int().min(400).max(599).default(500),
});

export type FaultRuleInput = z.input<typeof faultRuleSchema>;
export type FaultRule = z.output<typeof faultRuleSchema> & {
  readonly id: string;
  hits: number;
  skipped: number;
};

/** What the router must do with a call after the fault layer has seen it. */
export interface FaultDecision {
  /** Throw this before the call. */
  readonly before?: AwsError;
  /** Do the call, then answer with this instead of its result. */
  readonly after?: AwsError;
}

export class FaultInjector {
  private readonly rules = new Map<string, FaultRule>();
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number = Math.random,
  ) {}

  /** Adds a rule; throws a ZodError naming the bad field on invalid input. */
  add(input: FaultRuleInput | Record<string, unknown>): FaultRule {
    const rule: FaultRule = {
      ...faultRuleSchema.parse(input),
      id: `fault-${this.nextId++}`,
      hits: 0,
      skipped: 0,
    };
    this.rules.set(rule.id, rule);
    return rule;
  }

  remove(id: string): boolean {
    return this.rules.delete(id);
  }

  clear(): void {
    this.rules.clear();
  }

  list(): FaultRule[] {
    return [...this.rules.values()];
  }

  /** Applies latency now and tells the router which error, if any, replaces the call or its answer. */
  async apply(service: string, operation: string): Promise<FaultDecision> {
    let decision: FaultDecision = {};
    for (const rule of this.rules.values()) {
      if (rule.service !== service || (rule.operation !== '*' && rule.operation !== operation)) continue;
      if (rule.skipped < rule.skip) {
        rule.skipped += 1;
        continue;
      }
      if (this.random() >= rule.probability) continue;
      rule.hits += 1;
      if (rule.count !== undefined && rule.hits >= rule.count) this.rules.delete(rule.id);
      switch (rule.kind) {
        case 'latency':
          await this.clock.sleep(rule.latencyMs);
          break;
        case 'throttle':
          decision = { before: throttleError(service, 1) };
          break;
        case 'error':
          decision = { before: new AwsError(rule.errorCode, rule.message, rule.status) };
          break;
        case 'error-after':
          decision = { after: new AwsError(rule.errorCode, rule.message, rule.status) };
          break;
      }
      if (decision.before || decision.after) return decision;
    }
    return decision;
  }
}
