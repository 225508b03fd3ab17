import type { ApplyEnv } from './apply-definition';
import {
  assertPrivateApiQuota,
  associate,
  disassociate,
  isEndpointType,
  VPC_ENDPOINTS_NEED_PRIVATE,
} from './endpoint-configuration';
import { badRequest } from './errors';
import { MAX_MINIMUM_COMPRESSION_SIZE } from './limits';
import type { RestApiRecord } from './model';
import { type PatchOperation, patchBoolean, unescapePointer, unsupportedPath } from './patch-operations';
import { normalizeResourcePolicy } from './policy';

const SUPPORTED_PATHS = [
  '/name',
  '/description',
  '/version',
  '/policy',
  '/apiKeySource',
  '/minimumCompressionSize',
  '/disableExecuteApiEndpoint',
  '/binaryMediaTypes/{mediaType}',
  '/endpointConfiguration/types/{currentType}',
  '/endpointConfiguration/ipAddressType',
  '/endpointConfiguration/vpcEndpointIds',
] as const;

/** minimumCompressionSize: an integer from 0 to 10 MiB (CreateRestApi and UpdateRestApi alike). */
export function assertMinimumCompressionSize(size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > MAX_MINIMUM_COMPRESSION_SIZE) {
    throw badRequest(
      `Invalid minimum compression size, must be between 0 and ${MAX_MINIMUM_COMPRESSION_SIZE}`,
    );
  }
}

/** apiKeySource: HEADER or AUTHORIZER (CreateRestApi and UpdateRestApi alike). */
export function apiKeySourceOf(value: string | undefined): 'HEADER' | 'AUTHORIZER' {
  if (value !== 'HEADER' && value !== 'AUTHORIZER') {
    throw badRequest(`Invalid apiKeySource specified: ${String(value)}`);
  }
  return value;
}

/**
 * Splits an association patch value. AWS takes one id a value; some clients (Idem's
 * apigateway state) send several joined by commas, so both forms are read.
 */
const vpcEndpointIdsOf = (operation: PatchOperation): string[] =>
  (operation.value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/**
 * Association changes (`add|remove /endpointConfiguration/vpcEndpointIds`).
 *
 * Whether AWS rejects adding an endpoint that is already associated, or removing one that is
 * not, is undocumented and not reported anywhere we could find. Chosen here:
 * - add of an associated endpoint: a no-op keeping the original association time. The member is
 *   a set (AWS never lists an id twice), and a retried "associate" step must not restart DNS
 *   propagation.
 * - remove of an endpoint that is not associated: BadRequestException. A control plane that
 *   removes without looking first has a drift bug; a strict emulator shows it, a lenient one
 *   hides it.
 */
function patchVpcEndpointIds(api: RestApiRecord, operation: PatchOperation, nowMs: number): void {
  const ids = vpcEndpointIdsOf(operation);
  if (ids.length === 0)
    throw badRequest('A VPC endpoint id is required for /endpointConfiguration/vpcEndpointIds');
  if (operation.op === 'add') {
    associate(api, ids, nowMs);
    return;
  }
  if (operation.op === 'remove') {
    for (const id of ids) {
      if (!disassociate(api, id)) {
        throw badRequest(`VPC endpoint ${id} is not associated with REST API ${api.id}`);
      }
    }
    return;
  }
  throw unsupportedPath(operation, SUPPORTED_PATHS);
}

/**
 * `replace /endpointConfiguration/types/{current}` (or `/types/0`, as Terraform sends it).
 * AWS lets EDGE and REGIONAL APIs become PRIVATE and PRIVATE become REGIONAL, but a private API
 * cannot become edge-optimized.
 */
function patchEndpointType(api: RestApiRecord, operation: PatchOperation, env: ApplyEnv): void {
  const current = operation.path.slice('/endpointConfiguration/types/'.length);
  if (operation.op !== 'replace' || (current !== api.endpointType && current !== '0')) {
    throw unsupportedPath(operation, SUPPORTED_PATHS);
  }
  const next = operation.value ?? '';
  if (!isEndpointType(next)) throw badRequest(`Invalid endpoint type specified: ${next}`);
  if (api.endpointType === 'PRIVATE' && next === 'EDGE') {
    throw badRequest('A PRIVATE API cannot be changed to EDGE; change it to REGIONAL instead');
  }
  if (next === 'PRIVATE' && api.endpointType !== 'PRIVATE') assertPrivateApiQuota(env.store, api.region);
  api.endpointType = next;
}

function patchPolicy(api: RestApiRecord, operation: PatchOperation, env: ApplyEnv): void {
  if (operation.op === 'remove' || (operation.op === 'replace' && !operation.value)) {
    api.policy = undefined;
    return;
  }
  if (operation.op !== 'replace' || operation.value === undefined)
    throw unsupportedPath(operation, SUPPORTED_PATHS);
  api.policy = normalizeResourcePolicy(operation.value, {
    region: api.region,
    accountId: env.accountId,
    restApiId: api.id,
  });
}

function patchBinaryMediaType(api: RestApiRecord, operation: PatchOperation): void {
  const mediaType = unescapePointer(operation.path.slice('/binaryMediaTypes/'.length));
  if (operation.op === 'add') {
    if (!api.binaryMediaTypes.includes(mediaType)) api.binaryMediaTypes.push(mediaType);
  } else if (operation.op === 'remove') {
    api.binaryMediaTypes = api.binaryMediaTypes.filter((type) => type !== mediaType);
  } else {
    throw unsupportedPath(operation, SUPPORTED_PATHS);
  }
}

function patchMinimumCompressionSize(api: RestApiRecord, operation: PatchOperation): void {
  if (operation.op !== 'replace') throw unsupportedPath(operation, SUPPORTED_PATHS);
  if (!operation.value) {
    api.minimumCompressionSize = undefined;
    return;
  }
  const size = Number(operation.value);
  assertMinimumCompressionSize(size);
  api.minimumCompressionSize = size;
}

function replaceScalar(api: RestApiRecord, operation: PatchOperation): boolean {
  if (operation.op !== 'replace') return false;
  switch (operation.path) {
    case '/name':
      if (!operation.value) throw badRequest('Invalid REST API name specified');
      api.name = operation.value;
      return true;
    case '/description':
      api.description = operation.value || undefined;
      return true;
    case '/version':
      api.version = operation.value || undefined;
      return true;
    case '/apiKeySource':
      api.apiKeySource = apiKeySourceOf(operation.value);
      return true;
    case '/disableExecuteApiEndpoint':
      api.disableExecuteApiEndpoint = patchBoolean(operation);
      return true;
    case '/endpointConfiguration/ipAddressType':
      if (operation.value !== 'ipv4' && operation.value !== 'dualstack') {
        throw badRequest(`Invalid ipAddressType specified: ${String(operation.value)}`);
      }
      api.ipAddressType = operation.value;
      return true;
    default:
      return false;
  }
}

/**
 * Applies UpdateRestApi's patch operations to a copy of the API and returns it; any invalid
 * operation throws before the caller stores anything, so an update is all or nothing.
 */
export function applyRestApiPatch(
  original: RestApiRecord,
  operations: readonly PatchOperation[],
  env: ApplyEnv,
): RestApiRecord {
  const api = structuredClone(original);
  for (const operation of operations) {
    if (replaceScalar(api, operation)) continue;
    if (operation.path === '/policy') patchPolicy(api, operation, env);
    else if (operation.path === '/minimumCompressionSize') patchMinimumCompressionSize(api, operation);
    else if (operation.path.startsWith('/binaryMediaTypes/')) patchBinaryMediaType(api, operation);
    else if (operation.path.startsWith('/endpointConfiguration/types/'))
      patchEndpointType(api, operation, env);
    else if (operation.path === '/endpointConfiguration/vpcEndpointIds')
      patchVpcEndpointIds(api, operation, env.nowMs);
    else throw unsupportedPath(operation, SUPPORTED_PATHS);
  }
  // Checked after all operations: one call may switch to REGIONAL and remove the endpoints together.
  if (api.endpointType !== 'PRIVATE' && api.associations.length > 0)
    throw badRequest(VPC_ENDPOINTS_NEED_PRIVATE);
  return api;
}
