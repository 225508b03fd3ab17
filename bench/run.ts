/**
 * `npm run bench [-- --requests N --time-scale S]`: figures for the pure core and for
 * provisioning on the local cloud. Benchmarks print; tests assert behaviour.
 */
import { parseArgs } from 'node:util';
import { benchCore } from './core';
import { benchProvision } from './provision';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '10' },
      'time-scale': { type: 'string', default: '100' },
    },
  });
  process.env.PAPI_TEST_LOG_LEVEL ??= 'SILENT';
  benchCore();
  await benchProvision(Number(values.requests), Number(values['time-scale']));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
