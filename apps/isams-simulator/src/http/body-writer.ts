import type { ServerResponse } from 'node:http';
import type { ActiveFault } from '@isams-sync/simulator';
import type { ResponsePlan } from './response-plan';

/** Bytes gathered before a write: big enough to be cheap, small enough to keep memory flat. */
export const WRITE_BUFFER_BYTES = 64 * 1024;

/** Byte chunks of about WRITE_BUFFER_BYTES from a plan's body, produced only as they are consumed. */
export function* bodyBuffers(body: ResponsePlan['body']): Generator<Buffer> {
  if (typeof body === 'string') {
    if (body.length > 0) yield Buffer.from(body, 'utf8');
    return;
  }
  let pending: string[] = [];
  let pendingLength = 0;
  for (const text of body) {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= WRITE_BUFFER_BYTES) {
      yield Buffer.from(pending.join(''), 'utf8');
      pending = [];
      pendingLength = 0;
    }
  }
  if (pendingLength > 0) yield Buffer.from(pending.join(''), 'utf8');
}

function gone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}

/**
 * Writes with backpressure: waits for `drain`, gives up when the client has gone. Even when the
 * socket takes everything, it lets the event loop turn between chunks, so one 30,000-pupil answer
 * never stalls the other requests (or a client in the same process) until it is finished.
 */
async function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (gone(res)) return false;
  if (res.write(chunk)) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return !gone(res);
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
  return !gone(res);
}

/** Writes until `limit` bytes have gone out; returns how many were written. */
async function writeUpTo(res: ServerResponse, body: ResponsePlan['body'], limit: number): Promise<number> {
  let written = 0;
  for (const chunk of bodyBuffers(body)) {
    if (written >= limit) break;
    const piece = chunk.length > limit - written ? chunk.subarray(0, limit - written) : chunk;
    if (!(await write(res, piece))) break;
    written += piece.length;
  }
  return written;
}

function flushed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => (res.writableLength === 0 ? resolve() : res.write('', () => resolve())));
}

/** Waits `ms`, or less if the client goes away (or the server closes) first: no timer outlives its response. */
export function pauseWhileConnected(res: ServerResponse, ms: number): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.on('close', done);
  });
}

/**
 * Sends a plan, shaped by at most one body fault:
 * - slow-drip: small writes with pauses between them;
 * - truncated-xml: a clean HTTP end after part of the body (the XML is cut mid-document);
 * - connection-reset: a TCP reset, before anything or after `afterBytes`;
 * - never-finish: headers and `afterBytes`, then silence until the client gives up.
 * Resolves when the simulator is done with the response (a never-finishing one stays open).
 */
export async function writePlan(
  res: ServerResponse,
  plan: ResponsePlan,
  fault: ActiveFault | undefined,
): Promise<void> {
  const kind = fault?.kind;
  if (kind === 'connection-reset' && !(fault?.afterBytes ?? 0)) {
    res.socket?.resetAndDestroy();
    return;
  }
  res.writeHead(plan.status, plan.headers);
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  switch (kind) {
    case undefined:
    case 'latency':
    case 'deadlock':
    case 'lock-timeout':
    case 'service-unavailable':
    case 'throttle-storm':
    case 'token-endpoint-down':
      for (const chunk of bodyBuffers(plan.body)) if (!(await write(res, chunk))) return;
      res.end();
      return;
    case 'slow-drip': {
      const size = fault?.chunkBytes ?? 64;
      const interval = fault?.intervalMs ?? 100;
      res.flushHeaders();
      for (const chunk of bodyBuffers(plan.body)) {
        for (let offset = 0; offset < chunk.length; offset += size) {
          if (!(await write(res, chunk.subarray(offset, offset + size)))) return;
          await pauseWhileConnected(res, interval);
        }
      }
      res.end();
      return;
    }
    case 'truncated-xml': {
      if (fault?.afterBytes !== undefined) {
        await writeUpTo(res, plan.body, fault.afterBytes);
      } else {
        // a fraction needs the whole length first: this one fault buffers the answer
        const whole = Buffer.concat([...bodyBuffers(plan.body)]);
        await write(res, whole.subarray(0, Math.floor(whole.length * (fault?.truncateAt ?? 0.5))));
      }
      res.end();
      return;
    }
    case 'connection-reset':
      await writeUpTo(res, plan.body, fault?.afterBytes ?? 0);
      await flushed(res);
      res.socket?.resetAndDestroy();
      return;
    case 'never-finish':
      res.flushHeaders();
      await writeUpTo(res, plan.body, fault?.afterBytes ?? 0);
      return;
  }
}
