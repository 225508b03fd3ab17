import { ControlPlaneError } from './control-plane-error';

/** Another request holds the apiKey's lease: operations on one apiKey are serialized. Retried. */
export class LeaseHeldError extends ControlPlaneError {
  override readonly name = 'LeaseHeldError';
}

/** The managed endpoint is being deleted: a new user must wait until it is gone, then a new one is made. Retried. */
export class VpcEndpointBusyError extends ControlPlaneError {
  override readonly name = 'VpcEndpointBusyError';
}

/** A resource the control plane would change or delete is not tagged as managed by it: it is never touched. */
export class NotManagedError extends ControlPlaneError {
  override readonly name = 'NotManagedError';
}

/** The managed API is not in a state that allows the operation (e.g. delete of a deleted API). */
export class ManagedApiStateError extends ControlPlaneError {
  override readonly name = 'ManagedApiStateError';
}

/** The OpenAPI definition a workflow's request refers to is not stored: a bug or a tampered table. Never retried. */
export class DefinitionMissingError extends ControlPlaneError {
  override readonly name = 'DefinitionMissingError';
}

/** The request was closed before its workflow ran (its execution started too late): the workflow does nothing. */
export class RequestClosedError extends ControlPlaneError {
  override readonly name = 'RequestClosedError';
}
