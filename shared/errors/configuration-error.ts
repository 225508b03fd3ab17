import { ControlPlaneError } from './control-plane-error';

/** The control plane itself is set up wrong (an environment variable, a setting): a bug, never retried. */
export class ConfigurationError extends ControlPlaneError {
  override readonly name = 'ConfigurationError';
}
