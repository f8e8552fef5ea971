import { parseRetryAfter } from '@isams-sync/resilience';
import { parseIsamsErrorMessage, type IsamsErrorMessage } from '../xml/isams-error-message.parser';
import {
  type BatchCallError,
  classifyBatchAnswer,
  isBatchCallError,
  maskApiKey,
  transportError,
} from './batch-call.error';
import { BATCH_ENDPOINTS, type BatchEndpoint } from './batch-methods';
import type { DatasetRequest } from './datasets';
import { ERROR_MESSAGE, FILTERS } from './element-names';

/** The Batch API endpoint under a school's access URL (XML; a json.ashx twin exists and is not used). */
export const BATCH_API_PATH = BATCH_ENDPOINTS.xml;

/** Bodies above this are refused while streaming: the largest real school's documents are far smaller. */
export const DEFAULT_MAX_BATCH_BYTES = 256 * 1024 * 1024;

/** Error bodies are small: only a body this size or under is looked at for a `<Message>`. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface BatchRequest {
  /** the school's iSAMS access URL, e.g. https://school.isams.cloud (a trailing slash is fine) */
  accessUrl: string;
  apiKey: string;
  /** default `xml` (xml.ashx); photos have their own endpoints */
  endpoint?: BatchEndpoint;
  /** when given: POST `<Filters><MethodsToRun><Method>…</Method></MethodsToRun></Filters>` to run only these */
  methods?: readonly string[];
  /** method filters for the POST body (`<StudentManager><Contacts …/></StudentManager>`) */
  filters?: DatasetRequest['filters'];
  signal?: AbortSignal;
  /** default 256 MB */
  maxBytes?: number;
  /** the dataset the key is for: only used to word the fix of an error */
  dataset?: string;
}

export interface BatchResponse {
  status: number;
  /** the bytes exactly as received */
  body: Buffer;
  durationMs: number;
  /** accessUrl + path, without the query string (no key): safe to log */
  url: string;
  contentType?: string;
}

export interface BatchClientOptions {
  fetchImpl?: typeof fetch;
  userAgent?: string;
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

/** The `<Filters>` body: the methods to run (when given) and each method filter, grouped by module as iSAMS documents it. */
export function filtersXml(methods: readonly string[] | undefined, filters: DatasetRequest['filters'] = []): string {
  const [list, item] = FILTERS.methodsToRun;
  const methodList =
    methods === undefined
      ? ''
      : `<${list}>${methods.map((method) => `<${item}>${escapeXmlText(method)}</${item}>`).join('')}</${list}>`;
  const modules = new Map<string, string[]>();
  for (const filter of filters) {
    const attributes = Object.entries(filter.attributes)
      .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
      .join('');
    modules.set(filter.module, [...(modules.get(filter.module) ?? []), `<${filter.element}${attributes}/>`]);
  }
  const moduleFilters = [...modules]
    .map(([module, elements]) => `<${module}>${elements.join('')}</${module}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><${FILTERS.root}>${methodList}${moduleFilters}</${FILTERS.root}>`;
}

/** The `<Filters>` body narrowing a call to some methods. */
export function methodsFilterXml(methods: readonly string[]): string {
  return filtersXml(methods);
}

/**
 * The name of the first element of a body, skipping a BOM, the declaration, comments and
 * whitespace. Cheap enough to run on every 200 so that a `<Message>` error sent with 200 is caught.
 */
export function rootElementName(body: Buffer): string | undefined {
  let text = body.subarray(0, 2048).toString('latin1');
  if (text.startsWith('\xEF\xBB\xBF')) text = text.slice(3);
  for (;;) {
    text = text.trimStart();
    if (text.startsWith('<?')) {
      const end = text.indexOf('?>');
      if (end < 0) return undefined;
      text = text.slice(end + 2);
    } else if (text.startsWith('<!--')) {
      const end = text.indexOf('-->');
      if (end < 0) return undefined;
      text = text.slice(end + 3);
    } else if (text.startsWith('<!')) {
      return text.slice(2, 9).toUpperCase() === 'DOCTYPE' ? 'DOCTYPE' : undefined;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(text);
      return match?.[1];
    }
  }
}

function maskMessage(message: IsamsErrorMessage, apiKey: string): IsamsErrorMessage {
  const masked: { -readonly [K in keyof IsamsErrorMessage]: IsamsErrorMessage[K] } = {};
  for (const field of ['messageId', 'messageName', 'title', 'description'] as const) {
    const value = message[field];
    if (value !== undefined) masked[field] = maskApiKey(value, apiKey);
  }
  return masked;
}

/** The innermost `code` of an error chain (undici wraps socket errors in `TypeError: fetch failed`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * Calls one Batch API key and hands back the raw bytes, or throws a classified BatchCallError.
 * It neither retries nor times out on its own: the caller's signal (the call guard's per-call
 * time-out) ends a call, and the guard decides what to retry.
 */
export class BatchClient {
  private readonly fetchImpl: typeof fetch;
  private readonly userAgent: string;

  constructor(options: BatchClientOptions = {}) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.userAgent = options.userAgent ?? 'isams-sync';
  }

  async fetch(request: BatchRequest): Promise<BatchResponse> {
    const url = `${request.accessUrl.replace(/\/+$/, '')}${BATCH_ENDPOINTS[request.endpoint ?? 'xml']}`;
    const maxBytes = request.maxBytes ?? DEFAULT_MAX_BATCH_BYTES;
    const started = performance.now();
    const withBody = request.methods !== undefined || (request.filters?.length ?? 0) > 0;
    const headers: Record<string, string> = { Accept: 'application/xml, text/xml', 'User-Agent': this.userAgent };
    if (withBody) headers['Content-Type'] = 'application/xml';

    let response: Response;
    try {
      response = await this.fetchImpl(`${url}?apiKey=${encodeURIComponent(request.apiKey)}`, {
        method: withBody ? 'POST' : 'GET',
        headers,
        body: withBody ? filtersXml(request.methods, request.filters) : undefined,
        signal: request.signal,
      });
    } catch (error) {
      throw this.failure(error, request, url);
    }

    let body: Buffer;
    try {
      body = await this.readBody(response, maxBytes, url);
    } catch (error) {
      throw this.failure(error, request, url);
    }
    const durationMs = performance.now() - started;
    const contentType = response.headers.get('content-type') ?? undefined;

    const ok = response.status >= 200 && response.status < 300;
    const root = ok ? rootElementName(body) : undefined;
    if (ok && root !== ERROR_MESSAGE.root && root !== 'DOCTYPE' && root?.toLowerCase() !== 'html') {
      return { status: response.status, body, durationMs, url, ...(contentType === undefined ? {} : { contentType }) };
    }
    const parsed = body.length <= MAX_ERROR_BODY_BYTES ? parseIsamsErrorMessage(body) : undefined;
    const message = parsed === undefined ? undefined : maskMessage(parsed, request.apiKey);
    throw classifyBatchAnswer({
      httpStatus: response.status,
      message,
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      dataset: request.dataset,
    });
  }

  /** Streams the body, refusing it once it grows past maxBytes (or announces more up front). */
  private async readBody(response: Response, maxBytes: number, url: string): Promise<Buffer> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw transportError(
        'too-large',
        `iSAMS answer from ${url} declares ${declared} bytes, over the ${maxBytes}-byte limit`,
      );
    }
    if (!response.body) return Buffer.alloc(0);
    const reader = response.body.getReader();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw transportError('too-large', `iSAMS answer from ${url} passed the ${maxBytes}-byte limit while streaming`);
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
    return Buffer.concat(chunks, total);
  }

  private failure(error: unknown, request: BatchRequest, url: string): BatchCallError {
    if (isBatchCallError(error)) return error;
    if (request.signal?.aborted) {
      return transportError('timeout', `call to ${url} was aborted (time-out or cancelled)`, error);
    }
    const code = errorCode(error);
    if (code === 'ENOTFOUND')
      return transportError('unknown-host', `the host of ${url} does not exist (DNS: ENOTFOUND)`, error);
    const reason = maskApiKey(code ?? (error instanceof Error ? error.message : String(error)), request.apiKey);
    // The cause is kept for stack traces but never printed by us; its text has no key (undici does not echo URLs).
    return transportError('network', `connection to ${url} failed (${reason})`, error);
  }
}
