import { badRequest } from './errors';
import { MAX_TAG_KEY_LENGTH, MAX_TAG_VALUE_LENGTH, MAX_TAGS_PER_RESOURCE } from './limits';

/** Merges `added` into `existing` after AWS's tag rules: keys 1–128 chars, not `aws:`, values ≤ 256, ≤ 50 tags. */
export function mergeTags(
  existing: Readonly<Record<string, string>>,
  added: Readonly<Record<string, string>>,
): Record<string, string> {
  for (const [key, value] of Object.entries(added)) {
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
      throw badRequest(`Tag key must be between 1 and ${MAX_TAG_KEY_LENGTH} characters: '${key}'`);
    }
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Tag keys cannot start with 'aws:': '${key}'`);
    if (value.length > MAX_TAG_VALUE_LENGTH) {
      throw badRequest(`Tag value must be at most ${MAX_TAG_VALUE_LENGTH} characters for key '${key}'`);
    }
  }
  const merged = { ...existing, ...added };
  if (Object.keys(merged).length > MAX_TAGS_PER_RESOURCE) {
    throw badRequest(`A resource can have at most ${MAX_TAGS_PER_RESOURCE} tags`);
  }
  return merged;
}
