/**
 * The shape of a parsed document and the only sanctioned ways to read it.
 *
 * An element is either a string (text only, no attributes: `<Forename>Zoë</Forename>` →
 * `'Zoë'`, `<Title/>` → `''`) or an object whose keys are child element names, attribute names
 * prefixed with `@_`, and `#text` for its own text. A child is one value, or an array when it is
 * repeated or its path is a known collection. Readers below accept both forms, read only own
 * properties, and never hand back an object that could be spread into a database query.
 */
export type XmlNode = string | XmlElement;
export interface XmlElement {
  readonly [name: string]: XmlNode | readonly XmlNode[] | undefined;
}

export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

export function isXmlElement(node: unknown): node is XmlElement {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** Every child element called `name`, in document order (an empty array when there is none). */
export function childElements(node: XmlNode | undefined, name: string): readonly XmlNode[] {
  if (!isXmlElement(node) || !hasOwn(node, name)) return [];
  const value = node[name];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value as readonly XmlNode[];
  return typeof value === 'string' || isXmlElement(value) ? [value as XmlNode] : [];
}

/** Follow a path of child names, collecting every element at its end (all branches, in order). */
export function descendants(node: XmlNode | undefined, path: readonly string[]): readonly XmlNode[] {
  let level: readonly XmlNode[] = node === undefined ? [] : [node];
  for (const name of path) level = level.flatMap((element) => childElements(element, name));
  return level;
}

/**
 * An attribute's value, as written (no trimming). iSAMS sometimes spells `Id` as `id`, so a
 * missing name is retried with a lower-case first letter, then all lower case.
 */
export function attributeOf(node: XmlNode | undefined, name: string): string | undefined {
  if (!isXmlElement(node)) return undefined;
  const exact = ownString(node, ATTRIBUTE_PREFIX + name);
  if (exact !== undefined) return exact;
  const lowerFirst = name.charAt(0).toLowerCase() + name.slice(1);
  return ownString(node, ATTRIBUTE_PREFIX + lowerFirst) ?? ownString(node, ATTRIBUTE_PREFIX + name.toLowerCase());
}

/** An element's own text ('' when it has none). */
export function textOf(node: XmlNode | undefined): string {
  if (typeof node === 'string') return node;
  if (isXmlElement(node) && hasOwn(node, TEXT_KEY)) {
    const text = node[TEXT_KEY];
    if (typeof text === 'string') return text;
  }
  return '';
}

/** The names of an element's child elements (attributes and text excluded). */
export function childNames(node: XmlNode | undefined): string[] {
  if (!isXmlElement(node)) return [];
  return Object.keys(node).filter((key) => key !== TEXT_KEY && !key.startsWith(ATTRIBUTE_PREFIX));
}

function ownString(node: XmlElement, key: string): string | undefined {
  if (!hasOwn(node, key)) return undefined;
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}
