/**
 * JSON with object keys sorted (by UTF-16 code units) at every level and no whitespace, so that
 * two values with the same content give the same text whatever their key order. Array order is
 * kept; `undefined` members are left out, as `JSON.stringify` does. Throws a TypeError on a
 * cycle (JSON has none).
 */
export function canonicalJson(value: unknown): string {
  return render(value, new Set());
}

function render(value: unknown, ancestors: Set<object>): string {
  if (value === null || typeof value !== 'object') {
    // JSON.stringify renders numbers, strings and booleans canonically; bigint and the like throw.
    return JSON.stringify(value) ?? 'null';
  }
  if (ancestors.has(value)) throw new TypeError('canonicalJson: the value has a cycle');
  ancestors.add(value);
  let rendered: string;
  if (Array.isArray(value)) {
    rendered = `[${value.map((item: unknown) => (item === undefined ? 'null' : render(item, ancestors))).join(',')}]`;
  } else {
    const members = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([key, member]: [string, unknown]) =>
        member === undefined ? [] : [`${JSON.stringify(key)}:${render(member, ancestors)}`],
      );
    rendered = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return rendered;
}
