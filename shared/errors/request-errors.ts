import { describeFieldError, type FieldError } from '../request/field-error';
import { ControlPlaneError } from './control-plane-error';

/** A request broke the request schema; `errors` holds every problem with its field and fix. Never retried. */
export class RequestValidationError extends ControlPlaneError {
  override readonly name = 'RequestValidationError';
  readonly errors: readonly FieldError[];

  constructor(errors: readonly FieldError[], options?: ErrorOptions) {
    super(`the request is invalid: ${errors.map(describeFieldError).join('; ')}`, options);
    this.errors = errors;
  }
}
