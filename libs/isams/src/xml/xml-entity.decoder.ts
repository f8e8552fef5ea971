import { XmlParseError } from './xml-parse.error';

/**
 * The entity decoder handed to fast-xml-parser (its `entityDecoder` option), replacing its own.
 *
 * Why not the library's options: `processEntities:false` leaves `&amp;` undecoded; the default
 * decoder leaves numeric references (`&#233;`) undecoded unless `htmlEntities:true`, which also
 * turns on ~250 HTML names that are not XML; and all of them expand DOCTYPE entities. This one
 * knows exactly the XML predefined five plus numeric references, decodes in a single pass (so
 * `&amp;#233;` becomes the literal text `&#233;`, never `é`), refuses references to characters
 * XML forbids and undefined names, and refuses any DOCTYPE entity outright.
 *
 * (A bare `&` never gets here: the strict well-formedness check refuses it first.)
 */
const PREDEFINED: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }),
);

// A reference: `&` then a decimal or hex number, or a name, then `;`.
const REFERENCE = /&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|([A-Za-z_:][\w.:-]*));/g;

export class XmlEntityDecoder {
  decode(text: string): string {
    if (text.indexOf('&') === -1) return text;
    return text.replace(REFERENCE, (reference: string, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) {
        const value = PREDEFINED[name];
        if (value === undefined) throw new XmlParseError('invalid-reference', `undefined entity &${name};`);
        return value;
      }
      const codePoint = decimal !== undefined ? parseDigits(decimal, 10) : parseDigits(hex ?? '', 16);
      if (!isXmlChar(codePoint)) {
        throw new XmlParseError('invalid-reference', `character reference ${reference} is not an XML character`);
      }
      return String.fromCodePoint(codePoint);
    });
  }

  /** fast-xml-parser calls this with the entities of any DOCTYPE it meets: never accepted. */
  addInputEntities(): void {
    throw new XmlParseError('doctype', 'DOCTYPE declarations are not allowed');
  }

  setExternalEntities(entities: Record<string, string>): void {
    if (Object.keys(entities).length > 0) throw new XmlParseError('doctype', 'external entities are not allowed');
  }

  reset(): void {}

  setXmlVersion(): void {}
}

function parseDigits(digits: string, radix: number): number {
  // Over 7 hex / 8 decimal digits is beyond U+10FFFF whatever the value: avoid imprecise huge numbers.
  if (digits.replace(/^0+/, '').length > (radix === 16 ? 6 : 7)) return -1;
  return Number.parseInt(digits, radix);
}

/** XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
