import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnTemplate, property } from './support/cloudformation';
import { FUNCTION_KEYS, lambdaFunction, lambdaLogicalId } from './support/control-plane-functions';
import { lambdaEnvironment } from './support/lambda-environment';
import { node22Binary, REPO_ROOT } from './support/node-22';
import { type PackagedService, packagedService } from './support/packaged-service';

/** The issue's budget for a function's zip (bundle and source map). */
const ZIP_BUDGET_BYTES = 300_000;
/** A bundle that takes longer than this to load is stuck, not slow. */
const LOAD_TIMEOUT_MS = 30_000;

/** Loads a bundle as Lambda's runtime does at cold start and reports how long the require took. */
const LOADER = `
const started = process.hrtime.bigint();
const bundle = require(process.argv[1]);
const initMs = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(JSON.stringify({ initMs, handler: typeof bundle.handler }));
`;

/** `functions/check-dns/handler.handler` → `functions/check-dns/handler.js`. */
const bundlePathOf = (template: CfnTemplate, functionKey: string) =>
  `${String(property(lambdaFunction(template, functionKey), 'Handler')).replace(/\.[^./]+$/, '')}.js`;

describe('the function bundles', () => {
  let packaged: PackagedService;
  let workDir: string;
  /** Stands for the runtime's /var/runtime/node_modules: the AWS SDK v3, nothing else. */
  let runtimeModules: string;

  const taskRootOf = (functionKey: string) => join(workDir, functionKey);

  function loadBundle(functionKey: string, without: readonly string[] = []) {
    const environment = lambdaEnvironment(
      packaged.template,
      lambdaLogicalId(functionKey),
      taskRootOf(functionKey),
    );
    for (const name of without) delete environment[name];
    return spawnSync(
      node22Binary(),
      ['-e', LOADER, join(taskRootOf(functionKey), bundlePathOf(packaged.template, functionKey))],
      {
        cwd: taskRootOf(functionKey),
        env: { ...environment, PATH: process.env.PATH ?? '', HOME: workDir, NODE_PATH: runtimeModules },
        encoding: 'utf8',
        timeout: LOAD_TIMEOUT_MS,
      },
    );
  }

  beforeAll(async () => {
    packaged = await packagedService();
    workDir = mkdtempSync(join(tmpdir(), 'papi-bundles-'));
    runtimeModules = join(workDir, 'runtime', 'node_modules');
    mkdirSync(runtimeModules, { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', '@aws-sdk'), join(runtimeModules, '@aws-sdk'));
    for (const key of FUNCTION_KEYS) {
      mkdirSync(taskRootOf(key));
      const unzipped = spawnSync('unzip', ['-q', packaged.zipOf(key), '-d', taskRootOf(key)], {
        encoding: 'utf8',
      });
      if (unzipped.status !== 0) throw new Error(`unzip ${packaged.zipOf(key)}: ${unzipped.stderr}`);
    }
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps every function zip within 300 KB', () => {
    // Prepare
    const sizes = Object.fromEntries(FUNCTION_KEYS.map((key) => [key, statSync(packaged.zipOf(key)).size]));

    // Act
    const over = Object.entries(sizes).filter(([, bytes]) => bytes > ZIP_BUDGET_BYTES);

    // Assess
    console.log(
      `zip sizes (budget ${ZIP_BUDGET_BYTES / 1000} KB):\n${Object.entries(sizes)
        .map(([key, bytes]) => `  ${key.padEnd(18)} ${(bytes / 1000).toFixed(1)} KB`)
        .join('\n')}`,
    );
    expect(over).toEqual([]);
  });

  it('holds only its own bundle and source map in each zip', () => {
    // Prepare
    const expected = Object.fromEntries(
      FUNCTION_KEYS.map((key) => {
        const bundle = bundlePathOf(packaged.template, key);
        return [key, [bundle, `${bundle}.map`]];
      }),
    );

    // Act
    const listed = Object.fromEntries(
      FUNCTION_KEYS.map((key) => {
        const bundleDir = join(taskRootOf(key), bundlePathOf(packaged.template, key), '..');
        const relativeDir = bundlePathOf(packaged.template, key).replace(/\/[^/]+$/, '');
        return [
          key,
          readdirSync(bundleDir)
            .map((file) => `${relativeDir}/${file}`)
            .sort(),
        ];
      }),
    );

    // Assess
    expect(listed).toEqual(expected);
  });

  it('bundles everything but the AWS SDK v3, which the nodejs22.x runtime provides', () => {
    // Prepare
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

    // Act
    const foreign = FUNCTION_KEYS.flatMap((key) => {
      const code = readFileSync(join(taskRootOf(key), bundlePathOf(packaged.template, key)), 'utf8');
      // A require call, not the text of one: ajv's runtime modules carry `'require("ajv/…")'`
      // strings for its standalone code generation.
      return [...code.matchAll(/(?<!['"`])require\("([^"]+)"\)/g)]
        .map((match) => match[1] ?? '')
        .filter((specifier) => !builtins.has(specifier) && !specifier.startsWith('@aws-sdk/'))
        .map((specifier) => `${key}: ${specifier}`);
    });

    // Assess
    expect(foreign).toEqual([]);
  });

  it('loads every bundle with the environment the template sets, and finds its handler', () => {
    // Prepare
    const results: { key: string; handler?: string; initMs?: number; error?: string }[] = [];

    // Act
    for (const key of FUNCTION_KEYS) {
      const loaded = loadBundle(key);
      if (loaded.status === 0) {
        const { handler, initMs } = JSON.parse(loaded.stdout) as { handler: string; initMs: number };
        results.push({ key, handler, initMs });
      } else {
        results.push({ key, error: `${loaded.stderr}`.slice(0, 2000) });
      }
    }

    // Assess
    console.log(
      `cold-start load (require of the bundle, Node ${process.versions.node} on this machine):\n${results
        .map((result) => `  ${result.key.padEnd(18)} ${result.initMs?.toFixed(0) ?? '-'} ms`)
        .join('\n')}`,
    );
    expect(results.map(({ key, handler, error }) => ({ key, handler, error }))).toEqual(
      FUNCTION_KEYS.map((key) => ({ key, handler: 'function', error: undefined })),
    );
  });

  it('points a cold-start error at the TypeScript source that threw it', () => {
    // Prepare
    const withoutTable = ['TABLE_NAME'];

    // Act
    const loaded = loadBundle('intake', withoutTable);

    // Assess
    const trace = loaded.stderr.split('\n').filter((line) => /^\s*(at |\w*Error)/.test(line));
    expect(loaded.status).not.toBe(0);
    expect(trace[0]).toContain('ConfigurationError: Configuration error: TABLE_NAME is not set');
    expect(trace.join('\n')).toMatch(/shared\/config\/config\.ts:\d+/);
  });
});
