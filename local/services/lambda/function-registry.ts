import { createHash, randomUUID } from 'node:crypto';
import { AwsError } from '../../core/aws-error';
import type { Clock } from '../../core/clock';
import { FUNCTION_NAME, functionArn, parseFunctionReference } from './function-arn';
import type { LambdaContext } from './lambda-context';

/** A handler as the local Lambda runs it: the event is whatever JSON the caller sent. */
export type LambdaHandler<TEvent = unknown, TResult = unknown> = (
  event: TEvent,
  context: LambdaContext,
) => Promise<TResult>;

/** A function registered in process: its code (the handler) and its configuration. */
export interface LambdaFunctionDefinition<TEvent = unknown, TResult = unknown> {
  readonly functionName: string;
  readonly handler: LambdaHandler<TEvent, TResult>;
  /** 1-900 s; AWS's default for a new function is 3 s. */
  readonly timeoutSeconds?: number;
  /** 128-10,240 MB; AWS's default is 128 MB. */
  readonly memorySizeMb?: number;
  /** Shown by GetFunctionConfiguration only: handlers share this process's `process.env`. */
  readonly environment?: Readonly<Record<string, string>>;
  /** The region the function is deployed in (the cloud's default region when absent). */
  readonly region?: string;
  readonly description?: string;
  readonly runtime?: string;
}

/** The configuration of a function: what snapshots keep (code cannot be saved). */
export interface FunctionConfig {
  readonly functionName: string;
  readonly region: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly description: string;
  readonly runtime: string;
  /** Simulated epoch ms of the last registration. */
  readonly lastModifiedMs: number;
  readonly revisionId: string;
  readonly codeSha256: string;
  readonly codeSize: number;
}

export interface FunctionRecord {
  readonly config: FunctionConfig;
  /** Absent for a function restored from a snapshot whose code has not been registered again. */
  readonly handler?: LambdaHandler;
}

/** AWS's defaults and limits for a function's configuration. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
/** nodejs20.x is deprecated (AWS-FACTS): the local functions report the runtime the project deploys. */
export const DEFAULT_RUNTIME = 'nodejs22.x';

/**
 * The functions of the local Lambda, per region. A function is code in this process plus the
 * configuration Lambda would report for it.
 */
export class FunctionRegistry {
  private readonly functions = new Map<string, FunctionRecord>();

  constructor(
    private readonly clock: Clock,
    private readonly accountId: string,
    private readonly defaultRegion: string,
  ) {}

  /** Registers (or replaces) a function; throws a RangeError on a configuration AWS would refuse. */
  register<TEvent, TResult>(definition: LambdaFunctionDefinition<TEvent, TResult>): FunctionConfig {
    const timeoutSeconds = definition.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const memorySizeMb = definition.memorySizeMb ?? DEFAULT_MEMORY_MB;
    if (!FUNCTION_NAME.test(definition.functionName)) {
      throw new RangeError(`invalid function name '${definition.functionName}': 1-64 of [a-zA-Z0-9_-]`);
    }
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new RangeError(`timeoutSeconds must be an integer from 1 to ${MAX_TIMEOUT_SECONDS}`);
    }
    if (!Number.isInteger(memorySizeMb) || memorySizeMb < DEFAULT_MEMORY_MB || memorySizeMb > MAX_MEMORY_MB) {
      throw new RangeError(`memorySizeMb must be an integer from ${DEFAULT_MEMORY_MB} to ${MAX_MEMORY_MB}`);
    }
    const code = definition.handler.toString();
    const config: FunctionConfig = {
      functionName: definition.functionName,
      region: definition.region ?? this.defaultRegion,
      timeoutSeconds,
      memorySizeMb,
      environment: { ...definition.environment },
      description: definition.description ?? '',
      runtime: definition.runtime ?? DEFAULT_RUNTIME,
      lastModifiedMs: this.clock.now(),
      revisionId: randomUUID(),
      codeSha256: createHash('sha256').update(code).digest('base64'),
      codeSize: Buffer.byteLength(code),
    };
    // The event type is the caller's promise about the JSON it will be sent, as on Lambda.
    this.functions.set(key(config.region, config.functionName), {
      config,
      handler: definition.handler as LambdaHandler,
    });
    return config;
  }

  /** Removes a function; true when it existed. */
  unregister(functionName: string, region = this.defaultRegion): boolean {
    return this.functions.delete(key(region, functionName));
  }

  /** Puts back configurations from a snapshot; functions already registered keep their code. */
  restore(configs: readonly FunctionConfig[]): void {
    for (const config of configs) {
      const existing = this.functions.get(key(config.region, config.functionName));
      if (!existing) this.functions.set(key(config.region, config.functionName), { config });
    }
  }

  /** Functions of one region, by name. */
  list(region: string): FunctionRecord[] {
    return [...this.functions.values()]
      .filter((record) => record.config.region === region)
      .sort((a, b) => a.config.functionName.localeCompare(b.config.functionName));
  }

  all(): FunctionRecord[] {
    return [...this.functions.values()];
  }

  /**
   * Finds the function a `FunctionName` (name, ARN or partial ARN, optionally qualified) refers to,
   * as Lambda does: ValidationException for a malformed reference, ResourceNotFoundException for
   * an unknown function or a qualifier other than `$LATEST` (the local Lambda has no versions).
   */
  resolve(reference: string, requestRegion: string, qualifier?: string): FunctionRecord {
    const parsed = parseFunctionReference(reference);
    if (!parsed) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${reference}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
        400,
      );
    }
    const region = parsed.region ?? requestRegion;
    const wantedQualifier = qualifier ?? parsed.qualifier;
    const arn = functionArn(region, parsed.accountId ?? this.accountId, parsed.functionName, wantedQualifier);
    const record = this.functions.get(key(region, parsed.functionName));
    const sameAccount = parsed.accountId === undefined || parsed.accountId === this.accountId;
    if (!record || !sameAccount || (wantedQualifier !== undefined && wantedQualifier !== '$LATEST')) {
      throw new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
    }
    return record;
  }

  arnOf(config: FunctionConfig): string {
    return functionArn(config.region, this.accountId, config.functionName);
  }
}

function key(region: string, functionName: string): string {
  return `${region}/${functionName}`;
}
