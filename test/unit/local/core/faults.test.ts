import { ZodError } from 'zod';
import { Clock } from '../../../../local/core/clock';
import { FaultInjector } from '../../../../local/core/faults';

describe('FaultInjector', () => {
  it('throttles only the named operation of the named service', async () => {
    // Prepare
    const faults = new FaultInjector(new Clock(1));
    faults.add({ service: 'apigateway', operation: 'CreateRestApi', kind: 'throttle' });

    // Act
    const hit = await faults.apply('apigateway', 'CreateRestApi');
    const other = await faults.apply('apigateway', 'GetRestApi');
    const otherService = await faults.apply('ec2', 'CreateRestApi');

    // Assess
    expect(hit.before?.code).toBe('TooManyRequestsException');
    expect(other).toEqual({});
    expect(otherService).toEqual({});
  });

  it('lets the first skip matching calls through, then affects the next ones', async () => {
    // Prepare
    const faults = new FaultInjector(new Clock(1));
    faults.add({ service: 'apigateway', operation: 'UpdateRestApi', kind: 'error', skip: 1, count: 1 });

    // Act
    const decisions = [
      await faults.apply('apigateway', 'GetRestApi'),
      await faults.apply('apigateway', 'UpdateRestApi'),
      await faults.apply('apigateway', 'UpdateRestApi'),
      await faults.apply('apigateway', 'UpdateRestApi'),
    ];

    // Assess: other operations do not count towards skip
    expect(decisions.map((decision) => decision.before?.code)).toEqual([
      undefined,
      undefined,
      'InternalFailure',
      undefined,
    ]);
  });

  it('retires a rule after count hits', async () => {
    // Prepare
    const faults = new FaultInjector(new Clock(1));
    faults.add({ service: 'ec2', kind: 'error', errorCode: 'InternalError', count: 2 });

    // Act
    const decisions = [
      await faults.apply('ec2', 'A'),
      await faults.apply('ec2', 'B'),
      await faults.apply('ec2', 'C'),
    ];

    // Assess
    expect(decisions.map((decision) => decision.before?.code)).toEqual([
      'InternalError',
      'InternalError',
      undefined,
    ]);
    expect(faults.list()).toHaveLength(0);
  });

  it('lets the call happen and loses its answer with error-after', async () => {
    // Prepare
    const faults = new FaultInjector(new Clock(1));
    faults.add({ service: 'apigateway', operation: 'CreateRestApi', kind: 'error-after', status: 502 });

    // Act
    const decision = await faults.apply('apigateway', 'CreateRestApi');

    // Assess
    expect(decision.before).toBeUndefined();
    expect(decision.after?.status).toBe(502);
  });

  it('affects about the given fraction of calls', async () => {
    // Prepare: a deterministic random source alternating below and above one half
    let flip = 0;
    const faults = new FaultInjector(new Clock(1), () => (flip++ % 2 === 0 ? 0.1 : 0.9));
    faults.add({ service: 'ec2', kind: 'throttle', probability: 0.5 });

    // Act
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => faults.apply('ec2', 'DescribeVpcs')),
    );

    // Assess
    expect(decisions.filter((decision) => decision.before).length).toBe(5);
  });

  it('delays a call by simulated latency', async () => {
    // Prepare
    const faults = new FaultInjector(new Clock(100));
    faults.add({ service: 'ec2', kind: 'latency', latencyMs: 5000 });
    const start = Date.now();

    // Act
    await faults.apply('ec2', 'DescribeVpcs');

    // Assess: 5 simulated seconds at 100x are about 50 real ms
    expect(Date.now() - start).toBeGreaterThanOrEqual(40);
  });

  it('rejects a rule with a field-level error', () => {
    // Prepare
    const faults = new FaultInjector(new Clock(1));

    // Act / Assess
    expect(() => faults.add({ service: 'ec2', kind: 'explode' })).toThrow(ZodError);
    expect(() => faults.add({ service: 'ec2', kind: 'throttle', probability: 2 })).toThrow(/probability|2/);
  });
});
