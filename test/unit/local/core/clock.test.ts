import { Clock } from '../../../../local/core/clock';

describe('Clock', () => {
  it('runs simulated time timeScale times faster than real time', async () => {
    // Prepare
    const clock = new Clock(1000);
    const start = clock.now();

    // Act
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Assess: 50 real ms are about 50 simulated seconds
    const elapsed = clock.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(40_000);
    expect(elapsed).toBeLessThan(200_000);
  });

  it('fires a simulated minute timer within a fraction of a real second when sped up', async () => {
    // Prepare
    const clock = new Clock(600);
    const realStart = Date.now();

    // Act
    await clock.sleep(60_000);

    // Assess
    expect(Date.now() - realStart).toBeLessThan(1000);
  });

  it('keeps simulated time continuous when the speed changes', () => {
    // Prepare
    const clock = new Clock(1);
    const before = clock.now();

    // Act
    clock.setTimeScale(100);

    // Assess
    expect(clock.now() - before).toBeLessThan(50);
    expect(clock.timeScale).toBe(100);
  });

  it('refuses a time scale that is not a positive number', () => {
    // Act / Assess
    expect(() => new Clock(0)).toThrow(RangeError);
    expect(() => new Clock(Number.NaN)).toThrow(RangeError);
    expect(() => new Clock(1).setTimeScale(-2)).toThrow(RangeError);
  });

  it('stops sleeping at once when the signal aborts', async () => {
    // Prepare
    const clock = new Clock(1);
    const controller = new AbortController();
    const realStart = Date.now();

    // Act
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;

    // Assess
    expect(Date.now() - realStart).toBeLessThan(500);
  });
});
