/**
 * A tiny XML writer for the query-protocol services (EC2, CloudFormation), whose answers are XML.
 * Every fragment is an `Xml` value built by these functions, so text can only enter through
 * `leaf`, which escapes it.
 */
export interface Xml {
  readonly xml: string;
}

export const EMPTY_XML: Xml = { xml: '' };

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

/** `<name>value</name>`, or nothing when the value is absent (the query services omit unset members). */
export function leaf(name: string, value: string | number | boolean | undefined): Xml {
  if (value === undefined) return EMPTY_XML;
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

/** `<name><{itemName}>…</{itemName}>…</name>` (an empty list is `<name/>`). */
export function wrappedList(name: string, itemName: string, items: readonly Xml[]): Xml {
  if (items.length === 0) return { xml: `<${name}/>` };
  return {
    xml: `<${name}>${items.map((item) => `<${itemName}>${item.xml}</${itemName}>`).join('')}</${name}>`,
  };
}

/** Plain text as a fragment (escaped): the content of a list item that is a string. */
export function text(value: string): Xml {
  return { xml: xmlEscape(value) };
}
