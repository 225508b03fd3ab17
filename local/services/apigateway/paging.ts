import { badRequest } from './errors';

/** GetRestApis, GetResources, GetDeployments: 25 items a page unless `limit` says otherwise, at most 500. */
export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 500;

export interface Page<T> {
  readonly items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  readonly position?: string;
}

const encodePosition = (seq: number): string => Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');

function decodePosition(position: string): number {
  const match = /^seq:(\d+)$/.exec(Buffer.from(position, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badRequest('Invalid position parameter');
  return Number(match[1]);
}

function pageLimit(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return DEFAULT_PAGE_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit)) throw badRequest(`Invalid limit parameter: ${raw}`);
  if (limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badRequest(
      `1 validation error detected: Value '${raw}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE_LIMIT}`,
    );
  }
  return limit;
}

/**
 * One page of `items` (in creation order) after the cursor in `position`, the way API Gateway
 * pages with `limit` and `position`; the cursor stays valid when items before it are deleted.
 */
export function pageOf<T extends { readonly seq: number }>(
  items: readonly T[],
  query: URLSearchParams,
): Page<T> {
  const limit = pageLimit(query);
  const position = query.get('position');
  const after = position === null || position === '' ? 0 : decodePosition(position);
  const remaining = [...items].sort((a, b) => a.seq - b.seq).filter((item) => item.seq > after);
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return remaining.length > limit && last
    ? { items: page, position: encodePosition(last.seq) }
    : { items: page };
}
