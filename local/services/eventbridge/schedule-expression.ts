import { AwsError } from '../../core/aws-error';

/** A parsed EventBridge schedule: `rate(N unit)` or `cron(min hour dom month dow year)` in UTC. */
export type Schedule =
  | { readonly kind: 'rate'; readonly periodMs: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  /** Undefined when `?` (the day-of-week field decides). */
  readonly daysOfMonth?: DayOfMonthField;
  readonly months: ReadonlySet<number>;
  /** Undefined when `?`; 1 = Sunday ... 7 = Saturday, as EventBridge counts. */
  readonly daysOfWeek?: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
}

interface DayOfMonthField {
  readonly days: ReadonlySet<number>;
  /** `L`: the last day of the month. */
  readonly lastDay: boolean;
}

const MINUTE_MS = 60_000;
const RATE_UNITS: Readonly<Record<string, number>> = {
  minute: MINUTE_MS,
  hour: 60 * MINUTE_MS,
  day: 24 * 60 * MINUTE_MS,
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Years EventBridge cron accepts. */
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;
/** Enough steps to cross any gap a valid cron expression can leave (years, then months, days, hours, minutes). */
const MAX_SEARCH_STEPS = 1_000_000;

function invalidSchedule(): AwsError {
  return new AwsError('ValidationException', 'Parameter ScheduleExpression is not valid.', 400);
}

/**
 * Parses a schedule expression as PutRule validates it: `rate(1 minute)`, `rate(5 minutes)`
 * (singular unit exactly when the value is 1), or a six-field `cron(...)` with exactly one of
 * day-of-month and day-of-week set to `?`. The `W`, `#` and `nL` cron forms are not emulated.
 */
export function parseScheduleExpression(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    const singular = !unit.endsWith('s');
    if (value < 1 || singular !== (value === 1)) throw invalidSchedule();
    const unitMs = RATE_UNITS[singular ? unit : unit.slice(0, -1)];
    if (unitMs === undefined) throw invalidSchedule();
    return { kind: 'rate', periodMs: value * unitMs };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) throw invalidSchedule();
  const parts = (cron[1] ?? '').trim().split(/\s+/);
  if (parts.length !== 6) throw invalidSchedule();
  const [minutes, hours, dom, months, dow, years] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw invalidSchedule();
  return {
    kind: 'cron',
    fields: {
      minutes: parseField(minutes, 0, 59),
      hours: parseField(hours, 0, 23),
      daysOfMonth: dom === '?' ? undefined : parseDayOfMonth(dom),
      months: parseField(months, 1, 12, MONTH_NAMES),
      daysOfWeek: dow === '?' ? undefined : parseField(dow, 1, 7, DAY_NAMES),
      years: parseField(years, FIRST_YEAR, LAST_YEAR),
    },
  };
}

function parseDayOfMonth(field: string): DayOfMonthField {
  if (field === 'L') return { days: new Set(), lastDay: true };
  return { days: parseField(field, 1, 31), lastDay: false };
}

function parseField(field: string, min: number, max: number, names?: readonly string[]): ReadonlySet<number> {
  const values = new Set<number>();
  const toNumber = (text: string): number => {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) throw invalidSchedule();
    return value;
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || range === undefined || range === '') throw invalidSchedule();
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [start, end] = range.split('-');
      from = toNumber(start ?? '');
      to = toNumber(end ?? '');
      if (from > to) throw invalidSchedule();
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/**
 * The first fire time strictly after `afterMs` (simulated epoch ms). A rate schedule fires every
 * period from `anchorMs` (when the rule was created or enabled); a cron schedule fires at the
 * start of each matching UTC minute. Undefined when a cron expression never fires again.
 */
export function nextFireTime(schedule: Schedule, afterMs: number, anchorMs: number): number | undefined {
  if (schedule.kind === 'rate') {
    const periods = Math.floor((afterMs - anchorMs) / schedule.periodMs) + 1;
    return anchorMs + Math.max(1, periods) * schedule.periodMs;
  }
  const { fields } = schedule;
  const time = new Date(Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  for (let step = 0; step < MAX_SEARCH_STEPS; step += 1) {
    const year = time.getUTCFullYear();
    if (year > LAST_YEAR) return undefined;
    if (!fields.years.has(year)) {
      time.setUTCFullYear(year + 1, 0, 1);
      time.setUTCHours(0, 0, 0, 0);
    } else if (!fields.months.has(time.getUTCMonth() + 1)) {
      time.setUTCMonth(time.getUTCMonth() + 1, 1);
      time.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(fields, time)) {
      time.setUTCDate(time.getUTCDate() + 1);
      time.setUTCHours(0, 0, 0, 0);
    } else if (!fields.hours.has(time.getUTCHours())) {
      time.setUTCHours(time.getUTCHours() + 1, 0, 0, 0);
    } else if (!fields.minutes.has(time.getUTCMinutes())) {
      time.setUTCMinutes(time.getUTCMinutes() + 1, 0, 0);
    } else {
      return time.getTime();
    }
  }
  return undefined;
}

function dayMatches(fields: CronFields, time: Date): boolean {
  if (fields.daysOfWeek) return fields.daysOfWeek.has(time.getUTCDay() + 1);
  const dom = fields.daysOfMonth;
  if (!dom) return true;
  if (dom.lastDay) {
    const lastDay = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 0)).getUTCDate();
    return time.getUTCDate() === lastDay;
  }
  return dom.days.has(time.getUTCDate());
}
