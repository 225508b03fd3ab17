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
 * PutEvents' size limit over the request's entries: 1 MiB since EventBridge raised it from
 * 256 KiB. Over it, the whole call fails.
 */
export const MAX_PUT_EVENTS_BYTES = 1_048_576;
/** An entry's `Time` counts as 14 bytes. */
const TIME_ENTRY_BYTES = 14;

function missing(member: string): EntryFailure {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
  };
}

/**
 * Checks one PutEvents entry as EventBridge does, entry by entry: Source, DetailType and Detail
 * are required, Detail must be a JSON object, and only AWS services may publish `aws.*` sources.
 */
export function checkPutEventsEntry(entry: unknown): CheckedEntry | EntryFailure {
  const fields = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  if (typeof fields.Source !== 'string' || fields.Source === '') return missing('Source');
  if (typeof fields.DetailType !== 'string' || fields.DetailType === '') return missing('DetailType');
  if (typeof fields.Detail !== 'string' || fields.Detail === '') return missing('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(fields.Detail);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (fields.Source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  return {
    source: fields.Source,
    detailType: fields.DetailType,
    detail: detail as Record<string, unknown>,
    resources: Array.isArray(fields.Resources)
      ? fields.Resources.filter((item): item is string => typeof item === 'string')
      : [],
    ...(typeof fields.EventBusName === 'string' ? { eventBusName: fields.EventBusName } : {}),
    // The SDKs send Time as epoch seconds.
    ...(typeof fields.Time === 'number' ? { timeMs: fields.Time * 1000 } : {}),
  };
}

export function isEntryFailure(value: CheckedEntry | EntryFailure): value is EntryFailure {
  return 'ErrorCode' in value;
}

/** An entry's size as EventBridge counts it: Time, Source, DetailType, Detail and Resources in UTF-8. */
export function putEventsEntrySize(entry: unknown): number {
  if (typeof entry !== 'object' || entry === null) return 0;
  const fields = entry as Record<string, unknown>;
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  const resources = Array.isArray(fields.Resources) ? fields.Resources : [];
  return (
    (fields.Time === undefined ? 0 : TIME_ENTRY_BYTES) +
    bytes(fields.Source) +
    bytes(fields.DetailType) +
    bytes(fields.Detail) +
    resources.reduce((total: number, resource: unknown) => total + bytes(resource), 0)
  );
}
