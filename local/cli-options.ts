import { parseArgs } from 'node:util';
import type { LocalCloudOptions } from './cloud';
import { DEFAULT_DNS_PORT, DEFAULT_PORT } from './cloud';

export const CLOUD_USAGE = `Options:
  --port N                      HTTP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --dns-port N                  DNS port on 127.0.0.1, UDP (default ${DEFAULT_DNS_PORT})
  --time-scale N                run the simulated clock N times faster than real time (default 1)
  --endpoint-available-after S  simulated seconds before a new VPC endpoint is available (default 60)
  --alias-propagation S         simulated seconds before an association alias resolves (default 90)
  --no-quotas                   switch the AWS rate quotas off
  --ec2-rate N                  EC2 requests per simulated second before RequestLimitExceeded (default 20)
  --seed FILE                   seed data (VPCs, subnets, security groups) instead of the default
  --state FILE                  keep state across restarts in FILE
  --bare                        only the AWS services: do not deploy the control plane into them
  --help                        this text`;

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new Error(`--${name}: expected a non-negative number, got '${value}'`);
  return number;
}

/** The local cloud's command-line options, shared by `npm run cloud` and `npm start`. */
export const CLOUD_OPTION_SPECS = {
  port: { type: 'string' },
  'dns-port': { type: 'string' },
  'time-scale': { type: 'string' },
  'endpoint-available-after': { type: 'string' },
  'alias-propagation': { type: 'string' },
  'no-quotas': { type: 'boolean', default: false },
  'ec2-rate': { type: 'string' },
  seed: { type: 'string' },
  state: { type: 'string' },
  bare: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

/** Turns the parsed values of CLOUD_OPTION_SPECS into cloud options; throws an Error naming the bad flag. */
export function toCloudOptions(
  values: Record<string, string | boolean | string[] | undefined>,
): LocalCloudOptions {
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const seconds = (name: string) => {
    const value = positiveNumber(name, text(name));
    return value === undefined ? undefined : value * 1000;
  };
  const timeScale = positiveNumber('time-scale', text('time-scale'));
  if (timeScale === 0) throw new Error('--time-scale: must be greater than 0');
  return {
    port: positiveNumber('port', text('port')),
    dnsPort: positiveNumber('dns-port', text('dns-port')),
    timeScale,
    endpointAvailableAfterMs: seconds('endpoint-available-after'),
    aliasPropagationMs: seconds('alias-propagation'),
    quotas: values['no-quotas'] !== true,
    ec2RequestsPerSecond: positiveNumber('ec2-rate', text('ec2-rate')),
    seedFile: text('seed'),
    stateFile: text('state'),
  };
}

/** Parses `npm run cloud`'s arguments. */
export function parseCloudOptions(args: readonly string[]): {
  options: LocalCloudOptions;
  help: boolean;
  bare: boolean;
} {
  const { values } = parseArgs({ args: [...args], strict: true, options: CLOUD_OPTION_SPECS });
  return { options: toCloudOptions(values), help: values.help === true, bare: values.bare === true };
}
