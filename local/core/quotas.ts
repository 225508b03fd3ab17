import type { AwsError } from './aws-error';
import type { Clock } from './clock';
import { throttleError } from './throttle-errors';
import { TokenBucket } from './token-bucket';

/** One rate quota: which calls it counts and how fast it refills. */
export interface QuotaRule {
  readonly name: string;
  readonly service: string;
  /** Operation names it counts, or 'all' for every call to the service. */
  readonly operations: readonly string[] | 'all';
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** Default EC2 API rate: EC2 throttles per action with undocumented-per-account buckets; configurable. */
export const DEFAULT_EC2_REQUESTS_PER_SECOND = 20;

/**
 * The documented API Gateway control-plane quotas (per account and Region; AWS-FACTS.md) and a
 * configurable EC2 rate. A call must find a token in every rule that counts it.
 */
export function awsDefaultQuotas(ec2RequestsPerSecond = DEFAULT_EC2_REQUESTS_PER_SECOND): QuotaRule[] {
  return [
    { name: 'apigateway:all', service: 'apigateway', operations: 'all', ratePerSecond: 10, burst: 40 },
    {
      name: 'apigateway:CreateRestApi',
      service: 'apigateway',
      operations: ['CreateRestApi', 'ImportRestApi'],
      ratePerSecond: 1 / 3,
      burst: 1,
    },
    {
      name: 'apigateway:PutRestApi',
      service: 'apigateway',
      operations: ['PutRestApi'],
      ratePerSecond: 1,
      burst: 1,
    },
    {
      name: 'apigateway:CreateDeployment',
      service: 'apigateway',
      operations: ['CreateDeployment'],
      ratePerSecond: 1 / 5,
      burst: 1,
    },
    {
      name: 'apigateway:DeleteRestApi',
      service: 'apigateway',
      operations: ['DeleteRestApi'],
      ratePerSecond: 1 / 30,
      burst: 1,
    },
    {
      name: 'apigateway:GetResources',
      service: 'apigateway',
      operations: ['GetResources'],
      ratePerSecond: 2.5,
      burst: 5,
    },
    {
      name: 'ec2:all',
      service: 'ec2',
      operations: 'all',
      ratePerSecond: ec2RequestsPerSecond,
      burst: ec2RequestsPerSecond,
    },
  ];
}

/** Applies rate quotas on the cloud's clock; switchable at run time for tests that are not about quotas. */
export class QuotaGate {
  private readonly buckets: { rule: QuotaRule; bucket: TokenBucket }[];
  /** Throttled calls per rule name since the cloud started: how hard callers pushed on the quotas. */
  readonly throttled = new Map<string, number>();
  enabled: boolean;

  constructor(rules: readonly QuotaRule[], clock: Clock, enabled = true) {
    this.buckets = rules.map((rule) => ({
      rule,
      bucket: new TokenBucket(rule.ratePerSecond, rule.burst, clock),
    }));
    this.enabled = enabled;
  }

  /** Returns the throttling error to answer with, or undefined after taking a token from every matching bucket. */
  admit(service: string, operation: string): AwsError | undefined {
    if (!this.enabled) return undefined;
    const matching = this.buckets.filter(
      ({ rule }) =>
        rule.service === service && (rule.operations === 'all' || rule.operations.includes(operation)),
    );
    const empty = matching.filter(({ bucket }) => !bucket.hasToken());
    if (empty.length > 0) {
      for (const { rule } of empty) this.throttled.set(rule.name, (this.throttled.get(rule.name) ?? 0) + 1);
      const retryAfterSeconds = Math.max(...empty.map(({ bucket }) => bucket.secondsUntilToken()));
      return throttleError(service, retryAfterSeconds);
    }
    for (const { bucket } of matching) bucket.take();
    return undefined;
  }

  describe(): { enabled: boolean; rules: readonly QuotaRule[]; throttled: Record<string, number> } {
    return {
      enabled: this.enabled,
      rules: this.buckets.map(({ rule }) => rule),
      throttled: Object.fromEntries(this.throttled),
    };
  }
}
