import type { z } from 'zod';
import { MAX_JSON_DEPTH } from './json-shape';

/**
 * What API Gateway's import (PutRestApi, ImportRestApi) refuses in an OpenAPI document beyond the
 * OpenAPI schema itself (docs/aws-facts.md, API Gateway): checked at intake, so that a request
 * whose definition API Gateway would refuse creates nothing at all.
 */

/**
 * A resource path part: letters, digits and `._:-`, or a whole-part `{param}` or greedy
 * `{proxy+}`. API Gateway's own message: "Resource's path part only allow a-zA-Z0-9._- and curly
 * braces at the beginning and the end and an optional plus sign before the closing brace."
 */
const PATH_PART = /^(?:[a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

/** Integration types of `x-amazon-apigateway-integration` (compared case-insensitively, as the import does). */
export const INTEGRATION_TYPES = ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'] as const;

/** OpenAPI operations of a path item, and API Gateway's catch-all method extension. */
const OPERATION_KEYS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'x-amazon-apigateway-any-method',
] as const;

const INTEGRATION_EXTENSION = 'x-amazon-apigateway-integration';

type Issue = { readonly path: PropertyKey[]; readonly message: string };

/** Why an OpenAPI path key is not an API Gateway resource path, or undefined when it is one. */
export function resourcePathProblem(path: string): string | undefined {
  if (path.startsWith('x-')) return undefined;
  const parts = path === '/' ? [] : path.slice(1).replace(/\/$/, '').split('/');
  const bad = parts.find((part) => !PATH_PART.test(part));
  if (bad !== undefined) {
    return (
      `"${bad.length > 64 ? `${bad.slice(0, 64)}…` : bad}" is not a valid path part: API Gateway allows ` +
      'letters, digits and ._:- or a whole {param} / {proxy+} between slashes (close every "{")'
    );
  }
  const greedy = parts.findIndex((part) => part.endsWith('+}'));
  if (greedy !== -1 && greedy !== parts.length - 1) {
    return 'a greedy {proxy+} path part must be the last one';
  }
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The API Gateway problems of a document's paths, each with its path inside `paths`. */
export function apiGatewayPathIssues(paths: Record<string, unknown>): Issue[] {
  const issues: Issue[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const problem = resourcePathProblem(path);
    if (problem) issues.push({ path: [path], message: problem });
    if (!isObject(item)) continue;
    for (const method of OPERATION_KEYS) {
      const operation = item[method];
      if (!isObject(operation) || !(INTEGRATION_EXTENSION in operation)) continue;
      const integration = operation[INTEGRATION_EXTENSION];
      const type = isObject(integration) ? integration.type : undefined;
      const known =
        typeof type === 'string' && (INTEGRATION_TYPES as readonly string[]).includes(type.toLowerCase());
      if (!known) {
        issues.push({
          path: [path, method, INTEGRATION_EXTENSION, 'type'],
          message: `expected an integration type, one of ${INTEGRATION_TYPES.join(', ')}`,
        });
      }
    }
  }
  return issues;
}

/** Every `$ref` that points outside the document: API Gateway's import resolves none of them. */
export function externalReferenceIssues(document: unknown): Issue[] {
  const issues: Issue[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    // Deeper nesting is refused on its own (inspectJsonShape): no need to look, nor to recurse.
    if (path.length >= MAX_JSON_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        walk(item, [...path, index]);
      });
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && !child.startsWith('#')) {
        issues.push({
          path: [...path, key],
          message:
            'expected a reference inside the document, like "#/components/schemas/Order": API Gateway resolves no other',
        });
      } else {
        walk(child, [...path, key]);
      }
    }
  };
  walk(document, []);
  return issues;
}

/** Adds issues found by one of the checks above to a zod refinement context. */
export function addIssues(context: z.core.$RefinementCtx, input: unknown, issues: readonly Issue[]): void {
  for (const issue of issues) {
    context.addIssue({ code: 'custom', input, path: [...issue.path], message: issue.message });
  }
}
