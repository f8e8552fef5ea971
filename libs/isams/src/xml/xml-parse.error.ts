/** Why a document was refused. Stable codes, so callers can branch without reading messages. */
export type XmlParseErrorCode =
  | 'too-large' // the byte-size cap was exceeded (checked before any parsing)
  | 'empty' // nothing but whitespace
  | 'not-xml' // does not start like an XML document at all (JSON, HTML text, plain text…)
  | 'malformed' // not well-formed XML: truncated, mismatched tags, bad syntax
  | 'doctype' // a DOCTYPE (and so possible entity declarations) is present: always refused
  | 'too-deep' // the nesting-depth cap was exceeded
  | 'invalid-reference' // an undefined entity or a numeric reference to a character XML forbids
  | 'unexpected-root'; // well-formed, but not the document kind the caller asked for

/**
 * A document the hardened parser refused. The message is a single line that never quotes the
 * document's content (it may hold personal data), only positions and names of the syntax at fault.
 */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';

  constructor(
    readonly code: XmlParseErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(oneLine(message), options);
  }
}

const MAX_MESSAGE_LENGTH = 300;

function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}
