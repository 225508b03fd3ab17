import type { Context } from 'aws-lambda';

/** A control-plane function as the local cloud runs it: loaded in process on first call (its cold start). */
export interface ControlPlaneFunction {
  /** The key in serverless.yml and in the ASL's `Fn::GetAtt`. */
  readonly key: string;
  readonly timeoutSeconds: number;
  readonly load: () => Promise<{ handler: (event: never, context: Context) => Promise<unknown> }>;
}

/**
 * The functions of the control plane, keyed as in serverless.yml. The imports are lazy so that a
 * function's module (its clients, its config) is evaluated at its first invocation, after the
 * cloud has set the environment, as on Lambda.
 */
export const CONTROL_PLANE_FUNCTIONS: readonly ControlPlaneFunction[] = [
  { key: 'intake', timeoutSeconds: 30, load: () => import('../../functions/intake/handler') },
  {
    key: 'privateApiResource',
    timeoutSeconds: 30,
    load: () => import('../../functions/private-api-resource/handler'),
  },
  {
    key: 'closeStalledRequests',
    timeoutSeconds: 60,
    load: () => import('../../functions/close-stalled-requests/handler'),
  },
  { key: 'acquireLease', timeoutSeconds: 30, load: () => import('../../functions/acquire-lease/handler') },
  { key: 'prepareUpdate', timeoutSeconds: 30, load: () => import('../../functions/prepare-update/handler') },
  { key: 'prepareDelete', timeoutSeconds: 30, load: () => import('../../functions/prepare-delete/handler') },
  { key: 'removeApi', timeoutSeconds: 60, load: () => import('../../functions/remove-api/handler') },
  {
    key: 'releaseEndpoints',
    timeoutSeconds: 30,
    load: () => import('../../functions/release-endpoints/handler'),
  },
  { key: 'undoRequest', timeoutSeconds: 60, load: () => import('../../functions/undo-request/handler') },
  { key: 'preflight', timeoutSeconds: 60, load: () => import('../../functions/preflight/handler') },
  {
    key: 'ensureEndpoint',
    timeoutSeconds: 60,
    load: () => import('../../functions/ensure-endpoint/handler'),
  },
  { key: 'checkEndpoint', timeoutSeconds: 30, load: () => import('../../functions/check-endpoint/handler') },
  { key: 'createApi', timeoutSeconds: 60, load: () => import('../../functions/create-api/handler') },
  { key: 'attachPolicy', timeoutSeconds: 30, load: () => import('../../functions/attach-policy/handler') },
  {
    key: 'associateEndpoint',
    timeoutSeconds: 30,
    load: () => import('../../functions/associate-endpoint/handler'),
  },
  { key: 'deployStage', timeoutSeconds: 60, load: () => import('../../functions/deploy-stage/handler') },
  { key: 'checkDns', timeoutSeconds: 30, load: () => import('../../functions/check-dns/handler') },
  { key: 'recordResult', timeoutSeconds: 30, load: () => import('../../functions/record-result/handler') },
];
