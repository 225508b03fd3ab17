import { canonicalJson } from '../request/canonical-json';
import { normalizePolicy } from './normalize-policy';
import type { PolicyDocument, PolicyScope } from './policy-document';

/**
 * Whether two resource policies mean the same, compared after normalising (see
 * normalizePolicy): API Gateway returns `execute-api:/*` expanded to the API's ARN, and the
 * JSON with escaped quotes, so a textual comparison would report drift that is not there.
 * Two absent policies are equivalent; a malformed one is equivalent to nothing.
 */
export function policiesEquivalent(
  a: string | PolicyDocument | undefined,
  b: string | PolicyDocument | undefined,
  scope: PolicyScope,
): boolean {
  const left = normalizeOrMalformed(a, scope);
  const right = normalizeOrMalformed(b, scope);
  if (left === MALFORMED || right === MALFORMED) return false;
  return canonicalJson(left) === canonicalJson(right);
}

const MALFORMED = Symbol('malformed');

function normalizeOrMalformed(policy: string | PolicyDocument | undefined, scope: PolicyScope) {
  try {
    return normalizePolicy(policy, scope);
  } catch {
    return MALFORMED;
  }
}
