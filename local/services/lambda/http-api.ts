import { AwsError } from '../../core/aws-error';
import { paginate } from '../../core/paging';
import type { CloudRequest, CloudResponse } from '../../core/types';
import type { FunctionConfig, FunctionRecord, FunctionRegistry } from './function-registry';
import type { InvocationType, LambdaInvoker } from './invoker';

/** Lambda's REST paths (API version 2015-03-31). */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const CONFIGURATION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/;
const FUNCTION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/?$/;
const FUNCTIONS_PATH = /^\/2015-03-31\/functions\/?$/;

/** ListFunctions: MaxItems defaults to 50 and may be up to 10,000. */
const DEFAULT_LIST_MAX_ITEMS = 50;
const MAX_LIST_MAX_ITEMS = 10_000;
/** Every local function reports a default ephemeral storage of 512 MB, as new functions do. */
const EPHEMERAL_STORAGE_MB = 512;

const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

/** Maps a Lambda REST request to its operation name. */
export function lambdaOperationOf(req: CloudRequest): string | AwsError {
  if (req.method === 'POST' && INVOKE_PATH.test(req.path)) return 'Invoke';
  if (req.method === 'GET' && CONFIGURATION_PATH.test(req.path)) return 'GetFunctionConfiguration';
  if (req.method === 'GET' && FUNCTIONS_PATH.test(req.path)) return 'ListFunctions';
  if (req.method === 'GET' && FUNCTION_PATH.test(req.path)) return 'GetFunction';
  return new AwsError(
    'UnknownOperationException',
    `The local Lambda does not serve ${req.method} ${req.path}`,
    404,
  );
}

/** Renders an error as Lambda's REST-JSON protocol does: the type in a header, `{Type, Message}` in the body. */
export function lambdaErrorResponse(error: AwsError): CloudResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-errortype': error.code,
  };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ Type: error.status < 500 ? 'User' : 'Service', Message: error.message }),
  };
}

export interface LambdaHttpDeps {
  readonly registry: FunctionRegistry;
  readonly invoker: LambdaInvoker;
  readonly accountId: string;
}

/** Serves one Lambda REST operation. */
export async function handleLambdaRequest(
  deps: LambdaHttpDeps,
  req: CloudRequest,
  operation: string,
): Promise<CloudResponse> {
  switch (operation) {
    case 'Invoke':
      return invoke(deps, req);
    case 'GetFunction': {
      const record = resolveFromPath(deps, req, FUNCTION_PATH);
      return json(200, {
        Configuration: functionConfiguration(deps, record.config),
        Code: {
          RepositoryType: 'S3',
          Location: `https://awslambda-${record.config.region}-tasks.s3.${record.config.region}.amazonaws.com/snapshots/${deps.accountId}/${record.config.functionName}-${record.config.revisionId}`,
        },
      });
    }
    case 'GetFunctionConfiguration':
      return json(200, functionConfiguration(deps, resolveFromPath(deps, req, CONFIGURATION_PATH).config));
    case 'ListFunctions':
      return listFunctions(deps, req);
    default:
      throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`, 404);
  }
}

async function invoke(deps: LambdaHttpDeps, req: CloudRequest): Promise<CloudResponse> {
  const record = resolveFromPath(deps, req, INVOKE_PATH);
  const invocationType = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!isInvocationType(invocationType)) {
    throw new AwsError(
      'InvalidParameterValueException',
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
      400,
    );
  }
  const body = req.body.toString('utf8');
  const eventJson = body.trim() === '' ? '{}' : body;
  try {
    JSON.parse(eventJson);
  } catch (error: unknown) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${error instanceof Error ? error.message : String(error)}`,
      400,
    );
  }
  const result = await deps.invoker.invokeJson(
    record,
    eventJson,
    invocationType,
    header(req, 'x-amzn-trace-id'),
  );
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (result.executedVersion !== undefined) headers['x-amz-executed-version'] = result.executedVersion;
  if (result.functionError !== undefined) headers['x-amz-function-error'] = result.functionError;
  if (header(req, 'x-amz-log-type') === 'Tail' && result.logTail !== undefined) {
    headers['x-amz-log-result'] = Buffer.from(result.logTail).toString('base64');
  }
  return { status: result.statusCode, headers, body: result.payload ?? '' };
}

function listFunctions(deps: LambdaHttpDeps, req: CloudRequest): CloudResponse {
  const maxItemsText = req.query.get('MaxItems');
  const maxItems = maxItemsText === null ? DEFAULT_LIST_MAX_ITEMS : Number(maxItemsText);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_LIST_MAX_ITEMS) {
    throw new AwsError(
      'InvalidParameterValueException',
      `1 validation error detected: Value '${maxItemsText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIST_MAX_ITEMS}`,
      400,
    );
  }
  const all = deps.registry.list(req.region);
  const marker = req.query.get('Marker') ?? undefined;
  const { page, nextToken } = paginate(all, maxItems, marker, () => {
    return new AwsError('InvalidParameterValueException', `Invalid Marker: ${marker}`, 400);
  });
  return json(200, {
    Functions: page.map((record) => functionConfiguration(deps, record.config)),
    ...(nextToken === undefined ? {} : { NextMarker: nextToken }),
  });
}

/** The FunctionConfiguration Lambda reports: the registered settings plus a Node.js zip function's defaults. */
export function functionConfiguration(deps: LambdaHttpDeps, config: FunctionConfig): Record<string, unknown> {
  return {
    FunctionName: config.functionName,
    FunctionArn: deps.registry.arnOf(config),
    Runtime: config.runtime,
    Role: `arn:aws:iam::${deps.accountId}:role/${config.functionName}-role`,
    Handler: 'index.handler',
    CodeSize: config.codeSize,
    Description: config.description,
    Timeout: config.timeoutSeconds,
    MemorySize: config.memorySizeMb,
    LastModified: lambdaTimestamp(config.lastModifiedMs),
    CodeSha256: config.codeSha256,
    Version: '$LATEST',
    ...(Object.keys(config.environment).length > 0 ? { Environment: { Variables: config.environment } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: config.revisionId,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: EPHEMERAL_STORAGE_MB },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${config.functionName}` },
  };
}

/** Lambda's `LastModified` format: `2024-05-01T12:00:00.000+0000`. */
function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

function resolveFromPath(deps: LambdaHttpDeps, req: CloudRequest, pattern: RegExp): FunctionRecord {
  const encoded = pattern.exec(req.path)?.[1] ?? '';
  const qualifier = req.query.get('Qualifier') ?? undefined;
  return deps.registry.resolve(decodeURIComponent(encoded), req.region, qualifier);
}

function header(req: CloudRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isInvocationType(value: string): value is InvocationType {
  return (INVOCATION_TYPES as readonly string[]).includes(value);
}

function json(status: number, body: unknown): CloudResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
