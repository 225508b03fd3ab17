/** Longest key compared: edit distance is quadratic, and real field names are short. */
const MAX_COMPARED_CHARS = 64;

/** Most edits for a key still to count as a typo of a known one. */
const MAX_TYPO_EDITS = 2;

/**
 * The known key an unknown one was most likely meant to be (`subnetId` → `subnetIds`,
 * `VpcId` → `vpcId`), or undefined when none is close.
 */
export function closestKey(unknownKey: string, knownKeys: readonly string[]): string | undefined {
  if (unknownKey.length > MAX_COMPARED_CHARS) return undefined;
  const lower = unknownKey.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const key of knownKeys) {
    const distance = editDistance(lower, key.toLowerCase());
    if (distance <= MAX_TYPO_EDITS && (best === undefined || distance < best.distance))
      best = { key, distance };
  }
  return best?.key;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
