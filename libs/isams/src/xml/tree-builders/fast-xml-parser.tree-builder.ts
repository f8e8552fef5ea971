import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { isIsamsArrayPath } from '../isams-array-paths';
import { safeElementName } from '../safe-names';
import { checkWellFormed } from '../well-formedness.check';
import { XmlEntityDecoder } from '../xml-entity.decoder';
import type { XmlParserLimits } from '../xml-limits';
import { ATTRIBUTE_PREFIX, TEXT_KEY, isXmlElement } from '../xml-node';
import { XmlParseError } from '../xml-parse.error';
import type { BuiltTree } from './xml-tree-builder';

/**
 * fast-xml-parser with hardened options, behind the strict saxes check (well-formedness.check.ts):
 * fast-xml-parser alone accepts truncated and mismatched documents. Every value stays a string,
 * attributes are kept, entities are decoded exactly once by XmlEntityDecoder, known collections are
 * always arrays, and names that would reach Object.prototype are renamed before the library sees them.
 */
export function buildTreeWithFastXmlParser(text: string, limits: XmlParserLimits): BuiltTree {
  const { rootName } = checkWellFormed(text, limits.maxDepth);
  let document: unknown;
  try {
    document = parserFor(limits).parse(text);
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    // Library messages can quote surrounding content: keep only the first sentence.
    const reason = error instanceof Error ? error.message.split(/[.:]\s/)[0] : 'unknown error';
    throw new XmlParseError('malformed', `the XML could not be parsed: ${reason}`, { cause: error });
  }
  const root = isXmlElement(document) ? document[safeElementName(rootName)] : undefined;
  if (isXmlElement(root)) return { rootName, root };
  if (typeof root === 'string' && root.length > 0) return { rootName, root: { [TEXT_KEY]: root } };
  return { rootName, root: {} };
}

const parsers = new Map<number, XMLParser>();

function parserFor(limits: XmlParserLimits): XMLParser {
  let parser = parsers.get(limits.maxDepth);
  if (!parser) {
    parser = new XMLParser(hardenedOptions(limits.maxDepth));
    parsers.set(limits.maxDepth, parser);
  }
  return parser;
}

export function hardenedOptions(maxDepth: number): X2jOptions {
  return {
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_KEY,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // `true` only routes text through `entityDecoder`; which entities exist is decided there.
    processEntities: true,
    htmlEntities: false,
    entityDecoder: new XmlEntityDecoder(),
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: false,
    allowBooleanAttributes: false,
    alwaysCreateTextNode: false,
    commentPropName: false,
    cdataPropName: false,
    stopNodes: [],
    unpairedTags: [],
    isArray: (_name, path) => typeof path === 'string' && isIsamsArrayPath(path),
    // The strict check already capped depth; this guards the library's recursive tree building too.
    maxNestedTags: maxDepth + 1,
    transformTagName: safeElementName,
  };
}
