/** Caps applied to every untrusted XML document before and while it is parsed. */
export interface XmlParserLimits {
  /** Largest accepted body in bytes; a larger one is refused before it is even decoded. */
  readonly maxBytes: number;
  /** Deepest accepted element nesting (the root is depth 1). iSAMS documents are under 10 deep. */
  readonly maxDepth: number;
}

export const DEFAULT_XML_PARSER_LIMITS: XmlParserLimits = Object.freeze({
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 256,
});

export function resolveXmlParserLimits(overrides: Partial<XmlParserLimits> = {}): XmlParserLimits {
  const limits = { ...DEFAULT_XML_PARSER_LIMITS, ...definedOnly(overrides) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`XML parser limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}

function definedOnly(overrides: Partial<XmlParserLimits>): Partial<XmlParserLimits> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
