import { z } from 'zod';
import { ConfigurationError } from '../errors';

export { ConfigurationError };

/** A comma-separated list; empty or unset is the empty list. */
const commaSeparatedList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/**
 * Every setting a function may read, with its parser. A function names the settings it needs
 * (`readConfig(['TABLE_NAME'])`) and gets them typed, read and checked once at cold start.
 */
const SETTINGS = {
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** Comma-separated `host:port` list for the DNS check; empty uses the system resolver (the VPC's, on AWS). */
  DNS_RESOLVER_SERVERS: commaSeparatedList,
  /** Whether the DNS check also resolves the private DNS name: only meaningful from inside the VPC. */
  DNS_CHECK_PRIVATE_NAME: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  DNS_POLL_INITIAL_SECONDS: z.coerce.number().int().positive().default(10),
  DNS_POLL_MAX_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  /** Seed 001: if the alias does not resolve after several minutes, redeploy. */
  DNS_REDEPLOY_AFTER_SECONDS: z.coerce.number().int().positive().default(300),
  DNS_GIVE_UP_AFTER_SECONDS: z.coerce.number().int().positive().default(900),
  ENDPOINT_POLL_INITIAL_SECONDS: z.coerce.number().int().positive().default(10),
  ENDPOINT_POLL_MAX_INTERVAL_SECONDS: z.coerce.number().int().positive().default(60),
  /** AWS-FACTS: typically one to a few minutes; Terraform's default create timeout is 10 minutes. */
  ENDPOINT_GIVE_UP_AFTER_SECONDS: z.coerce.number().int().positive().default(600),
  /** Comma-separated VPC ids that may be served; empty serves any VPC of the account. */
  ALLOWED_VPC_IDS: commaSeparatedList,
  /** Comma-separated account ids whose request events are served; empty serves any. */
  ALLOWED_ACCOUNT_IDS: commaSeparatedList,
  /** How long an apiKey's lease lasts: the state machine's own time limit, so a crashed holder's lease expires. */
  LEASE_SECONDS: z.coerce.number().int().positive().default(3300),
  /**
   * How long after intake accepted it a request whose workflow has not started is closed FAILED
   * (close-stalled-requests): longer than intake's own asynchronous retries (docs/aws-facts.md, Lambda).
   */
  STALLED_REQUEST_AFTER_SECONDS: z.coerce.number().int().positive().default(900),
  /**
   * How long close-stalled-requests leaves an open request whose execution has ended (timed out,
   * aborted, crashed in its last step), or a stack not yet answered, before it ends or answers it.
   */
  ABANDONED_REQUEST_AFTER_SECONDS: z.coerce.number().int().positive().default(60),
  /** AWS-FACTS: 600 private REST APIs per Region; preflight keeps this much headroom. */
  PRIVATE_API_QUOTA: z.coerce.number().int().positive().default(600),
} as const;

type Settings = typeof SETTINGS;

export type SettingName = keyof Settings;
export type Config<K extends SettingName> = { readonly [P in K]: z.output<Settings[P]> };

/** Settings with a default: an empty variable means the default. */
const DEFAULTED: Partial<Record<SettingName, true>> = Object.fromEntries(
  Object.entries(SETTINGS)
    .filter(([, schema]) => schema.safeParse(undefined).success)
    .map(([name]) => [name, true]),
);

/**
 * Reads and checks the named settings from the environment. Throws one ConfigurationError
 * naming every missing or malformed variable, so a misconfigured function fails at cold start.
 */
export function readConfig<K extends SettingName>(
  names: readonly K[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config<K> {
  const problems: string[] = [];
  const config: Partial<Record<SettingName, unknown>> = {};
  for (const name of names) {
    const parsed = SETTINGS[name].safeParse(env[name] === '' && name in DEFAULTED ? undefined : env[name]);
    if (parsed.success) config[name] = parsed.data;
    else
      problems.push(
        env[name] === undefined
          ? `${name} is not set`
          : `${name} is invalid (${parsed.error.issues[0]?.message})`,
      );
  }
  if (problems.length > 0) throw new ConfigurationError(`Configuration error: ${problems.join('; ')}`);
  return config as Config<K>;
}
