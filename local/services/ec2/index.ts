import { AwsError } from '../../core/aws-error';
import { queryParametersOf } from '../../core/query-protocol';
import type { CloudRequest, CloudResponse, LocalService, ServiceContext } from '../../core/types';
import type { Ec2View } from '../../core/views';
import type { SeedData } from '../../seed';
import { createEc2Control } from './ec2-control';
import { invalidAction } from './ec2-errors';
import { EC2_OPERATIONS } from './ec2-operations';
import type { Ec2Snapshot } from './ec2-records';
import { Ec2Store } from './ec2-store';
import { createEc2View } from './ec2-view';
import type { Ec2Timings } from './operation-context';
import { QueryParams } from './query-params';
import { ec2Document, ec2ErrorDocument } from './xml';

export { loadSeed, type SeedData } from '../../seed';
export { ENDPOINT_STATES, type EndpointState } from './endpoint-lifecycle';

/** How long a deleted endpoint shows `deleting` (simulated) before it disappears. */
export const DEFAULT_ENDPOINT_DELETED_AFTER_MS = 30_000;

const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';
/** EC2 answers a DryRun call that would have succeeded with this error and HTTP 412. */
const DRY_RUN_STATUS = 412;

export interface Ec2ServiceOptions {
  readonly seed: SeedData;
  /** Simulated ms from CreateVpcEndpoint to `available` (AWS: one to a few minutes). */
  readonly endpointAvailableAfterMs: number;
  /** Simulated ms a deleted endpoint stays `deleting`. */
  readonly endpointDeletedAfterMs?: number;
}

export interface Ec2Service extends LocalService {
  readonly signingName: 'ec2';
  /** What the DNS server reads: endpoints with their state, addresses and names. */
  readonly view: Ec2View;
  control(action: string, input: Record<string, unknown>): unknown;
  snapshot(): Ec2Snapshot;
  restore(state: unknown): void;
}

/**
 * The local EC2: VPCs, subnets and security groups from the seed, and execute-api interface
 * VPC endpoints with their network interfaces, over EC2's query protocol (form-encoded
 * `Action=…&Version=2016-11-15`, XML answers), for the real SDK v3 client and the AWS CLI.
 * Endpoint states follow the simulated clock: `pending`, then `available` after
 * `endpointAvailableAfterMs`; `deleting`, then gone after `endpointDeletedAfterMs`.
 */
export function createEc2Service(ctx: ServiceContext, options: Ec2ServiceOptions): Ec2Service {
  const store = new Ec2Store(options.seed);
  const timings: Ec2Timings = {
    endpointAvailableAfterMs: options.endpointAvailableAfterMs,
    endpointDeletedAfterMs: options.endpointDeletedAfterMs ?? DEFAULT_ENDPOINT_DELETED_AFTER_MS,
  };
  const parsed = new WeakMap<CloudRequest, QueryParams>();
  const paramsFor = (req: CloudRequest): QueryParams => {
    const known = parsed.get(req);
    if (known) return known;
    const params = new QueryParams(queryParametersOf(req));
    parsed.set(req, params);
    return params;
  };

  return {
    signingName: 'ec2',
    view: createEc2View(store, ctx.clock, timings),
    control: createEc2Control(store, ctx.clock),

    operationOf(req) {
      const action = paramsFor(req).action;
      if (action === undefined || action === '') {
        return new AwsError('MissingAction', 'The request must contain the parameter Action');
      }
      return Object.hasOwn(EC2_OPERATIONS, action) ? action : invalidAction(action);
    },

    handle(req, operation): CloudResponse {
      const run = EC2_OPERATIONS[operation];
      if (!run) throw invalidAction(operation);
      const params = paramsFor(req);
      if (params.boolean('DryRun')) {
        throw new AwsError(
          'DryRunOperation',
          'Request would have succeeded, but DryRun flag is set.',
          DRY_RUN_STATUS,
        );
      }
      const now = ctx.clock.now();
      store.sweepDeleted(now, timings.endpointDeletedAfterMs);
      const body = run({ store, params, region: req.region, accountId: req.accountId, now, timings });
      return {
        status: 200,
        headers: { 'content-type': XML_CONTENT_TYPE },
        body: ec2Document(operation, req.requestId, body),
      };
    },

    errorResponse(error, req): CloudResponse {
      return {
        status: error.status,
        headers: { 'content-type': XML_CONTENT_TYPE },
        body: ec2ErrorDocument(error.code, error.message, req.requestId),
      };
    },

    snapshot: () => store.snapshot(),
    restore: (state) => store.restore(state),
  };
}
