import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (this file is test/deploy/support/node-22.ts). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Lambda's runtime for the functions (nodejs22.x): bundles are loaded and packaged with the same major. */
const LAMBDA_NODE_MAJOR = '22';

/**
 * The Node 22 binary: this process's when jest runs under Node 22, else the one the `node@22`
 * devDependency installs (the system Node may be 20).
 */
export function node22Binary(): string {
  if (process.versions.node.split('.')[0] === LAMBDA_NODE_MAJOR) return process.execPath;
  const installed = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(installed)) throw new Error(`no Node ${LAMBDA_NODE_MAJOR} binary: run npm ci`);
  return installed;
}
