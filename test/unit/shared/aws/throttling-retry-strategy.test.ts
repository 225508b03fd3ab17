import { ThrottlingRetryStrategy } from '../../../../shared/aws/throttling-retry-strategy';

describe('ThrottlingRetryStrategy', () => {
  const strategy = () =>
    new ThrottlingRetryStrategy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });

  it('retries a throttled call with a jittered, growing delay', async () => {
    // Prepare
    const retries = strategy();
    const first = await retries.acquireInitialRetryToken('apigateway');

    // Act
    const second = await retries.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    const third = await retries.refreshRetryTokenForRetry(second, { errorType: 'THROTTLING' });

    // Assess
    expect([second.getRetryCount(), second.getRetryDelay()]).toEqual([1, 100]);
    expect([third.getRetryCount(), third.getRetryDelay()]).toEqual([2, 200]);
  });

  it('stops after maxAttempts', async () => {
    // Prepare
    const retries = strategy();
    const second = await retries.refreshRetryTokenForRetry(await retries.acquireInitialRetryToken('x'), {
      errorType: 'THROTTLING',
    });
    const third = await retries.refreshRetryTokenForRetry(second, { errorType: 'THROTTLING' });

    // Act / Assess
    await expect(retries.refreshRetryTokenForRetry(third, { errorType: 'THROTTLING' })).rejects.toThrow();
  });

  it.each(['TRANSIENT', 'SERVER_ERROR', 'CLIENT_ERROR'] as const)(
    'never repeats a call that may have taken effect (%s)',
    async (errorType) => {
      // Prepare
      const retries = strategy();

      // Act / Assess
      await expect(
        retries.refreshRetryTokenForRetry(await retries.acquireInitialRetryToken('x'), { errorType }),
      ).rejects.toThrow();
    },
  );
});
