import type { CloudRequest } from '../../core/types';
import { badRequest, missingMember } from './errors';

/** One routed API Gateway call: the request, the path labels of its route, and its Region. */
export interface ApiCall {
  readonly req: CloudRequest;
  readonly params: Readonly<Record<string, string>>;
  readonly region: string;
}

/** A JSON object: not null, not an array. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON object body of a call (empty object when there is no body), or BadRequestException. */
export function jsonBody(req: CloudRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw badRequest(
      `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isObject(value)) throw badRequest('Could not parse request body into json: expected a JSON object');
  return value;
}

/**
 * Reads typed members from a request body with API Gateway's validation wording; `input` is the
 * Coral input name (`createRestApiInput`) that AWS puts in its messages.
 */
export class BodyReader {
  constructor(
    readonly body: Record<string, unknown>,
    private readonly input: string,
  ) {}

  private invalid(member: string, expected: string): Error {
    return badRequest(
      `1 validation error detected: Value at '${this.input}.${member}' failed to satisfy constraint: Member must be ${expected}`,
    );
  }

  has(member: string): boolean {
    return this.body[member] !== undefined && this.body[member] !== null;
  }

  string(member: string): string | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.invalid(member, 'a string');
    return value;
  }

  requiredString(member: string): string {
    const value = this.string(member);
    if (value === undefined) throw missingMember(this.input, member);
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.invalid(member, 'a boolean');
    return value;
  }

  integer(member: string): number | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.invalid(member, 'an integer');
    return value;
  }

  stringList(member: string): string[] | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw this.invalid(member, 'a list of strings');
    }
    return value;
  }

  stringMap(member: string): Record<string, string> | undefined {
    return this.map(member, 'string') as Record<string, string> | undefined;
  }

  booleanMap(member: string): Record<string, boolean> | undefined {
    return this.map(member, 'boolean') as Record<string, boolean> | undefined;
  }

  object(member: string): Record<string, unknown> | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw this.invalid(member, 'an object');
    return value;
  }

  private map(member: string, valueType: 'string' | 'boolean'): Record<string, unknown> | undefined {
    const value = this.body[member];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value) || !Object.values(value).every((item) => typeof item === valueType)) {
      throw this.invalid(member, `a map of ${valueType}s`);
    }
    return { ...value };
  }
}

/** A path label of the matched route (always present: the route template names it). */
export function label(call: ApiCall, name: string): string {
  const value = call.params[name];
  if (value === undefined) throw new Error(`route has no label ${name}`);
  return value;
}
