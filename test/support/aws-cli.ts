import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Whether the AWS CLI is on PATH. The CLI v1 is an independent client (botocore's model and parsers),
 * so the conformance tests that use it are skipped, not failed, where it is absent.
 */
export const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

/** `it` where the AWS CLI is on PATH; elsewhere `it.skip`, saying on the console why. */
export function itWithAwsCli(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (hasAwsCli) {
    it(name, fn, timeout);
    return;
  }
  console.warn(`skipping "${name}": the AWS CLI (\`aws\`) is not on PATH`);
  it.skip(name, fn, timeout);
}

/** What one `aws` command did; `json()` parses its output and throws if the command failed. */
export interface AwsCliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  json<T = Record<string, unknown>>(): T;
}

export interface AwsCliOptions {
  /** The region the CLI signs for (default us-east-1). */
  readonly region?: string;
  /** The prefix of the temporary HOME directory's name (default `aws-cli-`). */
  readonly prefix?: string;
}

export interface AwsCli {
  /** The isolated HOME of the CLI (also holds its config and credentials files); tests may write files here. */
  readonly dir: string;
  /** Runs `aws --endpoint-url ENDPOINT --output json ...args` asynchronously; never rejects for a failing exit. */
  run(...args: string[]): Promise<AwsCliResult>;
  /** Removes the temporary HOME. */
  dispose(): void;
}

/**
 * An AWS CLI pointed at `endpoint`, with test credentials, no retries and a temporary HOME of its own,
 * so that no user configuration or instance metadata leaks in. It runs asynchronously: the local cloud
 * answers from the same process, which a synchronous child process would block.
 */
export function createAwsCli(endpoint: string, options: AwsCliOptions = {}): AwsCli {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'aws-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: options.region ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  // A pyenv shim finds its Python through PYENV_ROOT, which would otherwise default to the temporary HOME.
  if (process.env.PYENV_ROOT !== undefined) env.PYENV_ROOT = process.env.PYENV_ROOT;

  const result = (args: readonly string[], exitCode: number, stdout: string, stderr: string) => ({
    exitCode,
    stdout,
    stderr,
    json<T = Record<string, unknown>>(): T {
      if (exitCode !== 0) throw new Error(`aws ${args.join(' ')} failed (exit ${exitCode}): ${stderr}`);
      return JSON.parse(stdout) as T;
    },
  });

  return {
    dir,
    async run(...args: string[]): Promise<AwsCliResult> {
      try {
        const { stdout, stderr } = await execFileAsync(
          'aws',
          ['--endpoint-url', endpoint, '--output', 'json', ...args],
          { env },
        );
        return result(args, 0, stdout, stderr);
      } catch (error: unknown) {
        // execFile's error carries the exit code and both outputs (an Error of another realm under Jest).
        if (typeof error !== 'object' || error === null) throw error;
        const failed: { code?: unknown; stdout?: unknown; stderr?: unknown } = error;
        return result(
          args,
          typeof failed.code === 'number' ? failed.code : -1,
          String(failed.stdout ?? ''),
          String(failed.stderr ?? ''),
        );
      }
    },
    dispose(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
