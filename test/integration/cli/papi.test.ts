import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { type PapiIo, runPapi } from '../../../cli/papi';
import type { RequestRecord } from '../../../shared/status/records';
import { type ControlPlaneHarness, startControlPlane } from '../../support/control-plane';

const REPO = join(__dirname, '../../..');
/** Real time the follow loop sleeps between polls: the cloud's clock runs 200× faster. */
const POLL_SLEEP_MS = 50;
/** Real seconds `submit --wait` may follow a request. */
const WAIT_SECONDS = '60';

/** What one papi run printed, and its exit code. */
interface PapiRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** examples/create-request.json with top-level fields replaced. */
function exampleRequest(changes: Record<string, unknown>): Record<string, unknown> {
  const example: Record<string, unknown> = JSON.parse(
    readFileSync(join(REPO, 'examples/create-request.json'), 'utf8'),
  );
  return { ...example, ...changes };
}

/** A request file based on examples/create-request.json, with top-level fields replaced. */
function requestFile(directory: string, name: string, changes: Record<string, unknown>): string {
  const path = join(directory, `${name}.json`);
  writeFileSync(path, JSON.stringify(exampleRequest(changes)));
  return path;
}

describe('papi against the control plane on the local cloud', () => {
  let plane: ControlPlaneHarness;
  let directory: string;

  /** Runs papi in process, aimed at the local cloud through the environment as a user would. */
  async function papi(...argv: string[]): Promise<PapiRun> {
    const out: string[] = [];
    const err: string[] = [];
    const io: PapiIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { AWS_ENDPOINT_URL: plane.cloud.endpoint, AWS_REGION: plane.cloud.region },
      sleep: () => new Promise((resolve) => setTimeout(resolve, POLL_SLEEP_MS)),
    };
    const code = await runPapi(argv, io);
    return { code, out, err };
  }

  /** The final record `submit --wait` prints last, as JSON. */
  const finalRecord = (run: PapiRun): RequestRecord => JSON.parse(run.out.at(-1) ?? '{}');

  beforeAll(async () => {
    plane = await startControlPlane();
    directory = mkdtempSync(join(tmpdir(), 'papi-cli-'));
  });

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await plane.stop();
  });

  describe('submit --wait', () => {
    it('exits 0 and prints each step and the final record when the API is provisioned', async () => {
      // Prepare
      const file = requestFile(directory, 'good', { requestId: 'cli-good-1', apiKey: 'cli-orders' });

      // Act
      const run = await papi('submit', file, '--wait', '--timeout', WAIT_SECONDS);

      // Assess
      expect(run.err).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.out[0]).toMatch(/^submitted cli-good-1 as event \S+ on papi-local$/);
      expect(run.out).toContain('cli-good-1: SUCCEEDED');
      for (const step of ['preflight', 'ensure-endpoint', 'create-api', 'deploy-stage', 'check-dns']) {
        expect(run.out.some((line) => new RegExp(`^ {2}✓ ${step} +done `).test(line))).toBe(true);
      }
      const record = finalRecord(run);
      expect(record).toMatchObject({ requestId: 'cli-good-1', status: 'SUCCEEDED', apiKey: 'cli-orders' });
      expect(record.outputs).toMatchObject({
        apiId: expect.any(String),
        vpcEndpointId: expect.stringMatching(/^vpce-/),
        invokeUrls: { alias: expect.stringMatching(/^https:\/\/.+\/v1$/) },
      });
    });

    it('exits 1 and prints the reasons when the request is rejected', async () => {
      // Prepare
      const file = requestFile(directory, 'rejected', {
        requestId: 'cli-bad-1',
        apiKey: 'cli-bad',
        network: { vpcId: 'vpc-nope', subnetIds: [], securityGroupIds: ['sg-0a1b2c3d4e5f60443'] },
      });

      // Act
      const run = await papi('submit', file, '--wait', '--timeout', WAIT_SECONDS);

      // Assess
      expect(run.code).toBe(1);
      expect(run.out).toContain('cli-bad-1: REJECTED');
      const record = finalRecord(run);
      expect(record.status).toBe('REJECTED');
      expect(record.reasons?.map((reason) => reason.field)).toEqual(
        expect.arrayContaining(['network.vpcId', 'network.subnetIds']),
      );
    });

    it('follows a request without a usable requestId under rejected-{eventId}', async () => {
      // Prepare
      const file = requestFile(directory, 'no-id', { requestId: 'not a valid id', apiKey: 'cli-no-id' });

      // Act
      const run = await papi('submit', file, '--wait', '--timeout', WAIT_SECONDS);

      // Assess
      expect(run.code).toBe(1);
      const eventId = /as event (\S+) on/.exec(run.out[0] ?? '')?.[1];
      expect(finalRecord(run)).toMatchObject({
        requestId: `rejected-${eventId}`.slice(0, 64),
        status: 'REJECTED',
      });
    });

    it('exits 0 without waiting once the bus took the event', async () => {
      // Prepare
      const file = requestFile(directory, 'no-wait', { requestId: 'cli-nowait-1', apiKey: 'cli-nowait' });

      // Act
      const run = await papi('submit', file);

      // Assess
      expect(run.code).toBe(0);
      expect(run.out).toEqual([expect.stringMatching(/^submitted cli-nowait-1 as event \S+ on papi-local$/)]);
      await plane.waitForStatus('cli-nowait-1');
    });
  });

  describe('reading the status table', () => {
    beforeAll(async () => {
      await plane.submit(exampleRequest({ requestId: 'cli-read-1', apiKey: 'cli-read' }));
      await plane.waitForStatus('cli-read-1');
    });

    it('prints the record of a request with status', async () => {
      // Act
      const run = await papi('status', 'cli-read-1');

      // Assess
      expect(run.code).toBe(0);
      const record: RequestRecord = JSON.parse(run.out.join('\n'));
      expect(record).toMatchObject({ requestId: 'cli-read-1', status: 'SUCCEEDED' });
    });

    it('exits 1 naming the table when the request does not exist', async () => {
      // Act
      const run = await papi('status', 'no-such-request');

      // Assess
      expect(run.code).toBe(1);
      expect(run.err).toEqual(['no request no-such-request in papi-local-status']);
    });

    it('lists the requests of one status, one tab-separated line each', async () => {
      // Act
      const run = await papi('list', '--status', 'succeeded');

      // Assess
      expect(run.code).toBe(0);
      const rows = run.out.map((line) => line.split('\t'));
      expect(rows.every((row) => row[1] === 'SUCCEEDED')).toBe(true);
      expect(rows).toContainEqual([
        'cli-read-1',
        'SUCCEEDED',
        'cli-read',
        expect.any(String),
        expect.any(String),
      ]);
    });

    it('lists the managed APIs with their state, API id and endpoint', async () => {
      // Prepare
      const outputs = (await plane.store.getRequest('cli-read-1'))?.outputs;

      // Act
      const run = await papi('apis');

      // Assess
      expect(run.code).toBe(0);
      expect(run.out).toContain(
        ['cli-read', 'ACTIVE', outputs?.apiId, outputs?.vpcEndpointId, 'cli-read-1'].join('\t'),
      );
    });
  });

  describe('usage errors exit 2', () => {
    it.each([
      ['no command', []],
      ['an unknown command', ['frobnicate']],
      ['an unknown option', ['list', '--colour']],
      ['submit without FILE', ['submit']],
      ['status without REQUEST_ID', ['status']],
      ['an unknown status', ['list', '--status', 'DONE']],
      ['a timeout that is not seconds', ['submit', 'request.json', '--timeout', 'soon']],
    ])('for %s, and prints the usage', async (_, argv) => {
      // Act
      const run = await papi(...argv);

      // Assess
      expect(run.code).toBe(2);
      expect([...run.out, ...run.err].join('\n')).toContain('Usage:');
    });

    it('for a request file that cannot be read, naming the file', async () => {
      // Act
      const run = await papi('submit', join(directory, 'missing.json'));

      // Assess
      expect(run.code).toBe(2);
      expect(run.err.join('\n')).toContain(`cannot read ${join(directory, 'missing.json')}`);
    });

    it('exits 0 with the usage for --help', async () => {
      // Act
      const run = await papi('--help');

      // Assess
      expect(run.code).toBe(0);
      expect(run.out.join('\n')).toContain('papi submit FILE [--wait]');
    });
  });

  it('runs as `npx papi` in a checkout', async () => {
    // Prepare: what `npm run`/`npx` do: the project's node_modules/.bin (with Node 22) first on PATH
    const env = {
      ...process.env,
      PATH: [join(REPO, 'node_modules/.bin'), process.env.PATH].join(delimiter),
    };

    // Act
    const { stdout } = await promisify(execFile)('npx', ['--offline', 'papi', '--help'], { cwd: REPO, env });

    // Assess
    expect(stdout).toContain('papi: operate the private API control plane');
    expect(stdout).toContain('papi submit FILE [--wait] [--timeout SECONDS]');
  });
});
