import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from './aws-error';
import type { Clock } from './clock';

/** One HTTP request to the local cloud, already routed to a service by its SigV4 credential scope. */
export interface CloudRequest {
  readonly method: string;
  /** The URL path, percent-decoding left to the service (API Gateway ids never need it; tag ARNs do). */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Region from the credential scope (us-east-1 when the request is unsigned). */
  readonly region: string;
  readonly accountId: string;
  /** The SigV4 signing name: apigateway, ec2, dynamodb, events, states, lambda, ... */
  readonly service: string;
  /** The id the cloud returns in `x-amzn-RequestId` (and in EC2's `<requestId>`). */
  readonly requestId: string;
}

export interface CloudResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** What every emulated service is given when the cloud starts. */
export interface ServiceContext {
  readonly clock: Clock;
  readonly accountId: string;
  readonly defaultRegion: string;
}

/**
 * An emulated AWS service. The router finds the operation first so that the quota and
 * fault layers can act on it before the service does; the service renders every error in
 * its own protocol's shape.
 */
export interface LocalService {
  /** The SigV4 signing name the real clients put in the credential scope. */
  readonly signingName: string;
  /** The AWS operation name (`CreateRestApi`, `DescribeVpcs`, ...) or an AwsError when none matches. */
  operationOf(req: CloudRequest): string | AwsError;
  handle(req: CloudRequest, operation: string): Promise<CloudResponse> | CloudResponse;
  /** Renders an error the way this service's protocol does (REST-JSON header, EC2 XML, JSON 1.x body). */
  errorResponse(error: AwsError, req: CloudRequest): CloudResponse;
  /** Tampering and test controls, reached through `POST /_local/{signingName}/{action}`. */
  control?(action: string, input: Record<string, unknown>): unknown | Promise<unknown>;
  /** JSON-serialisable state for `--state FILE`. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
}
