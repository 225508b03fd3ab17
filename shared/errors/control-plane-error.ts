/**
 * Base of the control plane's own errors. Each subclass sets its `name` to a string literal
 * (`override readonly name = 'VpcNotFoundError'`):
 * Step Functions Retry/Catch match on the name, and minification renames classes (AWS-FACTS).
 * classifyAwsError passes these through unchanged.
 */
export abstract class ControlPlaneError extends Error {}
