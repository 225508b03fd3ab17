import { randomBytes } from 'node:crypto';

/** An X-Ray trace id: version 1, the epoch second in 8 hex digits, 96 random bits in 24 hex digits. */
export const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
/** A segment id (the header's Parent): 64 random bits in 16 hex digits. */
const SEGMENT_ID_BYTES = 8;
const TRACE_ID_RANDOM_BYTES = 12;

/** The random bytes the ids are made of (injectable so that tests get fixed ids). */
export type RandomBytes = (size: number) => Buffer;

/**
 * The X-Ray trace header Lambda hands the runtime with an invocation (the runtime API's
 * `Lambda-Runtime-Trace-Id`, which the Node.js runtime puts in the InvokeStore): a caller's
 * `X-Amzn-Trace-Id` with a valid Root continues that trace (its Root and sampling decision kept,
 * Lambda's own segment as the Parent); otherwise a new trace. The local cloud sends no segments,
 * so a new trace is not sampled (docs/aws-facts.md, Lambda).
 */
export function invocationTraceHeader(
  callerHeader: string | undefined,
  nowMs: number,
  random: RandomBytes = randomBytes,
): string {
  const caller = parseTraceHeader(callerHeader ?? '');
  const root =
    caller.Root !== undefined && TRACE_ID.test(caller.Root) ? caller.Root : newTraceId(nowMs, random);
  const sampled = caller.Root === root && caller.Sampled === '1' ? '1' : '0';
  return `Root=${root};Parent=${random(SEGMENT_ID_BYTES).toString('hex')};Sampled=${sampled}`;
}

function newTraceId(nowMs: number, random: RandomBytes): string {
  const epochSeconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `1-${epochSeconds}-${random(TRACE_ID_RANDOM_BYTES).toString('hex')}`;
}

/** `Root=…;Parent=…;Sampled=…` as fields; anything malformed is ignored. */
function parseTraceHeader(header: string): Partial<Record<string, string>> {
  const fields: Partial<Record<string, string>> = {};
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) fields[part.slice(0, separator).trim()] = part.slice(separator + 1).trim();
  }
  return fields;
}
