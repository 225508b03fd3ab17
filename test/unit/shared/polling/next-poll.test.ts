import { ConfigurationError } from '../../../../shared/errors';
import { nextPoll, type PollDecision, type PollSettings } from '../../../../shared/polling';

const settings: PollSettings = {
  initialSeconds: 5,
  backoffRate: 2,
  maxIntervalSeconds: 60,
  giveUpAfterSeconds: 600,
};

/** Runs the loop as the state machine does: each round's decision is the next round's input. */
function rounds(count: number, random: () => number, pollSettings: PollSettings = settings): PollDecision[] {
  const decisions: PollDecision[] = [];
  let previous: PollDecision | undefined;
  for (let round = 0; round < count; round += 1) {
    previous = nextPoll(previous, pollSettings, random);
    decisions.push(previous);
  }
  return decisions;
}

describe('nextPoll', () => {
  it('waits initialSeconds on the first round', () => {
    // Act
    const decision = nextPoll(undefined, settings, () => 0.7);

    // Assess
    expect(decision).toEqual({ attempt: 1, elapsedSeconds: 5, waitSeconds: 5, exhausted: false });
  });

  it('grows the interval cap by backoffRate up to maxIntervalSeconds', () => {
    // Act
    const waits = rounds(7, () => 0.999_999).map((decision) => decision.waitSeconds);

    // Assess
    expect(waits).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });

  it('draws every wait between initialSeconds and the cap, as a whole number of seconds', () => {
    // Prepare
    let seed = 1;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };

    // Act
    const decisions = rounds(12, random, { ...settings, giveUpAfterSeconds: 100_000 });

    // Assess
    decisions.forEach((decision, index) => {
      const cap = Math.min(60, 5 * 2 ** index);
      expect(Number.isInteger(decision.waitSeconds)).toBe(true);
      expect(decision.waitSeconds).toBeGreaterThanOrEqual(5);
      expect(decision.waitSeconds).toBeLessThanOrEqual(cap);
    });
    expect(new Set(decisions.slice(4).map((decision) => decision.waitSeconds)).size).toBeGreaterThan(1);
  });

  it('waits at least one second when initialSeconds is a fraction', () => {
    // Act
    const decision = nextPoll(undefined, { ...settings, initialSeconds: 0.2 }, () => 0);

    // Assess
    expect(decision.waitSeconds).toBe(1);
  });

  it('counts elapsed time as the sum of the waits and cuts the last wait at the limit', () => {
    // Act
    const decisions = rounds(6, () => 0.999_999, { ...settings, giveUpAfterSeconds: 50 });

    // Assess
    expect(
      decisions.map(({ waitSeconds, elapsedSeconds, exhausted }) => [waitSeconds, elapsedSeconds, exhausted]),
    ).toEqual([
      [5, 5, false],
      [10, 15, false],
      [20, 35, false],
      [15, 50, false],
      [0, 50, true],
      [0, 50, true],
    ]);
  });

  it('is exhausted at once when the loop has already waited the limit', () => {
    // Act
    const decision = nextPoll({ attempt: 9, elapsedSeconds: 600 }, settings);

    // Assess
    expect(decision).toEqual({ attempt: 10, elapsedSeconds: 600, waitSeconds: 0, exhausted: true });
  });

  it.each<[string, Partial<PollSettings>]>([
    ['a backoffRate below 1', { backoffRate: 0.5 }],
    ['no initial wait', { initialSeconds: 0 }],
    ['a max interval below the initial wait', { maxIntervalSeconds: 1 }],
    ['no time limit', { giveUpAfterSeconds: Number.NaN }],
  ])('throws ConfigurationError for %s', (_, change) => {
    // Act
    const decide = () => nextPoll(undefined, { ...settings, ...change });

    // Assess
    expect(decide).toThrow(ConfigurationError);
  });
});
