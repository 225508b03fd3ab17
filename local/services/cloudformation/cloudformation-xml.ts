import { leaf, node, wrappedList, type Xml } from '../../core/xml';

/** The namespace every CloudFormation answer carries (API version 2010-05-15). */
export const CLOUDFORMATION_XMLNS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** A CloudFormation list: `<Name><member>…</member>…</Name>`. */
export const members = (name: string, items: readonly Xml[]): Xml => wrappedList(name, 'member', items);

/** Timestamps as CloudFormation writes them (ISO 8601, UTC). */
export const timestamp = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * The answer document: `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…`;
 * an action with no output (DeleteStack) has no Result element.
 */
export function cloudFormationDocument(action: string, requestId: string, result: Xml | undefined): string {
  const body = result === undefined ? '' : node(`${action}Result`, result).xml;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${CLOUDFORMATION_XMLNS}">${body}` +
    `${node('ResponseMetadata', leaf('RequestId', requestId)).xml}</${action}Response>`
  );
}

/** The query protocol's error document, as CloudFormation answers it. */
export function cloudFormationErrorDocument(
  code: string,
  message: string,
  requestId: string,
  status: number,
): string {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${CLOUDFORMATION_XMLNS}">` +
    `${node('Error', leaf('Type', type), leaf('Code', code), leaf('Message', message)).xml}` +
    `${leaf('RequestId', requestId).xml}</ErrorResponse>`
  );
}
