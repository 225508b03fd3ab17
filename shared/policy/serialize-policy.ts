import { PolicyTooLargeError } from '../errors/policy-errors';
import type { PolicyDocument } from './policy-document';

/** API Gateway's limit on a resource policy (AWS-FACTS). */
export const RESOURCE_POLICY_MAX_CHARS = 8192;

/**
 * The policy as the compact JSON text UpdateRestApi takes. Throws PolicyTooLargeError, naming
 * the size, when it is longer than API Gateway accepts, so the request fails with a fix instead
 * of a BadRequestException halfway through.
 */
export function serializePolicy(document: PolicyDocument): string {
  const text = JSON.stringify(document);
  if (text.length > RESOURCE_POLICY_MAX_CHARS)
    throw new PolicyTooLargeError(text.length, RESOURCE_POLICY_MAX_CHARS);
  return text;
}
