import { ControlPlaneError } from './control-plane-error';

/** The managed REST API is gone (deleted outside the control plane, or a stale id). */
export class RestApiNotFoundError extends ControlPlaneError {
  override readonly name = 'RestApiNotFoundError';
}
