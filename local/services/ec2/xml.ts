import { fragments, leaf, node, text, wrappedList, type Xml, xmlEscape } from '../../core/xml';

/**
 * EC2's shapes of the query-protocol XML: `<nameSet><item>…` lists and its answer and error
 * documents, over the shared writer in local/core/xml.ts.
 */
export { fragments, leaf, node, type Xml, xmlEscape };

/** The namespace every EC2 answer carries (API version 2016-11-15). */
export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** An EC2 list: `<nameSet><item>…</item>…</nameSet>` (an empty list is `<nameSet/>`). */
export function itemSet(name: string, items: readonly Xml[]): Xml {
  return wrappedList(name, 'item', items);
}

/** A list of plain strings: `<nameSet><item>a</item>…</nameSet>`. */
export function stringSet(name: string, values: readonly string[]): Xml {
  return itemSet(name, values.map(text));
}

/** The whole answer document: `<{Action}Response xmlns=…><requestId>…</requestId>…</{Action}Response>`. */
export function ec2Document(action: string, requestId: string, body: Xml): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${EC2_XMLNS}">${leaf('requestId', requestId).xml}${body.xml}</${action}Response>`
  );
}

/** EC2's error document (note `RequestID`, not `requestId`, as the real service spells it here). */
export function ec2ErrorDocument(code: string, message: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Response><Errors><Error>${leaf('Code', code).xml}${leaf('Message', message).xml}</Error></Errors>` +
    `${leaf('RequestID', requestId).xml}</Response>`
  );
}
