import { badRequest } from './errors';
import type { MethodSettingRecord, RestApiRecord, StageRecord } from './model';
import { type PatchOperation, patchBoolean, unescapePointer, unsupportedPath } from './patch-operations';
import { deploymentOf } from './store';

const SUPPORTED_PATHS = [
  '/description',
  '/deploymentId',
  '/variables/{name}',
  '/tracingEnabled',
  '/cacheClusterEnabled',
  '/cacheClusterSize',
  '/{resourcePath}/{httpMethod}/{metrics|logging|throttling|caching}/{setting}',
] as const;

type SettingKind = 'boolean' | 'integer' | 'number' | 'string';

/** Method setting patch paths (`/*\/*\/logging/loglevel`) and the MethodSetting member each sets. */
const METHOD_SETTINGS: Readonly<Record<string, readonly [keyof MethodSettingRecord, SettingKind]>> = {
  'metrics/enabled': ['metricsEnabled', 'boolean'],
  'logging/loglevel': ['loggingLevel', 'string'],
  'logging/dataTrace': ['dataTraceEnabled', 'boolean'],
  'throttling/burstLimit': ['throttlingBurstLimit', 'integer'],
  'throttling/rateLimit': ['throttlingRateLimit', 'number'],
  'caching/enabled': ['cachingEnabled', 'boolean'],
  'caching/ttlInSeconds': ['cacheTtlInSeconds', 'integer'],
  'caching/dataEncrypted': ['cacheDataEncrypted', 'boolean'],
  'caching/requireAuthorizationForCacheControl': ['requireAuthorizationForCacheControl', 'boolean'],
  'caching/unauthorizedCacheControlHeaderStrategy': ['unauthorizedCacheControlHeaderStrategy', 'string'],
};

function settingValue(operation: PatchOperation, kind: SettingKind): boolean | number | string {
  if (kind === 'boolean') return patchBoolean(operation);
  if (kind === 'string') return operation.value ?? '';
  const value = Number(operation.value);
  if (!Number.isFinite(value) || (kind === 'integer' && !Number.isInteger(value))) {
    throw badRequest(`Invalid ${kind} value '${String(operation.value)}' for path ${operation.path}`);
  }
  return value;
}

/** `/{resourcePath}/{METHOD}/{group}/{name}` → methodSettings[`{resourcePath}/{METHOD}`]; `~1` stands for `/`. */
function patchMethodSetting(stage: StageRecord, operation: PatchOperation): boolean {
  const parts = operation.path.split('/').slice(1);
  if (parts.length !== 4 || operation.op !== 'replace') return false;
  const [resourcePath, httpMethod, group, name] = parts;
  const setting = METHOD_SETTINGS[`${group}/${name}`];
  if (!setting || resourcePath === undefined || httpMethod === undefined) return false;
  const key = `${unescapePointer(resourcePath).replace(/^\//, '')}/${httpMethod}`;
  const [member, kind] = setting;
  stage.methodSettings[key] = { ...stage.methodSettings[key], [member]: settingValue(operation, kind) };
  return true;
}

function patchVariable(stage: StageRecord, operation: PatchOperation): void {
  const name = unescapePointer(operation.path.slice('/variables/'.length));
  if (operation.op === 'remove') {
    delete stage.variables[name];
    return;
  }
  if (operation.op !== 'replace' && operation.op !== 'add') throw unsupportedPath(operation, SUPPORTED_PATHS);
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw badRequest('Stage variable names only allow a-zA-Z0-9_');
  stage.variables[name] = operation.value ?? '';
}

/** Applies UpdateStage's patch operations to a copy of the stage and returns it (all or nothing). */
export function applyStagePatch(
  api: RestApiRecord,
  original: StageRecord,
  operations: readonly PatchOperation[],
  nowMs: number,
): StageRecord {
  const stage = structuredClone(original);
  for (const operation of operations) {
    if (operation.path.startsWith('/variables/')) {
      patchVariable(stage, operation);
      continue;
    }
    if (patchMethodSetting(stage, operation)) continue;
    if (operation.op !== 'replace') throw unsupportedPath(operation, SUPPORTED_PATHS);
    switch (operation.path) {
      case '/description':
        stage.description = operation.value || undefined;
        break;
      case '/deploymentId':
        stage.deploymentId = deploymentOf(api, operation.value ?? '').id;
        break;
      case '/tracingEnabled':
        stage.tracingEnabled = patchBoolean(operation);
        break;
      case '/cacheClusterEnabled':
        stage.cacheClusterEnabled = patchBoolean(operation);
        break;
      case '/cacheClusterSize':
        stage.cacheClusterSize = operation.value || undefined;
        break;
      default:
        throw unsupportedPath(operation, SUPPORTED_PATHS);
    }
  }
  stage.lastUpdatedDateMs = nowMs;
  return stage;
}
