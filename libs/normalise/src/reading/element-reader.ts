import { LEGACY_ATTRIBUTE } from '@isams-sync/isams';
import { attributeOf, childElements, textOf, type XmlNode } from '@isams-sync/isams';
import { cleanText } from './value-cleaning';

/**
 * Reading one iSAMS record element, with the quirks of ISAMS.md:
 * - ids are attributes, sometimes spelt with a lower-case first letter (attributeOf retries);
 * - children marked `Legacy="True"` repeat older references: never read as data, and used for an
 *   id only when neither an id attribute nor a current child carries it;
 * - empty and whitespace-only values are absent; text is trimmed.
 */
export function isLegacy(node: XmlNode | undefined): boolean {
  const flag = cleanText(attributeOf(node, LEGACY_ATTRIBUTE))?.toLowerCase();
  return flag === 'true' || flag === '1';
}

/** A trimmed attribute value, or undefined. */
export function attributeText(node: XmlNode | undefined, name: string): string | undefined {
  return cleanText(attributeOf(node, name));
}

/** The text of the first current (non-Legacy) child called `name` that has any. */
export function fieldText(node: XmlNode | undefined, name: string): string | undefined {
  for (const child of childElements(node, name)) {
    if (isLegacy(child)) continue;
    const text = cleanText(textOf(child));
    if (text !== undefined) return text;
  }
  return undefined;
}

/** An id: the attribute if present, else a current child element, else (only then) a Legacy child. */
export function idOf(node: XmlNode | undefined, name: string): string | undefined {
  const attribute = attributeText(node, name);
  if (attribute !== undefined) return attribute;
  const current = fieldText(node, name);
  if (current !== undefined) return current;
  for (const child of childElements(node, name)) {
    const text = cleanText(textOf(child));
    if (text !== undefined) return text;
  }
  return undefined;
}

/** `Path[3] Id=12 SchoolId=0042`: names a record by position and ids only, never personal data. */
export function recordRef(path: string, position: number, ids: Record<string, string | undefined> = {}): string {
  const shown = Object.entries(ids)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${value}`);
  return [`${path}[${position}]`, ...shown].join(' ');
}
