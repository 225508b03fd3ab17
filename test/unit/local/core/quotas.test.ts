import { Clock } from '../../../../local/core/clock';
import { awsDefaultQuotas, QuotaGate } from '../../../../local/core/quotas';

describe('QuotaGate', () => {
  it('admits a burst of 40 API Gateway calls, then throttles with TooManyRequestsException', () => {
    // Prepare
    const gate = new QuotaGate(awsDefaultQuotas(), new Clock(1));

    // Act
    const results = Array.from({ length: 41 }, () => gate.admit('apigateway', 'GetRestApi'));

    // Assess
    expect(results.slice(0, 40).every((result) => result === undefined)).toBe(true);
    expect(results[40]?.code).toBe('TooManyRequestsException');
    expect(results[40]?.status).toBe(429);
    expect(results[40]?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('allows one CreateRestApi per 3 simulated seconds and admits again after the wait', async () => {
    // Prepare
    const clock = new Clock(100);
    const gate = new QuotaGate(awsDefaultQuotas(), clock);

    // Act
    const first = gate.admit('apigateway', 'CreateRestApi');
    const second = gate.admit('apigateway', 'CreateRestApi');
    await clock.sleep(3100);
    const third = gate.admit('apigateway', 'CreateRestApi');

    // Assess
    expect(first).toBeUndefined();
    expect(second?.code).toBe('TooManyRequestsException');
    expect(second?.retryAfterSeconds).toBe(3);
    expect(third).toBeUndefined();
    expect(gate.describe().throttled).toEqual({ 'apigateway:CreateRestApi': 1 });
  });

  it('counts ImportRestApi against the CreateRestApi quota', () => {
    // Prepare
    const gate = new QuotaGate(awsDefaultQuotas(), new Clock(1));

    // Act
    gate.admit('apigateway', 'CreateRestApi');
    const imported = gate.admit('apigateway', 'ImportRestApi');

    // Assess
    expect(imported?.code).toBe('TooManyRequestsException');
  });

  it('does not spend the shared bucket when a per-operation quota throttles', () => {
    // Prepare
    const gate = new QuotaGate(awsDefaultQuotas(), new Clock(1));
    gate.admit('apigateway', 'CreateDeployment');

    // Act: throttled CreateDeployments must not eat the 40-call burst of every other call
    for (let i = 0; i < 100; i += 1) gate.admit('apigateway', 'CreateDeployment');
    const others = Array.from({ length: 39 }, () => gate.admit('apigateway', 'GetRestApis'));

    // Assess
    expect(others.every((result) => result === undefined)).toBe(true);
  });

  it('answers EC2 calls over the configured rate with a 503 RequestLimitExceeded', () => {
    // Prepare
    const gate = new QuotaGate(awsDefaultQuotas(2), new Clock(1));

    // Act
    const results = [1, 2, 3].map(() => gate.admit('ec2', 'DescribeVpcs'));

    // Assess
    expect(results[2]?.code).toBe('RequestLimitExceeded');
    expect(results[2]?.status).toBe(503);
  });

  it('admits everything when switched off', () => {
    // Prepare
    const gate = new QuotaGate(awsDefaultQuotas(), new Clock(1), false);

    // Act
    const results = Array.from({ length: 10 }, () => gate.admit('apigateway', 'DeleteRestApi'));

    // Assess
    expect(results.every((result) => result === undefined)).toBe(true);
  });
});
