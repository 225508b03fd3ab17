import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CfnTemplate } from './cloudformation';
import { node22Binary, REPO_ROOT } from './node-22';

/** The stage and Region every deploy check packages for. */
export const CHECK_STAGE = 'ci';
export const CHECK_REGION = 'us-east-1';

/** What `serverless package` reads: a change to any of these packages again. */
const PACKAGE_INPUTS = [
  'serverless.yml',
  'infra',
  'functions',
  'shared',
  'statemachines',
  'tsconfig.json',
  'package-lock.json',
];

/** Packaging the 16 functions takes seconds; a minute means osls is stuck. Below jest's hook timeout (120 s). */
const PACKAGE_TIMEOUT_MS = 60_000;
/**
 * osls prints its error report and then may never exit (esbuild's service process keeps it
 * alive after a failed build): once the report is out, it gets this long to exit by itself.
 */
const EXIT_AFTER_ERROR_REPORT_MS = 2_000;
const ERROR_REPORT = /^Error:\s*$/m;
/** Another jest worker packaging the same inputs: wait for it while its process lives, at most this long. */
const STALE_LOCK_MS = PACKAGE_TIMEOUT_MS + 30_000;
const LOCK_POLL_MS = 250;
/** Packages of older inputs are removed after a day. */
const CACHE_TTL_MS = 24 * 60 * 60 * 1000;

export interface PackagedService {
  /** The directory `serverless package --package` wrote: the template and one zip per function. */
  readonly directory: string;
  readonly template: CfnTemplate;
  /** How long packaging took, or 0 when an earlier run's package of the same inputs was reused. */
  readonly packagingMs: number;
  /** Whether the package was made in a network namespace of its own, with no way out. */
  readonly packagedWithoutNetwork: boolean;
  /** The zip of a function (its key in serverless.yml). */
  zipOf(functionKey: string): string;
}

/**
 * The environment osls runs in: no AWS credentials, profile or config file (packaging needs
 * none), no instance metadata, no telemetry.
 */
export function offlineEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'TMPDIR', 'LANG'])
    if (process.env[key] !== undefined) env[key] = process.env[key];
  return {
    ...env,
    HOME: tmpdir(),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_DISABLE: '*',
    CI: '1',
  };
}

/**
 * `unshare -rn` runs a command in a new network namespace with only a loopback that is down:
 * whatever tried to reach the network would fail. Used when the kernel allows it.
 */
const NO_NETWORK = ['unshare', '-rn'] as const;
export const networkIsolationAvailable = (() => {
  let available: boolean | undefined;
  return () => {
    available ??= spawnSync(NO_NETWORK[0], [...NO_NETWORK.slice(1), 'true']).status === 0;
    return available;
  };
})();

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}

/** A hash of every packaging input's path and content. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const input of PACKAGE_INPUTS) {
    for (const file of filesUnder(join(REPO_ROOT, input))) {
      hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Runs the serverless CLI (osls) with Node 22 in the repository, offline: without credentials,
 * and without network where the kernel allows a namespace of its own. Resolves with its
 * standard output; rejects with the tail of all its output when it fails or hangs.
 */
export function runServerless(args: readonly string[], timeoutMs = PACKAGE_TIMEOUT_MS): Promise<string> {
  const cli = join(REPO_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
  const command = `serverless ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const [program, ...programArgs] = [
      ...(networkIsolationAvailable() ? NO_NETWORK : []),
      node22Binary(),
      cli,
      ...args,
    ] as [string, ...string[]];
    const child = spawn(program, programArgs, {
      cwd: REPO_ROOT,
      env: offlineEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let output = '';
    let exitAfterReport: NodeJS.Timeout | undefined;
    // The whole group: osls leaves esbuild's service process behind.
    const killGroup = () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    };
    const fail = (why: string) => {
      clearTimeout(timer);
      clearTimeout(exitAfterReport);
      killGroup();
      reject(new Error(`${command} ${why}:\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`did not finish in ${timeoutMs} ms`), timeoutMs);
    const collect = (chunk: Buffer, fromStdout: boolean) => {
      if (fromStdout) stdout += chunk.toString();
      output += chunk.toString();
      if (exitAfterReport === undefined && ERROR_REPORT.test(output)) {
        exitAfterReport = setTimeout(
          () => fail('reported an error and did not exit'),
          EXIT_AFTER_ERROR_REPORT_MS,
        );
      }
    };
    child.stdout.on('data', (chunk: Buffer) => collect(chunk, true));
    child.stderr.on('data', (chunk: Buffer) => collect(chunk, false));
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(exitAfterReport);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the process that wrote a lock is still running (the lock holds its pid). */
function lockHolderAlive(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: alive, someone else's. Anything else (no pid file yet, no such process): not known alive.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Takes the lock directory, waiting while another live process holds it; false when the
 * package appeared meanwhile. A lock left by a killed process is taken over.
 */
async function acquireLock(lock: string, done: string): Promise<boolean> {
  for (;;) {
    if (existsSync(done)) return false;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (error: unknown) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      try {
        const age = Date.now() - statSync(lock).mtimeMs;
        // A moment's grace: the holder writes its pid just after creating the lock.
        if (age > STALE_LOCK_MS || (age > LOCK_POLL_MS * 4 && !lockHolderAlive(lock))) {
          rmSync(lock, { recursive: true, force: true });
        }
      } catch {
        // Released between the two calls: try again.
      }
      await sleep(LOCK_POLL_MS);
    }
  }
}

/** Removes packages of inputs older than a day (each run with changed inputs adds one). */
function pruneCache(cacheRoot: string, keep: string): void {
  for (const entry of readdirSync(cacheRoot)) {
    const path = join(cacheRoot, entry);
    if (path === keep || Date.now() - statSync(path).mtimeMs < CACHE_TTL_MS) continue;
    rmSync(path, { recursive: true, force: true });
  }
}

let packaged: Promise<PackagedService> | undefined;

/**
 * Packages the service once for the stage `ci` (`serverless package --stage ci --region
 * us-east-1`), into a directory under the OS temp dir named by a hash of the inputs. Test files
 * in other jest workers, and later runs with unchanged inputs, reuse that package.
 */
export function packagedService(): Promise<PackagedService> {
  packaged ??= packageOnce();
  return packaged;
}

async function packageOnce(): Promise<PackagedService> {
  const cacheRoot = join(tmpdir(), 'papi-deploy-package');
  mkdirSync(cacheRoot, { recursive: true });
  const target = join(cacheRoot, `${CHECK_STAGE}-${inputsHash()}`);
  const done = join(target, 'done');
  let packagingMs = 0;
  if (await acquireLock(`${target}.lock`, done)) {
    try {
      const started = Date.now();
      const partial = `${target}.partial`;
      rmSync(partial, { recursive: true, force: true });
      await runServerless([
        'package',
        '--stage',
        CHECK_STAGE,
        '--region',
        CHECK_REGION,
        '--package',
        partial,
      ]);
      writeFileSync(join(partial, 'network'), networkIsolationAvailable() ? 'none' : 'host');
      writeFileSync(join(partial, 'done'), new Date().toISOString());
      rmSync(target, { recursive: true, force: true });
      renameSync(partial, target);
      packagingMs = Date.now() - started;
      pruneCache(cacheRoot, target);
    } finally {
      rmSync(`${target}.lock`, { recursive: true, force: true });
    }
  }
  const template = JSON.parse(
    readFileSync(join(target, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CfnTemplate;
  return {
    directory: target,
    template,
    packagingMs,
    packagedWithoutNetwork: readFileSync(join(target, 'network'), 'utf8') === 'none',
    zipOf: (functionKey) => join(target, `${functionKey}.zip`),
  };
}
