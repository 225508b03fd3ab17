import { ControlPlaneError } from './control-plane-error';

/**
 * UpdateRestApi answered, but the endpoint is not among the API's endpoints when read back:
 * retried, since the association may still be settling.
 */
export class AssociationNotAppliedError extends ControlPlaneError {
  override readonly name = 'AssociationNotAppliedError';
}

/**
 * The association alias (or private DNS name) did not resolve to the endpoint's addresses in
 * time, even after the documented remedy of redeploying (seed 001).
 */
export class DnsNotResolvingError extends ControlPlaneError {
  override readonly name = 'DnsNotResolvingError';
}
