import { invalidFilter } from './ec2-errors';
import type { Filter } from './query-params';

/** What a filter name reads from a resource: one value, several, or none. */
export type FilterField<T> = (resource: T) => string | boolean | number | readonly string[] | undefined;

/** The filters one Describe operation understands, plus how to read a resource's tags. */
export interface FilterSpec<T> {
  readonly fields: Readonly<Record<string, FilterField<T>>>;
  readonly tagsOf?: (resource: T) => ReadonlyMap<string, string>;
}

/**
 * EC2 filter values are globs: `*` matches any run of characters, `?` exactly one, and a
 * backslash escapes either.
 */
export function globMatches(pattern: string, value: string): boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern.charAt(index));
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function valuesOf(raw: ReturnType<FilterField<unknown>>): readonly string[] {
  if (raw === undefined) return [];
  if (typeof raw === 'string') return [raw];
  if (typeof raw === 'boolean' || typeof raw === 'number') return [String(raw)];
  return raw;
}

function matchesAny(patterns: readonly string[], values: readonly string[]): boolean {
  return values.some((value) => patterns.some((pattern) => globMatches(pattern, value)));
}

/**
 * Keeps the resources every filter matches (values of one filter are OR-ed, filters AND-ed), as
 * EC2's Describe operations do. `tag:KEY`, `tag-key` and `tag-value` work wherever the resource
 * has tags; any other unknown name fails with InvalidParameterValue like the real service.
 */
export function applyFilters<T>(
  resources: readonly T[],
  filters: readonly Filter[],
  spec: FilterSpec<T>,
): T[] {
  const predicates = filters.map((filter) => predicateFor(filter, spec));
  return resources.filter((resource) => predicates.every((matches) => matches(resource)));
}

function predicateFor<T>(filter: Filter, spec: FilterSpec<T>): (resource: T) => boolean {
  const { tagsOf } = spec;
  if (tagsOf && filter.name.startsWith('tag:')) {
    const key = filter.name.slice('tag:'.length);
    return (resource) => {
      const value = tagsOf(resource).get(key);
      return value !== undefined && matchesAny(filter.values, [value]);
    };
  }
  if (tagsOf && filter.name === 'tag-key') {
    return (resource) => matchesAny(filter.values, [...tagsOf(resource).keys()]);
  }
  if (tagsOf && filter.name === 'tag-value') {
    return (resource) => matchesAny(filter.values, [...tagsOf(resource).values()]);
  }
  const field = spec.fields[filter.name];
  if (!field) throw invalidFilter(filter.name);
  return (resource) => matchesAny(filter.values, valuesOf(field(resource)));
}
