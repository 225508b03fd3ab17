import { AwsError } from '../../../../local/core/aws-error';
import {
  nextFireTime,
  parseScheduleExpression,
} from '../../../../local/services/eventbridge/schedule-expression';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

describe('parseScheduleExpression', () => {
  it('reads rate expressions in minutes, hours and days', () => {
    // Prepare / Act / Assess
    expect(parseScheduleExpression('rate(1 minute)')).toEqual({ kind: 'rate', periodMs: MINUTE });
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({ kind: 'rate', periodMs: 5 * MINUTE });
    expect(parseScheduleExpression('rate(2 hours)')).toEqual({ kind: 'rate', periodMs: 120 * MINUTE });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', periodMs: 1440 * MINUTE });
  });

  it.each([
    'rate(5 minute)',
    'rate(1 minutes)',
    'rate(0 minutes)',
    'rate(5 seconds)',
    'rate(five minutes)',
    'cron(0 12 * * * *)',
    'cron(0 12 ? * ? *)',
    'cron(0 12 * *)',
    'cron(61 12 * * ? *)',
    'every 5 minutes',
  ])('refuses %s with ValidationException', (expression) => {
    // Act
    let error: unknown;
    try {
      parseScheduleExpression(expression);
    } catch (caught: unknown) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).code).toBe('ValidationException');
    expect((error as AwsError).message).toBe('Parameter ScheduleExpression is not valid.');
  });
});

describe('nextFireTime', () => {
  it('fires a rate schedule one period after its anchor, then every period', () => {
    // Prepare
    const schedule = parseScheduleExpression('rate(5 minutes)');
    const anchor = at('2026-01-01T00:00:30Z');

    // Act
    const first = nextFireTime(schedule, anchor, anchor);
    const second = nextFireTime(schedule, first ?? 0, anchor);

    // Assess
    expect(first).toBe(anchor + 5 * MINUTE);
    expect(second).toBe(anchor + 10 * MINUTE);
  });

  it('fires a cron schedule at the next matching UTC minute', () => {
    // Prepare
    const schedule = parseScheduleExpression('cron(0/15 * * * ? *)');

    // Act
    const next = nextFireTime(schedule, at('2026-01-01T10:07:12Z'), 0);

    // Assess
    expect(new Date(next ?? 0).toISOString()).toBe('2026-01-01T10:15:00.000Z');
  });

  it('honours named days of the week and month ranges', () => {
    // Prepare: 08:00 on weekdays; 2026-01-03 is a Saturday.
    const schedule = parseScheduleExpression('cron(0 8 ? JAN-MAR MON-FRI *)');

    // Act
    const next = nextFireTime(schedule, at('2026-01-03T09:00:00Z'), 0);

    // Assess
    expect(new Date(next ?? 0).toISOString()).toBe('2026-01-05T08:00:00.000Z');
  });

  it('fires on the last day of the month with L', () => {
    // Prepare
    const schedule = parseScheduleExpression('cron(30 23 L * ? *)');

    // Act
    const next = nextFireTime(schedule, at('2026-02-10T00:00:00Z'), 0);

    // Assess
    expect(new Date(next ?? 0).toISOString()).toBe('2026-02-28T23:30:00.000Z');
  });

  it('never fires again after the last year a cron expression names', () => {
    // Prepare
    const schedule = parseScheduleExpression('cron(0 0 1 1 ? 2025)');

    // Act / Assess
    expect(nextFireTime(schedule, at('2026-01-01T00:00:00Z'), 0)).toBeUndefined();
  });
});
