import { z } from 'zod';

/** One problem with one field of a request: where it is and how to fix it. */
export const fieldErrorSchema = z.object({
  field: z
    .string()
    .meta({ description: 'Path of the field, like "network.subnetIds[1]"; "" for the whole request.' }),
  message: z.string().meta({ description: 'What is wrong and how to fix it.' }),
});

export type FieldError = z.output<typeof fieldErrorSchema>;

/** Longest key shown in a field path: a hostile request must not make the answer huge. */
const MAX_PATH_KEY_CHARS = 64;
/** Longest field path shown (a path 64 levels deep of long keys is cut here). */
export const MAX_FIELD_PATH_CHARS = 256;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders a path the way a reader writes it: `network.subnetIds[1]`, `tags["aws:team"]`.
 * Overlong keys are shortened with an ellipsis.
 */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let rendered = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      rendered += `[${segment}]`;
    } else {
      const key = typeof segment === 'symbol' ? String(segment) : segment;
      const shown = key.length > MAX_PATH_KEY_CHARS ? `${key.slice(0, MAX_PATH_KEY_CHARS)}…` : key;
      if (IDENTIFIER.test(shown)) rendered += rendered === '' ? shown : `.${shown}`;
      else rendered += `[${JSON.stringify(shown)}]`;
    }
    if (rendered.length > MAX_FIELD_PATH_CHARS) return `${rendered.slice(0, MAX_FIELD_PATH_CHARS)}…`;
  }
  return rendered;
}

/** `field: message`, or the message alone for the whole request. */
export function describeFieldError(error: FieldError): string {
  return error.field === '' ? error.message : `${error.field}: ${error.message}`;
}
