import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';
import { createRequest } from './fixtures';

describe('an endpoint that never becomes available', () => {
  let plane: ControlPlaneHarness;

  beforeAll(async () => {
    // Ten simulated hours to become available: far past the 600 s the workflow waits.
    plane = await startControlPlane({ timeScale: 1000, endpointAvailableAfterMs: 36_000_000 });
  });
  afterAll(() => plane.stop());

  it('ends FAILED at the endpoint wait with VpcEndpointTimeoutError', async () => {
    // Act
    await plane.submit(createRequest('ep-never', 'ep-never'));
    const record = await plane.waitForStatus('ep-never', undefined, 90_000);

    // Assess
    expect(record.status).toBe('FAILED');
    expect(record.error).toMatchObject({ step: 'wait-endpoint', name: 'VpcEndpointTimeoutError' });
    expect(record.error?.message).toMatch(/still pending after \d+ s/);
  });
});
