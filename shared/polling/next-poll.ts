import { ConfigurationError } from '../errors/configuration-error';

/** How a Wait/Choice loop backs off (all in seconds). */
export interface PollSettings {
  /** First wait, and the least any wait is. */
  readonly initialSeconds: number;
  /** Growth of the interval cap from one round to the next (≥ 1). */
  readonly backoffRate: number;
  /** Largest wait. */
  readonly maxIntervalSeconds: number;
  /** Total waiting after which the loop gives up. */
  readonly giveUpAfterSeconds: number;
}

/** A loop's counters, carried in the execution's state between rounds. */
export interface PollState {
  readonly attempt: number;
  /** Sum of the waits so far: the state machine's clock, not the Lambda's wall time. */
  readonly elapsedSeconds: number;
}

export interface PollDecision extends PollState {
  /** Seconds for the Wait state's SecondsPath: an integer ≥ 1, or 0 when exhausted. */
  readonly waitSeconds: number;
  /** The loop has waited giveUpAfterSeconds already: stop and fail. */
  readonly exhausted: boolean;
}

/**
 * Decides one round of a Wait/Choice loop: exponential backoff with full jitter. The interval
 * cap grows `initialSeconds × backoffRate^(attempt−1)` up to maxIntervalSeconds, and the wait is
 * drawn uniformly between initialSeconds and that cap (spreading the polls of many executions
 * over API Gateway's and EC2's account-wide rate limits). The last wait is cut so the loop checks
 * once more exactly at giveUpAfterSeconds; the round after that is exhausted. `previous` is
 * undefined (or zeros) on the first round. Throws ConfigurationError on impossible settings.
 */
export function nextPoll(
  previous: PollState | undefined,
  settings: PollSettings,
  random: () => number = Math.random,
): PollDecision {
  checkSettings(settings);
  const attempt = (previous?.attempt ?? 0) + 1;
  const elapsedSeconds = previous?.elapsedSeconds ?? 0;
  if (elapsedSeconds >= settings.giveUpAfterSeconds) {
    return { attempt, elapsedSeconds, waitSeconds: 0, exhausted: true };
  }
  const cap = Math.min(
    settings.maxIntervalSeconds,
    settings.initialSeconds * settings.backoffRate ** (attempt - 1),
  );
  const lowest = Math.max(1, Math.ceil(settings.initialSeconds));
  const highest = Math.max(lowest, Math.floor(cap));
  // Clamp the draw: a custom random source might return 1 (Math.random never does).
  const draw = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  const jittered = lowest + Math.floor(draw * (highest - lowest + 1));
  const remaining = Math.max(1, Math.ceil(settings.giveUpAfterSeconds - elapsedSeconds));
  const waitSeconds = Math.min(jittered, remaining);
  return { attempt, elapsedSeconds: elapsedSeconds + waitSeconds, waitSeconds, exhausted: false };
}

function checkSettings(settings: PollSettings): void {
  const { initialSeconds, backoffRate, maxIntervalSeconds, giveUpAfterSeconds } = settings;
  const problems = [
    ...(Number.isFinite(initialSeconds) && initialSeconds > 0 ? [] : ['initialSeconds must be > 0']),
    ...(Number.isFinite(backoffRate) && backoffRate >= 1 ? [] : ['backoffRate must be ≥ 1']),
    ...(Number.isFinite(maxIntervalSeconds) && maxIntervalSeconds >= initialSeconds
      ? []
      : ['maxIntervalSeconds must be ≥ initialSeconds']),
    ...(Number.isFinite(giveUpAfterSeconds) && giveUpAfterSeconds > 0
      ? []
      : ['giveUpAfterSeconds must be > 0']),
  ];
  if (problems.length > 0) throw new ConfigurationError(`poll settings: ${problems.join('; ')}`);
}
