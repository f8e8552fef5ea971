import { SaxesParser } from 'saxes';
import { XmlParseError, type XmlParseErrorCode } from './xml-parse.error';

/**
 * A strict, streaming XML 1.0 well-formedness check (saxes) run before the tree is built.
 * fast-xml-parser is deliberately forgiving: it returns a partial tree for a truncated document,
 * accepts mismatched or missing end tags, two roots, or plain text. A truncated pupils snapshot
 * that parsed "fine" would look like a school whose pupils all left, so nothing is built from a
 * document that is not well-formed. saxes never expands entities it was not given; a DOCTYPE is
 * refused here as soon as it is read, and nesting is capped before any recursion can happen.
 * It costs about a tenth of the tree parse.
 */
export interface WellFormedness {
  readonly rootName: string;
}

export const doctypeRefused = (): XmlParseError =>
  new XmlParseError('doctype', 'DOCTYPE declarations are not allowed (no entity is ever expanded)');

export const nestedTooDeep = (maxDepth: number): XmlParseError =>
  new XmlParseError('too-deep', `elements are nested deeper than the limit of ${maxDepth}`);

export function checkWellFormed(text: string, maxDepth: number): WellFormedness {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0;
  let rootName: string | undefined;
  parser.on('doctype', () => {
    throw doctypeRefused();
  });
  parser.on('opentagstart', (tag) => {
    depth++;
    rootName ??= tag.name;
    if (depth > maxDepth) throw nestedTooDeep(maxDepth);
  });
  parser.on('closetag', () => {
    depth--;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw error instanceof XmlParseError ? error : fromSaxesError(error);
  }
  if (rootName === undefined) throw new XmlParseError('malformed', 'the document has no root element');
  return { rootName };
}

export function fromSaxesError(error: unknown): XmlParseError {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /^(\d+):(\d+): (.*)$/s.exec(raw);
  const [line, column, reason] = match ? [match[1], match[2], match[3]] : [undefined, undefined, raw];
  const where = line !== undefined ? ` at line ${line}, column ${column}` : '';
  return new XmlParseError(codeFor(reason), `not well-formed XML${where}: ${reason}`, { cause: error });
}

function codeFor(reason: string): XmlParseErrorCode {
  if (/doctype/i.test(reason)) return 'doctype';
  return /entity/.test(reason) ? 'invalid-reference' : 'malformed';
}
