import type { AwsError } from './aws-error';

/**
 * Offset-based paging behind an opaque token, as the list operations page. A token that does
 * not decode is the service's own invalid-token error.
 */
export function paginate<T>(
  items: readonly T[],
  maxResults: number,
  nextToken: string | undefined,
  invalidToken: () => AwsError,
): { page: T[]; nextToken?: string } {
  const start = nextToken === undefined ? 0 : decodeToken(nextToken, invalidToken);
  const page = items.slice(start, start + maxResults);
  const next = start + maxResults < items.length ? encodeToken(start + maxResults) : undefined;
  return next === undefined ? { page } : { page, nextToken: next };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeToken(token: string, invalidToken: () => AwsError): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const offset =
      typeof parsed === 'object' && parsed !== null ? (parsed as { offset?: unknown }).offset : undefined;
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through
  }
  throw invalidToken();
}
