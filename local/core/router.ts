import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { AwsError } from './aws-error';
import { inferServiceFromRequest, parseCredentialScope } from './credential-scope';
import type { FaultInjector } from './faults';
import type { QuotaGate } from './quotas';
import type { CloudRequest, CloudResponse, LocalService } from './types';

/** Largest request body the cloud reads (API Gateway imports are the biggest bodies: 6 MB on AWS). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RouterDeps {
  readonly services: ReadonlyMap<string, LocalService>;
  readonly quotas: QuotaGate;
  readonly faults: FaultInjector;
  readonly accountId: string;
  readonly defaultRegion: string;
  /** Handles `/_local/...`; returns false when the path is not its own. */
  readonly control: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<boolean>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Over the limit: keep draining (so the client gets its answer) but stop keeping it.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(new AwsError('RequestEntityTooLarge', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413))
        : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: CloudResponse, requestId: string): void {
  if (res.headersSent) return;
  const body = response.body ?? '';
  res.writeHead(response.status, {
    'x-amzn-requestid': requestId,
    'content-length': String(Buffer.byteLength(body)),
    ...response.headers,
  });
  res.end(body);
}

function plainError(res: ServerResponse, status: number, code: string, message: string): void {
  send(
    res,
    { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) },
    randomUUID(),
  );
}

/**
 * The cloud's front door: finds the service from the SigV4 credential scope, asks it which
 * operation is called, passes the call through the quota and fault layers, and lets the service
 * answer, rendering any error in that service's own protocol shape.
 */
export function createRouter(deps: RouterDeps): RequestListener {
  return (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      plainError(res, 500, 'InternalFailure', error instanceof Error ? error.message : String(error));
    });
  };
}

async function route(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const scope = parseCredentialScope(req.headers, url.searchParams);

  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error: unknown) {
    const status = error instanceof AwsError ? error.status : 400;
    plainError(res, status, 'BadRequest', error instanceof Error ? error.message : 'unreadable body');
    return;
  }
  if (url.pathname.startsWith('/_local/') && (await deps.control(req, res, body))) return;

  const serviceName =
    scope?.service ??
    inferServiceFromRequest(req.headers, url.pathname, body.toString('utf8'), url.searchParams);
  const service = serviceName === undefined ? undefined : deps.services.get(serviceName);
  if (!service) {
    plainError(
      res,
      400,
      'UnknownService',
      serviceName === undefined
        ? 'Could not tell which AWS service this request is for: sign it with SigV4'
        : `The local cloud does not serve '${serviceName}'`,
    );
    return;
  }
  const request: CloudRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    region: scope?.region ?? deps.defaultRegion,
    accountId: deps.accountId,
    service: service.signingName,
    requestId: randomUUID(),
  };
  send(res, await dispatch(deps, service, request), request.requestId);
}

async function dispatch(
  deps: RouterDeps,
  service: LocalService,
  request: CloudRequest,
): Promise<CloudResponse> {
  try {
    const operation = service.operationOf(request);
    if (operation instanceof AwsError) throw operation;
    const throttled = deps.quotas.admit(service.signingName, operation);
    if (throttled) throw throttled;
    const fault = await deps.faults.apply(service.signingName, operation);
    if (fault.before) throw fault.before;
    const response = await service.handle(request, operation);
    if (fault.after) throw fault.after;
    return response;
  } catch (error: unknown) {
    const awsError =
      error instanceof AwsError
        ? error
        : new AwsError('InternalFailure', error instanceof Error ? error.message : String(error), 500);
    return service.errorResponse(awsError, request);
  }
}
