import { invalidNextToken, invalidParameterValue } from './ec2-errors';

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

export interface PageLimits {
  /** Smallest MaxResults the operation accepts (5 for most EC2 Describe calls). */
  readonly min: number;
  /** Largest page; EC2 caps larger requests at 1,000 items. */
  readonly max: number;
}

/** Most EC2 Describe operations: MaxResults 5 to 1,000. */
export const DEFAULT_PAGE_LIMITS: PageLimits = { min: 5, max: 1000 };

const TOKEN_PREFIX = 'ec2-local:';

/**
 * One page of `items` for `MaxResults`/`NextToken`. Without MaxResults everything comes back in
 * one page, as EC2 does. The token is opaque to callers and rejected when it is not one of ours.
 */
export function paginate<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  limits: PageLimits = DEFAULT_PAGE_LIMITS,
): Page<T> {
  const offset = nextToken === undefined ? 0 : decodeToken(nextToken);
  if (maxResults === undefined) return { items: items.slice(offset), nextToken: undefined };
  if (maxResults < limits.min) {
    throw invalidParameterValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Parameter must be between ${limits.min} and ${limits.max}.`,
    );
  }
  const size = Math.min(maxResults, limits.max);
  const end = offset + size;
  return { items: items.slice(offset, end), nextToken: end < items.length ? encodeToken(end) : undefined };
}

function encodeToken(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`, 'utf8').toString('base64');
}

function decodeToken(token: string): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) throw invalidNextToken();
  const offset = Number(text.slice(TOKEN_PREFIX.length));
  if (!Number.isInteger(offset) || offset < 0) throw invalidNextToken();
  return offset;
}
