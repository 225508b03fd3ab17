import { badRequest } from './errors';
import { type BodyReader, isObject } from './request';

const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

/** One JSON-Patch-like operation of an Update* call. */
export interface PatchOperation {
  readonly op: PatchOp;
  readonly path: string;
  readonly value?: string;
  readonly from?: string;
}

/** The `patchOperations` of an Update* body, each checked for a known op and a path. */
export function readPatchOperations(reader: BodyReader): PatchOperation[] {
  const raw = reader.body.patchOperations;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest('patchOperations must be a list');
  return raw.map((item: unknown) => {
    if (!isObject(item)) throw badRequest('Invalid patch operation specified');
    const { op, path, value, from } = item;
    if (typeof op !== 'string' || !(PATCH_OPS as readonly string[]).includes(op)) {
      throw badRequest(`Invalid patch operation specified. Must be one of: [${PATCH_OPS.join(', ')}]`);
    }
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw badRequest(`Invalid patch path ${String(path)}`);
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw badRequest(`Invalid patch value for path ${path}: expected a string`);
    }
    return {
      op: op as PatchOp,
      path,
      value: typeof value === 'string' ? value : undefined,
      from: typeof from === 'string' ? from : undefined,
    };
  });
}

/** JSON Pointer unescaping: `~1` is `/`, `~0` is `~`. */
export const unescapePointer = (segment: string): string =>
  segment.replaceAll('~1', '/').replaceAll('~0', '~');

export function unsupportedPath(operation: PatchOperation, supported: readonly string[]): Error {
  return badRequest(
    `Invalid patch path '${operation.path}' specified for op '${operation.op}'. Must be one of: [${supported.join(', ')}]`,
  );
}

export function patchBoolean(operation: PatchOperation): boolean {
  if (operation.value === 'true') return true;
  if (operation.value === 'false') return false;
  throw badRequest(`Invalid boolean value '${String(operation.value)}' for path ${operation.path}`);
}
