import { ERROR_MESSAGE } from '../batch/element-names';
import { createIsamsXmlParser, type IsamsXmlParser } from './isams-xml-parser.factory';
import { childElements, textOf, type XmlElement } from './xml-node';

/**
 * The error document iSAMS answers with (`<Message><MessageId/><MessageName/><Title/><Description/></Message>`),
 * as a typed value. Only parsing lives here: deciding what is retryable belongs to the HTTP client.
 * Empty and whitespace-only fields are absent.
 */
export interface IsamsErrorMessage {
  readonly messageId?: string;
  readonly messageName?: string;
  readonly title?: string;
  readonly description?: string;
}

/** Error bodies are small; anything larger is not one. */
const ERROR_BODY_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 16 };
let errorParser: IsamsXmlParser | undefined;

/**
 * Parse an HTTP error body. Returns undefined — never throws — when the body is not an iSAMS
 * error document (an HTML gateway page, empty, JSON, truncated…), so the caller falls back to
 * the HTTP status alone.
 */
export function parseIsamsErrorMessage(body: Uint8Array | string): IsamsErrorMessage | undefined {
  errorParser ??= createIsamsXmlParser(ERROR_BODY_LIMITS);
  try {
    const parsed = errorParser.parse(body, { expectedRoot: ERROR_MESSAGE.root });
    return errorMessageFromElement(parsed.root);
  } catch {
    return undefined;
  }
}

/** Read the fields from an already parsed `<Message>` element. */
export function errorMessageFromElement(message: XmlElement): IsamsErrorMessage {
  const field = (name: string): string | undefined => {
    const value = textOf(childElements(message, name)[0]).trim();
    return value.length > 0 ? value : undefined;
  };
  const result: { -readonly [K in keyof IsamsErrorMessage]: IsamsErrorMessage[K] } = {};
  const messageId = field(ERROR_MESSAGE.messageId);
  const messageName = field(ERROR_MESSAGE.messageName);
  const title = field(ERROR_MESSAGE.title);
  const description = field(ERROR_MESSAGE.description);
  if (messageId !== undefined) result.messageId = messageId;
  if (messageName !== undefined) result.messageName = messageName;
  if (title !== undefined) result.title = title;
  if (description !== undefined) result.description = description;
  return result;
}
