/**
 * A tiny XML writer for EC2's query-protocol answers. Every fragment is an `Xml` value built
 * by these functions, so text can only enter through `leaf`, which escapes it.
 */
export interface Xml {
  readonly xml: string;
}

const EMPTY: Xml = { xml: '' };

/** The namespace every EC2 answer carries (API version 2016-11-15). */
export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Escapes the five XML special characters (text and attribute values alike). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** `<name>value</name>`, or nothing when the value is absent (EC2 omits unset members). */
export function leaf(name: string, value: string | number | boolean | undefined): Xml {
  if (value === undefined) return EMPTY;
  return { xml: `<${name}>${xmlEscape(String(value))}</${name}>` };
}

/** `<name>children</name>`. */
export function node(name: string, ...children: readonly Xml[]): Xml {
  return { xml: `<${name}>${children.map((child) => child.xml).join('')}</${name}>` };
}

/** Fragments side by side, with no wrapping element. */
export function fragments(...children: readonly Xml[]): Xml {
  return { xml: children.map((child) => child.xml).join('') };
}

/** An EC2 list: `<nameSet><item>…</item>…</nameSet>` (an empty list is `<nameSet/>`). */
export function itemSet(name: string, items: readonly Xml[]): Xml {
  if (items.length === 0) return { xml: `<${name}/>` };
  return { xml: `<${name}>${items.map((item) => `<item>${item.xml}</item>`).join('')}</${name}>` };
}

/** A list of plain strings: `<nameSet><item>a</item>…</nameSet>`. */
export function stringSet(name: string, values: readonly string[]): Xml {
  return itemSet(
    name,
    values.map((value) => ({ xml: xmlEscape(value) })),
  );
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
