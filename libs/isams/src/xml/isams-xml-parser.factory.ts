import { XMLParser, type X2jOptions } from 'fast-xml-parser';
import { ERROR_MESSAGE, ROOT } from '../batch/element-names';
import { replaceForbiddenCharacters } from './forbidden-characters';
import { isIsamsArrayPath } from './isams-array-paths';
import { decodeXmlBytes } from './xml-bytes.decoder';
import { XmlEntityDecoder } from './xml-entity.decoder';
import { resolveXmlParserLimits, type XmlParserLimits } from './xml-limits';
import { ATTRIBUTE_PREFIX, TEXT_KEY, childElements, isXmlElement, textOf, type XmlElement } from './xml-node';
import { XmlParseError } from './xml-parse.error';
import { checkWellFormed } from './well-formedness.check';

/**
 * The one XML parser for everything iSAMS sends. Untrusted input goes through, in order:
 *  1. a byte-size cap, before anything is decoded;
 *  2. decoding as UTF-8 whatever the declaration says, unless a BOM proves UTF-16;
 *  3. a strict well-formedness check (saxes) that refuses DOCTYPEs, caps nesting, and refuses
 *     truncated or mismatched documents that fast-xml-parser would silently accept; characters XML
 *     forbids are then replaced by U+FFFD and counted (see forbidden-characters.ts);
 *  4. fast-xml-parser with hardened options: every value a string (leading zeros and long ids
 *     survive), attributes kept, entities decoded exactly once by our decoder, known collections
 *     always arrays, and element names that could reach Object.prototype renamed.
 */
export interface ParsedXml {
  /** The root element's name (e.g. `iSAMS`). */
  readonly rootName: string;
  /** The root element; an empty object when it has no content. */
  readonly root: XmlElement;
  /** Size of the input in bytes. */
  readonly bytes: number;
  /** Forbidden characters replaced by U+FFFD (0 for any sane document). */
  readonly replacedCharacters: number;
}

export interface ParseOptions {
  /** Refuse (code `unexpected-root`) a well-formed document whose root is another element. */
  readonly expectedRoot?: string;
}

export interface IsamsXmlParser {
  readonly limits: XmlParserLimits;
  parse(input: Uint8Array | string, options?: ParseOptions): ParsedXml;
}

/** Names that would reach Object.prototype are stored under a key no real XML name can take. */
const UNSAFE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const UNSAFE_NAME_PREFIX = '#unsafe:';

export function createIsamsXmlParser(limitOverrides: Partial<XmlParserLimits> = {}): IsamsXmlParser {
  const limits = resolveXmlParserLimits(limitOverrides);
  const treeParser = new XMLParser(hardenedOptions(limits));
  return {
    limits,
    parse(input, options = {}) {
      const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
      if (bytes > limits.maxBytes) {
        throw new XmlParseError('too-large', `the document is ${bytes} bytes, over the limit of ${limits.maxBytes}`);
      }
      const decoded = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeXmlBytes(input);
      assertLooksLikeXml(decoded);
      const { text, rootName, replacedCharacters } = checkedText(decoded, limits.maxDepth);
      if (options.expectedRoot !== undefined && rootName !== options.expectedRoot) {
        throw new XmlParseError('unexpected-root', `expected a <${options.expectedRoot}> document, got <${rootName}>`);
      }
      const root = buildTree(treeParser, text, rootName);
      return { rootName, root, bytes, replacedCharacters };
    },
  };
}

function hardenedOptions(limits: XmlParserLimits): X2jOptions {
  return {
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_KEY,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // `enabled` only routes text through `entityDecoder`; which entities exist is decided there.
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
    // The strict check already capped depth; this is a second guard for the recursive tree builder.
    maxNestedTags: limits.maxDepth + 1,
    transformTagName: (name) => (UNSAFE_NAMES.has(name) ? UNSAFE_NAME_PREFIX + name : name),
    transformAttributeName: (name) => (UNSAFE_NAMES.has(name) ? UNSAFE_NAME_PREFIX + name : name),
  };
}

function assertLooksLikeXml(text: string): void {
  const start = text.search(/\S/);
  if (start === -1) throw new XmlParseError('empty', 'the document is empty');
  if (text.charAt(start) !== '<') {
    throw new XmlParseError('not-xml', 'the body is not XML (it does not start with "<")');
  }
}

function checkedText(text: string, maxDepth: number): { text: string; rootName: string; replacedCharacters: number } {
  try {
    return { text, rootName: checkWellFormed(text, maxDepth).rootName, replacedCharacters: 0 };
  } catch (error) {
    // Only a document that failed pays for this pass; if it held forbidden characters, retry once.
    const repaired = replaceForbiddenCharacters(text);
    if (repaired.replaced === 0) throw error;
    const { rootName } = checkWellFormed(repaired.text, maxDepth);
    return { text: repaired.text, rootName, replacedCharacters: repaired.replaced };
  }
}

function buildTree(treeParser: XMLParser, text: string, rootName: string): XmlElement {
  let document: unknown;
  try {
    document = treeParser.parse(text);
  } catch (error) {
    if (error instanceof XmlParseError) throw error;
    // Library messages can quote surrounding content: keep only the first sentence.
    const reason = error instanceof Error ? error.message.split(/[.:]\s/)[0] : 'unknown error';
    throw new XmlParseError('malformed', `the XML could not be parsed: ${reason}`, { cause: error });
  }
  const key = UNSAFE_NAMES.has(rootName) ? UNSAFE_NAME_PREFIX + rootName : rootName;
  const root = isXmlElement(document) ? document[key] : undefined;
  if (isXmlElement(root)) return root;
  if (typeof root === 'string' && root.length > 0) return { [TEXT_KEY]: root };
  return {};
}

/**
 * Parse a Batch API document (root `<iSAMS>`). Throws XmlParseError on anything else; an iSAMS
 * error document saved in place of data is named as such, with its MessageId.
 */
export function parseIsamsDocument(input: Uint8Array | string, parser: IsamsXmlParser = defaultParser()): ParsedXml {
  const parsed = parser.parse(input);
  if (parsed.rootName === ROOT) return parsed;
  if (parsed.rootName === ERROR_MESSAGE.root) {
    const messageId = textOf(childElements(parsed.root, ERROR_MESSAGE.messageId)[0]).trim() || 'no MessageId';
    throw new XmlParseError('unexpected-root', `the document is an iSAMS error message (${messageId}), not Batch data`);
  }
  throw new XmlParseError('unexpected-root', `expected an <${ROOT}> document, got <${parsed.rootName}>`);
}

let shared: IsamsXmlParser | undefined;
function defaultParser(): IsamsXmlParser {
  shared ??= createIsamsXmlParser();
  return shared;
}
