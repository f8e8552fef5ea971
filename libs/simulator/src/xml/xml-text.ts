/**
 * Writing XML the way iSAMS's .NET serializer does: CRLF line ends, two-space indents, escaped
 * `& < > " '` (so "O'Brien" becomes `O&apos;Brien`), whitespace-only values as character references,
 * and empty values as self-closed elements.
 */
export const EOL = '\r\n';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function escapeXml(value: string): string {
  // whitespace-only values survive only as references: `&#x20;` is what a real export holds
  if (value.length > 0 && value.trim() === '') {
    return [...value].map((char) => `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`).join('');
  }
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

export type AttributeValue = string | number | undefined;

export function attributes(values: Readonly<Record<string, AttributeValue>>): string {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) out += ` ${name}="${escapeXml(String(value))}"`;
  }
  return out;
}

export function indent(depth: number): string {
  return '  '.repeat(depth);
}

/** `<Name>value</Name>`, or `<Name/>` when the value is empty. */
export function element(
  depth: number,
  name: string,
  value: string | number | undefined,
  attrs: Readonly<Record<string, AttributeValue>> = {},
): string {
  const text = value === undefined ? '' : String(value);
  if (text === '') return `${indent(depth)}<${name}${attributes(attrs)}/>${EOL}`;
  return `${indent(depth)}<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>${EOL}`;
}

export function open(depth: number, name: string, attrs: Readonly<Record<string, AttributeValue>> = {}): string {
  return `${indent(depth)}<${name}${attributes(attrs)}>${EOL}`;
}

export function close(depth: number, name: string): string {
  return `${indent(depth)}</${name}>${EOL}`;
}

/** Dates the way iSAMS writes them: `2009-10-04T00:00:00`, no timezone. '' stays ''. */
export function isamsDate(date: string): string {
  if (date === '') return '';
  return date.length === 10 ? `${date}T00:00:00` : date;
}

export function flag(value: boolean): string {
  return value ? '1' : '0';
}

/**
 * Wraps records in a collection element, writing `<Collection/>` when there are none. Lazy, so a
 * collection of 30,000 records is never held in memory.
 */
export function* collection(depth: number, name: string, records: Iterable<string>): Generator<string> {
  let opened = false;
  for (const record of records) {
    if (!opened) {
      yield open(depth, name);
      opened = true;
    }
    yield record;
  }
  yield opened ? close(depth, name) : `${indent(depth)}<${name}/>${EOL}`;
}

/** The declaration iSAMS writes. It says utf-16 on many answers although the bytes are UTF-8. */
export function declaration(encoding: 'utf-8' | 'utf-16'): string {
  return `<?xml version="1.0" encoding="${encoding}"?>${EOL}`;
}
