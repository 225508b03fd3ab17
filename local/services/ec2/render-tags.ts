import { fragments, itemSet, leaf, type Xml } from './xml';

/** A resource's tags as EC2 lists them: `<tagSet><item><key/><value/></item>…</tagSet>`. */
export function renderTagSet(tags: ReadonlyMap<string, string>): Xml {
  return itemSet(
    'tagSet',
    [...tags].map(([key, value]) => fragments(leaf('key', key), leaf('value', value))),
  );
}
