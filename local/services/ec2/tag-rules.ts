import { AwsError } from '../../core/aws-error';
import { invalidParameterValue } from './ec2-errors';
import type { TagInput } from './query-params';

/** EC2 tag limits: 50 tags a resource, keys up to 128 characters, values up to 256, no `aws:` keys. */
export const MAX_TAGS_PER_RESOURCE = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/** Checks tags to be written and returns them as key/value pairs (a missing value is ""). */
export function validateTags(tags: readonly TagInput[]): [string, string][] {
  return tags.map(({ key, value = '' }) => {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new AwsError(
        'InvalidTagKey.Malformed',
        `Tag key '${key}' must be 1 to ${MAX_KEY_LENGTH} characters.`,
      );
    }
    if (key.toLowerCase().startsWith('aws:')) {
      throw invalidParameterValue(`Tag keys starting with 'aws:' are reserved for internal use`);
    }
    if (value.length > MAX_VALUE_LENGTH) {
      throw invalidParameterValue(`Tag value for key '${key}' exceeds ${MAX_VALUE_LENGTH} characters.`);
    }
    return [key, value];
  });
}

/** TagLimitExceeded when a resource would carry more than 50 tags. */
export function assertTagLimit(
  existing: ReadonlyMap<string, string>,
  added: readonly [string, string][],
): void {
  const keys = new Set([...existing.keys(), ...added.map(([key]) => key)]);
  if (keys.size > MAX_TAGS_PER_RESOURCE) {
    throw new AwsError(
      'TagLimitExceeded',
      `The maximum number of Tags for a resource has been reached. Maximum: ${MAX_TAGS_PER_RESOURCE}.`,
    );
  }
}
