import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** how many `data` events the body arrived in */
  chunks: number;
}

/** The client gave up: its deadline passed. Carries what had arrived by then. */
export class ClientTimeout extends Error {
  constructor(
    readonly received: Buffer,
    readonly status: number | undefined,
  ) {
    super(`client timeout after ${received.length} bytes`);
  }
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** the whole exchange must finish within this (default 10 s) */
  timeoutMs?: number;
}

/**
 * A plain HTTP request on a fresh connection, with a client-side deadline: what a careful client
 * (the sync) does, so hanging answers end the test instead of hanging it.
 */
export function httpRequest(url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status: number | undefined;
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      status = res.statusCode;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: body.toString('utf8'),
          chunks: chunks.length,
        });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const timer = setTimeout(
      () => req.destroy(new ClientTimeout(Buffer.concat(chunks), status)),
      options.timeoutMs ?? 10_000,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}

export function postXml(url: string, body: string, timeoutMs?: number): Promise<HttpAnswer> {
  return httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/xml' }, body, timeoutMs });
}

export async function json<T = Record<string, unknown>>(
  url: string,
  options: RequestOptions = {},
): Promise<{ status: number; value: T; headers: IncomingHttpHeaders }> {
  const answer = await httpRequest(url, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...(options.headers ?? {}) },
  });
  return { status: answer.status, value: JSON.parse(answer.text) as T, headers: answer.headers };
}

/** The `<MessageId>` of an iSAMS error body. */
export function messageId(xml: string): string | undefined {
  return /<MessageId>([^<]*)<\/MessageId>/.exec(xml)?.[1];
}

export function filters(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8" ?>\r\n<Filters>${inner}</Filters>`;
}
