import { Clock } from '../../../../local/core/clock';
import { ClockTimers } from '../../../../local/core/clock-timers';

/** 2^31 - 1 ms: beyond it Node's own setTimeout fires at once. */
const NODE_TIMER_LIMIT_MS = 2 ** 31 - 1;

describe('ClockTimers', () => {
  it('fires after the simulated delay, not before, in a fraction of the real time', async () => {
    // Prepare
    const clock = new Clock(10_000);
    const timers = new ClockTimers(clock);
    const startedSim = clock.now();
    const startedReal = Date.now();

    // Act
    const firedAtSim = await new Promise<number>((resolve) => {
      timers.setTimeout(() => resolve(clock.now()), 60_000);
    });

    // Assess
    expect(firedAtSim - startedSim).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - startedReal).toBeLessThan(1000);
  });

  it('does not fire at once when the wait exceeds what a Node timer can hold', async () => {
    // Prepare: at time scale 1, 99,999,999 s (ASL's default Task timeout) is far past Node's limit.
    const clock = new Clock(1);
    const timers = new ClockTimers(clock);
    let fired = false;

    // Act
    timers.setTimeout(() => {
      fired = true;
    }, NODE_TIMER_LIMIT_MS * 10);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Assess
    expect(fired).toBe(false);
    expect(timers.size).toBe(1);
    timers.clearAll();
  });

  it('passes extra arguments to the callback like the global setTimeout', async () => {
    // Prepare
    const timers = new ClockTimers(new Clock(1000));

    // Act
    const received = await new Promise<unknown[]>((resolve) => {
      timers.setTimeout((...args: unknown[]) => resolve(args), 1000, 'a', 2);
    });

    // Assess
    expect(received).toEqual(['a', 2]);
  });

  it('cancels one timer with clearTimeout and every timer with clearAll', async () => {
    // Prepare
    const timers = new ClockTimers(new Clock(1000));
    const fired: string[] = [];
    const first = timers.setTimeout(() => fired.push('first'), 1000);
    timers.setTimeout(() => fired.push('second'), 1000);
    timers.setTimeout(() => fired.push('third'), 1000);

    // Act
    timers.clearTimeout(first);
    const sizeAfterOne = timers.size;
    timers.clearAll();
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Assess
    expect(sizeAfterOne).toBe(2);
    expect(fired).toEqual([]);
    expect(timers.size).toBe(0);
  });

  it('ignores handles that are not its own in clearTimeout', () => {
    // Prepare
    const timers = new ClockTimers(new Clock(1));

    // Act / Assess
    expect(() => timers.clearTimeout(undefined)).not.toThrow();
    expect(() => timers.clearTimeout(42)).not.toThrow();
  });
});
