import type { CloudRequest } from './types';

/**
 * The parameters of a query-protocol call (EC2, CloudFormation): the form-encoded body of a POST,
 * merged over the query string of the URL (a GET carries them there).
 */
export function queryParametersOf(req: CloudRequest): URLSearchParams {
  const merged = new URLSearchParams(req.query);
  if (req.body.length > 0) {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) merged.set(key, value);
  }
  return merged;
}

/**
 * The distinct N of `{prefix}.N…` parameters, ascending: how the query protocol numbers the members
 * of a list (`Filter.1.Name`, `Parameters.member.2.ParameterKey`).
 */
export function listIndexes(keys: Iterable<string>, prefix: string): number[] {
  const indexes = new Set<number>();
  const head = `${prefix}.`;
  for (const key of keys) {
    if (!key.startsWith(head)) continue;
    const index = Number(key.slice(head.length).split('.')[0]);
    if (Number.isInteger(index) && index > 0) indexes.add(index);
  }
  return [...indexes].sort((a, b) => a - b);
}

/**
 * The parameters of one query-protocol call, as read by EC2's and CloudFormation's readers, which
 * add their own list shapes (`Name.N`, `Name.member.N`) and their own errors.
 */
export class QueryParameters {
  protected readonly params: ReadonlyMap<string, string>;

  constructor(params: URLSearchParams) {
    this.params = new Map(params.entries());
  }

  get action(): string | undefined {
    return this.params.get('Action');
  }

  string(name: string): string | undefined {
    return this.params.get(name);
  }

  /** The distinct N of `{prefix}.N…` parameters, ascending. */
  protected indexes(prefix: string): number[] {
    return listIndexes(this.params.keys(), prefix);
  }
}
