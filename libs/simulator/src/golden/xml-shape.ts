import { XMLParser } from 'fast-xml-parser';

/**
 * The shape of an XML document, reduced to what a strict client depends on: every element path, the
 * attributes seen on it, and the format of its text (a `DateTime`, an `int`, `True`/`False`…).
 * Two documents with the same shape parse the same way in an XmlSerializer or XPath client,
 * whatever their values.
 */
export type ValueFormat = 'empty' | 'datetime' | 'int' | 'guid' | 'true-false' | 'text';

export interface PathShape {
  attributes: Map<string, Set<ValueFormat>>;
  formats: Set<ValueFormat>;
  /** how many times the element occurs under one parent, at most */
  maxRepeats: number;
}

export type XmlShape = Map<string, PathShape>;

const FORMATS: ReadonlyArray<[ValueFormat, RegExp]> = [
  ['empty', /^$/],
  ['datetime', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/],
  ['guid', /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i],
  ['true-false', /^(True|False)$/],
  ['int', /^-?\d+$/],
];

export function valueFormat(value: string): ValueFormat {
  return FORMATS.find(([, pattern]) => pattern.test(value))?.[0] ?? 'text';
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: () => true,
});

type Node = Record<string, unknown>;

function shapeAt(shape: XmlShape, path: string): PathShape {
  let entry = shape.get(path);
  if (!entry) {
    entry = { attributes: new Map(), formats: new Set(), maxRepeats: 0 };
    shape.set(path, entry);
  }
  return entry;
}

function walk(shape: XmlShape, path: string, nodes: unknown[]): void {
  const entry = shapeAt(shape, path);
  entry.maxRepeats = Math.max(entry.maxRepeats, nodes.length);
  for (const node of nodes) {
    if (typeof node !== 'object' || node === null) {
      entry.formats.add(valueFormat(String(node ?? '')));
      continue;
    }
    let text = '';
    let hasChildren = false;
    for (const [name, value] of Object.entries(node as Node)) {
      if (name.startsWith('@')) {
        const formats = entry.attributes.get(name.slice(1)) ?? new Set<ValueFormat>();
        formats.add(valueFormat(String(value)));
        entry.attributes.set(name.slice(1), formats);
      } else if (name === '#text') {
        text += Array.isArray(value) ? value.join('') : String(value);
      } else {
        hasChildren = true;
        walk(shape, `${path}/${name}`, value as unknown[]);
      }
    }
    if (!hasChildren || text.trim() !== '') entry.formats.add(valueFormat(text.trim() === '' ? '' : text));
  }
}

/** The shape of a whole document (the declaration is not part of it: see `declaredEncoding`). */
export function xmlShape(xml: string): XmlShape {
  const shape: XmlShape = new Map();
  const document = parser.parse(xml) as Node;
  for (const [name, value] of Object.entries(document))
    if (!name.startsWith('?')) walk(shape, name, value as unknown[]);
  return shape;
}

/** The encoding an XML declaration names, lower-cased; undefined without one. */
export function declaredEncoding(xml: string): string | undefined {
  return /^\uFEFF?<\?xml[^>]*encoding=["']([^"']+)["']/.exec(xml)?.[1].toLowerCase();
}

/**
 * True when a value of `format` may stand where the real shape has `formats`: typed values (dates,
 * ints, GUIDs, True/False) must keep their format and must not be empty (XmlSerializer refuses
 * `<LeavingDate/>`); text takes anything.
 */
function fits(format: ValueFormat, formats: ReadonlySet<ValueFormat>): boolean {
  if (formats.has(format) || formats.has('text')) return true;
  return format !== 'empty' && formats.size === 1 && formats.has('empty');
}

/**
 * Where `actual` departs from `expected`: a path of `expected` missing from `actual`, an attribute
 * missing on it or spelt in another case, or a value in a format that does not fit. Paths `actual`
 * has beyond `expected` are fine: real answers carry many more fields than a fixture lists.
 */
export function shapeDifferences(expected: XmlShape, actual: XmlShape): string[] {
  const problems: string[] = [];
  for (const [path, want] of expected) {
    const got = actual.get(path);
    if (!got) {
      problems.push(`${path}: missing`);
      continue;
    }
    for (const [attribute, formats] of want.attributes) {
      const seen = got.attributes.get(attribute);
      if (!seen) problems.push(`${path}/@${attribute}: missing`);
      else
        for (const format of seen)
          if (!fits(format, formats))
            problems.push(`${path}/@${attribute}: ${format} where the real shape has ${[...formats].join('|')}`);
    }
    for (const attribute of got.attributes.keys()) {
      const wanted = [...want.attributes.keys()].find(
        (name) => name !== attribute && name.toLowerCase() === attribute.toLowerCase(),
      );
      if (wanted) problems.push(`${path}/@${attribute}: spelt ${wanted} in the real shape`);
    }
    for (const format of got.formats)
      if (!fits(format, want.formats))
        problems.push(`${path}: ${format} value where the real shape has ${[...want.formats].join('|')}`);
  }
  return problems;
}
