import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { AwsError } from './aws-error';
import type { Clock } from './clock';
import type { FaultInjector } from './faults';
import type { QuotaGate } from './quotas';

/** Anything with control actions: a service, or the DNS server. */
export interface Controllable {
  control?(action: string, input: Record<string, unknown>): unknown | Promise<unknown>;
}

export interface ControlApiDeps {
  readonly clock: Clock;
  readonly faults: FaultInjector;
  readonly quotas: QuotaGate;
  /** Keyed by the name in the path: the service's signing name, or `dns`. */
  readonly targets: ReadonlyMap<string, Controllable>;
  readonly health: () => unknown;
  readonly saveState: () => Promise<string | undefined>;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ControlError(400, 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value ?? null);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

/**
 * The cloud's own control API under `/_local/` (no AWS service uses that path): health, the
 * clock, quotas, fault injection, state saving, and each service's tampering actions
 * (`POST /_local/{service}/{action}`), for tests and for operators poking at a running cloud.
 */
export function createControlApi(deps: ControlApiDeps) {
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).slice(1);
    const method = req.method ?? 'GET';
    try {
      reply(res, 200, await handle(deps, method, parts, parseJson(body)));
    } catch (error: unknown) {
      if (error instanceof ControlError)
        reply(res, error.status, { error: 'ControlError', message: error.message });
      else if (error instanceof AwsError)
        reply(res, error.status, { error: error.code, message: error.message });
      else if (error instanceof ZodError)
        reply(res, 400, {
          error: 'ValidationError',
          message: error.issues
            .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
            .join('; '),
        });
      else
        reply(res, 500, {
          error: 'InternalFailure',
          message: error instanceof Error ? error.message : String(error),
        });
    }
    return true;
  };
}

async function handle(deps: ControlApiDeps, method: string, parts: string[], input: Record<string, unknown>) {
  const [first, second] = parts;
  switch (first) {
    case 'health':
      return deps.health();
    case 'clock':
      if (method === 'POST') {
        const timeScale = input.timeScale;
        if (typeof timeScale !== 'number')
          throw new ControlError(400, 'timeScale: expected a positive number');
        deps.clock.setTimeScale(timeScale);
      }
      return { now: new Date(deps.clock.now()).toISOString(), timeScale: deps.clock.timeScale };
    case 'quotas':
      if (method === 'POST') {
        if (typeof input.enabled !== 'boolean') throw new ControlError(400, 'enabled: expected a boolean');
        deps.quotas.enabled = input.enabled;
      }
      return deps.quotas.describe();
    case 'faults':
      if (method === 'POST') return deps.faults.add(input);
      if (method === 'DELETE') {
        if (second === undefined) {
          deps.faults.clear();
          return { removed: 'all' };
        }
        if (!deps.faults.remove(second)) throw new ControlError(404, `no fault ${second}`);
        return { removed: second };
      }
      return deps.faults.list();
    case 'state':
      return { savedTo: await deps.saveState() };
    default: {
      const target = first === undefined ? undefined : deps.targets.get(first);
      if (!target?.control || second === undefined || method !== 'POST') {
        throw new ControlError(404, `no control action ${method} /_local/${parts.join('/')}`);
      }
      return target.control(second, input);
    }
  }
}
