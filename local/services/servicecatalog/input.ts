import { AwsError } from '../../core/aws-error';
import {
  type JsonObject,
  optionalInteger,
  optionalString,
  requiredString,
  validationError,
} from '../../core/aws-json-protocol';
import { paginate } from '../../core/paging';
import { invalidParameters } from './errors';
import type { Tag } from './records';

/** Ids are 1-100 characters (the model's `Id`). */
const ID_RULE = { min: 1, max: 100 };
/** IdempotencyToken: 1-128 characters, `[a-zA-Z0-9][a-zA-Z0-9_-]*`. */
const TOKEN = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,127}$/;
/** Tag keys 1-128, values 1-256 characters of letters, spaces, digits and `_.:/=+-@`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const requiredId = (input: JsonObject, member: string): string =>
  requiredString(input, member, ID_RULE);

export const optionalId = (input: JsonObject, member: string): string | undefined =>
  optionalString(input, member, ID_RULE);

/** An idempotency token (the SDKs and botocore fill one in when the caller gives none). */
export function idempotencyToken(input: JsonObject, member: string): string {
  const token = requiredString(input, member, { min: 1, max: 128 });
  if (!TOKEN.test(token)) {
    throw validationError(
      `Value '${token}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][a-zA-Z0-9_-]*`,
    );
  }
  return token;
}

/** A string member whose value is one of the model's enum. */
export function optionalEnum<T extends string>(
  input: JsonObject,
  member: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(input, member);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(
      `Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`,
    );
  }
  return value as T;
}

export function requiredEnum<T extends string>(input: JsonObject, member: string, values: readonly T[]): T {
  requiredString(input, member);
  return optionalEnum(input, member, values) as T;
}

export function optionalObject(input: JsonObject, member: string): JsonObject | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AwsError('SerializationException', `Expected a structure for '${member}'`, 400);
  }
  return value as JsonObject;
}

export function optionalList(input: JsonObject, member: string): unknown[] {
  const value = input[member];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new AwsError('SerializationException', `Expected a list for '${member}'`, 400);
  return value;
}

/** A `Tags` member: at most `max` tags, each with a Key and a Value in the model's bounds. */
export function readTags(input: JsonObject, member: string, max: number): Tag[] {
  const items = optionalList(input, member);
  if (items.length > max) {
    throw validationError(
      `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`,
    );
  }
  return items.map((item) => {
    const fields = typeof item === 'object' && item !== null ? (item as JsonObject) : {};
    const key = requiredString(fields, 'Key', { min: 1, max: 128 });
    const value = requiredString(fields, 'Value', { min: 1, max: 256 });
    if (!TAG_TEXT.test(key) || !TAG_TEXT.test(value)) {
      throw invalidParameters(`Tag ${key} has characters tags may not hold`);
    }
    return { Key: key, Value: value };
  });
}

/**
 * One page of a list: PageSize (0 or absent: the default) and the opaque PageToken the previous
 * page answered with.
 */
export function pageOf<T>(
  input: JsonObject,
  items: readonly T[],
  maxPageSize: number,
  defaultPageSize = 20,
): { page: T[]; NextPageToken?: string } {
  const size = optionalInteger(input, 'PageSize', 0, maxPageSize);
  const { page, nextToken } = paginate(
    items,
    size === undefined || size === 0 ? defaultPageSize : size,
    optionalString(input, 'PageToken', { max: 2024 }),
    () => invalidParameters('The page token is not valid.'),
  );
  return nextToken === undefined ? { page } : { page, NextPageToken: nextToken };
}

/** `AcceptLanguage` (en, jp, zh): read for its bounds; answers are in English. */
export function readAcceptLanguage(input: JsonObject): void {
  optionalString(input, 'AcceptLanguage', { max: 100 });
}
