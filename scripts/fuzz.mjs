// `npm run fuzz -- --runs 1000 [--seed 42]`: the hostile-request suite
// (test/integration/control-plane/hostile-requests.test.ts) with more cases or another seed
// than CI's fixed ones. Prints the figures: cases, records, rejected, failed, resources left, stuck.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '500' }, seed: { type: 'string' } },
});
const seed = values.seed ?? String(Date.now() % 2_147_483_647);
const result = spawnSync(
  'npx',
  ['jest', 'test/integration/control-plane/hostile-requests.test.ts', '--testTimeout', '3600000'],
  {
    stdio: 'inherit',
    env: { ...process.env, PAPI_FUZZ_RUNS: values.runs, PAPI_FUZZ_SEED: seed },
  },
);
process.exit(result.status ?? 1);
