import { listPage } from '../../../../local/services/s3/list-objects';
import type { ObjectRecord } from '../../../../local/services/s3/records';

const objects = (...keys: string[]): ObjectRecord[] =>
  keys.map((key) => ({
    bucket: 'b',
    key,
    body: Buffer.from(key),
    etag: '"x"',
    lastModifiedMs: 0,
    headers: {},
    metadata: {},
  }));
const keysOf = (page: { objects: readonly ObjectRecord[] }) => page.objects.map((object) => object.key);

describe('listPage', () => {
  const sorted = objects('a/1', 'a/2', 'b', 'c/d/1', 'c/e', 'd');

  it('rolls the keys holding the delimiter past the prefix up into common prefixes, each counted once', () => {
    // Act
    const page = listPage(sorted, { prefix: '', delimiter: '/', maxKeys: 1000 });

    // Assess
    expect(keysOf(page)).toEqual(['b', 'd']);
    expect(page.commonPrefixes).toEqual(['a/', 'c/']);
    expect(page.isTruncated).toBe(false);
  });

  it('pages by max-keys, the next page starting after every key of the last common prefix', () => {
    // Act
    const first = listPage(sorted, { prefix: '', delimiter: '/', maxKeys: 3 });
    const second = listPage(sorted, { prefix: '', delimiter: '/', maxKeys: 3, after: first.lastKey });

    // Assess
    expect([...first.commonPrefixes, ...keysOf(first)]).toEqual(['a/', 'c/', 'b']);
    expect(first).toMatchObject({ isTruncated: true, lastKey: 'c/e' });
    expect(keysOf(second)).toEqual(['d']);
    expect(second.isTruncated).toBe(false);
  });

  it('lists under a prefix, a delimiter rolling up only past it', () => {
    // Act
    const page = listPage(sorted, { prefix: 'c/', delimiter: '/', maxKeys: 1000 });

    // Assess
    expect(keysOf(page)).toEqual(['c/e']);
    expect(page.commonPrefixes).toEqual(['c/d/']);
  });
});
