import { RequestValidationError } from '../errors/request-errors';

const EXECUTION_NAME_PREFIX = 'papi-';

/** Step Functions: execution names are at most 80 characters (AWS-FACTS). */
export const EXECUTION_NAME_MAX_CHARS = 80;

/** The requestId rule of the request schema: letters, digits, `_` and `-` are valid in any execution name. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Step Functions execution name of a request, `papi-{requestId}`: deterministic, so a
 * duplicate delivery of the request starts the same execution and StartExecution answers with
 * the running one (AWS-FACTS) instead of provisioning twice. Throws RequestValidationError for a
 * requestId the request schema would have refused.
 */
export function executionName(requestId: string): string {
  if (!REQUEST_ID.test(requestId)) {
    throw new RequestValidationError([
      {
        field: 'requestId',
        message: "expected 1 to 64 letters, digits, '_' or '-' (the caller's idempotency key)",
      },
    ]);
  }
  return `${EXECUTION_NAME_PREFIX}${requestId}`;
}
