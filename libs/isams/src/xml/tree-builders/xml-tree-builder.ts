import type { XmlParserLimits } from '../xml-limits';
import type { XmlElement } from '../xml-node';

/** Which library builds the tree; both give the same tree and refuse the same documents. */
export const XML_ENGINES = ['fast-xml-parser', 'saxes'] as const;
export type XmlEngine = (typeof XML_ENGINES)[number];

export interface BuiltTree {
  readonly rootName: string;
  /** The root element; `{}` when it has no content. */
  readonly root: XmlElement;
}

/** Decoded document text → tree. Throws XmlParseError for anything not well-formed or over the depth cap. */
export type XmlTreeBuilder = (text: string, limits: XmlParserLimits) => BuiltTree;
