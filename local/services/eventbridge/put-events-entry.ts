import { jsonNestingDepth } from './json-nesting-depth';

/** A PutEvents entry that passed EventBridge's checks. */
export interface CheckedEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly resources: readonly string[];
  readonly eventBusName?: string;
  /** Epoch ms from the entry's `Time`, when it has one. */
  readonly timeMs?: number;
}

/** The per-entry failure PutEvents reports instead of an EventId. */
export interface EntryFailure {
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

/**
 * PutEvents' size limit: the sizes of a request's entries must add up to less than 1 MB (1 MiB;
 * 256 KB until 29 January 2026). A request at or over it fails as a whole with a
 * ValidationException (docs/aws-facts.md, EventBridge).
 */
export const MAX_PUT_EVENTS_BYTES = 1_048_576;
/**
 * PutEvents processes a Detail nested up to 1,000 levels deep; a deeper one fails its entry as
 * MalformedDetail (docs/aws-facts.md, EventBridge).
 */
export const MAX_DETAIL_NESTING_DEPTH = 1000;
/** An entry's `Time` counts as 14 bytes, whatever its value (docs/aws-facts.md, EventBridge). */
const TIME_ENTRY_BYTES = 14;

const MALFORMED_DETAIL: EntryFailure = { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };

function missing(member: string): EntryFailure {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
  };
}

/**
 * Checks one PutEvents entry as EventBridge does, entry by entry: Source, DetailType and Detail
 * are required, Detail must be a JSON object nested at most {@link MAX_DETAIL_NESTING_DEPTH}
 * levels deep, and only AWS services may publish `aws.*` sources.
 */
export function checkPutEventsEntry(entry: unknown): CheckedEntry | EntryFailure {
  const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  if (typeof fields.Source !== 'string' || fields.Source === '') return missing('Source');
  if (typeof fields.DetailType !== 'string' || fields.DetailType === '') return missing('DetailType');
  if (typeof fields.Detail !== 'string' || fields.Detail === '') return missing('Detail');
  // Measured on the text, before parsing: nothing downstream (matching, input templates, the
  // journal) then meets a value nested deeper than EventBridge itself takes.
  if (jsonNestingDepth(fields.Detail) > MAX_DETAIL_NESTING_DEPTH) return MALFORMED_DETAIL;
  let detail: unknown;
  try {
    detail = JSON.parse(fields.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return MALFORMED_DETAIL;
  if (fields.Source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  // The SDKs send Time as epoch seconds. A Time later than a date can hold (the year 275760) is
  // refused here by the local cloud's choice: AWS documents no answer (docs/aws-facts.md, EventBridge).
  const timeMs = typeof fields.Time === 'number' ? fields.Time * 1000 : undefined;
  if (timeMs !== undefined && Number.isNaN(new Date(timeMs).getTime())) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' };
  }
  return {
    source: fields.Source,
    detailType: fields.DetailType,
    detail: detail as Record<string, unknown>,
    resources: Array.isArray(fields.Resources)
      ? fields.Resources.filter((item): item is string => typeof item === 'string')
      : [],
    ...(typeof fields.EventBusName === 'string' ? { eventBusName: fields.EventBusName } : {}),
    ...(timeMs === undefined ? {} : { timeMs }),
  };
}

export function isEntryFailure(value: CheckedEntry | EntryFailure): value is EntryFailure {
  return 'ErrorCode' in value;
}

/**
 * An entry's size as EventBridge counts it (docs/aws-facts.md, EventBridge): 14 bytes for a Time,
 * then the UTF-8 bytes of Source, DetailType, Detail and each of the Resources. EventBusName and
 * TraceHeader do not count.
 */
function putEventsEntrySize(entry: unknown): number {
  if (typeof entry !== 'object' || entry === null) return 0;
  const fields = entry as Record<string, unknown>;
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  const resources = Array.isArray(fields.Resources) ? fields.Resources : [];
  return (
    (fields.Time === undefined || fields.Time === null ? 0 : TIME_ENTRY_BYTES) +
    bytes(fields.Source) +
    bytes(fields.DetailType) +
    bytes(fields.Detail) +
    resources.reduce((total: number, resource: unknown) => total + bytes(resource), 0)
  );
}

/** Whether a request's entries fit PutEvents together: their sizes add up to less than {@link MAX_PUT_EVENTS_BYTES}. */
export function fitsPutEventsRequest(entries: readonly unknown[]): boolean {
  return (
    entries.reduce((total: number, entry) => total + putEventsEntrySize(entry), 0) < MAX_PUT_EVENTS_BYTES
  );
}
