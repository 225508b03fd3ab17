import type { FieldError } from '../request';

/**
 * Longest raw value of a rejected request's apiKey or action kept in its record: a hostile
 * request must not make the record larger than a DynamoDB item may be (400 KB) or the rejection
 * event larger than the control plane's events should be (docs/aws-facts.md, EventBridge).
 */
export const MAX_RECORDED_VALUE_CHARS = 128;

/**
 * A rejected request's raw string field as its record keeps it: whole when short, else cut to
 * MAX_RECORDED_VALUE_CHARS with a note that names the cut, for the reader of the record.
 */
export function recordedValue(
  field: string,
  value: string | undefined,
): { value: string | undefined; notes: FieldError[] } {
  if (value === undefined || value.length <= MAX_RECORDED_VALUE_CHARS) return { value, notes: [] };
  return {
    value: `${value.slice(0, MAX_RECORDED_VALUE_CHARS)}…`,
    notes: [
      {
        field,
        message: `the value is ${value.length} characters long: this record keeps its first ${MAX_RECORDED_VALUE_CHARS}`,
      },
    ],
  };
}
