import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';

/** What support sees of one dead-lettered message: whose it was, why it failed, and what it was. */
export interface DeadLetterView {
  id: string;
  type: string;
  schoolId: string;
  runId: string;
  correlationId: string;
  reason: string;
  error: string;
  attempts: number;
  /** the work queue it failed on, where a replay sends it back */
  queue: string;
  failedAt: string;
  ageSeconds: number | null;
  replayedBy?: string;
}

export interface RawDeadLetter {
  content: Buffer;
  properties: { messageId?: string; type?: string; headers?: Record<string, unknown> };
}

/** Header written by `dlq replay`, so a message that comes back again shows it was replayed, and by whom. */
export const REPLAYED_BY_HEADER = 'x-isams-sync-replayed-by';

const text = (value: unknown) =>
  value === undefined || value === null ? '' : Buffer.isBuffer(value) ? value.toString('utf8') : String(value);

export function deadLetterView(message: RawDeadLetter, deadLetterQueue: string, now: Date): DeadLetterView {
  const headers = message.properties.headers ?? {};
  let envelope: Record<string, unknown> = {};
  try {
    envelope = JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;
  } catch {
    // not JSON: the reason header says so; the ids come from the headers alone
  }
  const failedAt = text(headers[DEAD_LETTER_HEADERS.failedAt]);
  const at = Date.parse(failedAt);
  return {
    id: message.properties.messageId ?? text(envelope.eventId),
    type: message.properties.type ?? text(envelope.type),
    schoolId: text(headers[DEAD_LETTER_HEADERS.schoolId]) || text(envelope.schoolId) || 'unknown',
    runId: text(headers[DEAD_LETTER_HEADERS.runId]) || text((envelope.data as { runId?: unknown } | undefined)?.runId),
    correlationId: text(headers[DEAD_LETTER_HEADERS.correlationId]) || text(envelope.correlationId),
    reason:
      text(headers[DEAD_LETTER_HEADERS.reason]) ||
      'no reason recorded (dead-lettered by the broker: delivery limit or rejection)',
    error: text(headers[DEAD_LETTER_HEADERS.errorClass]),
    attempts: Number(headers[DEAD_LETTER_HEADERS.attempts] ?? 0) || 0,
    queue: text(headers[DEAD_LETTER_HEADERS.queue]) || deadLetterQueue.replace(/\.dlq$/, ''),
    failedAt,
    ageSeconds: Number.isNaN(at) ? null : Math.max(0, Math.round((now.getTime() - at) / 1000)),
    ...(headers[REPLAYED_BY_HEADER] ? { replayedBy: text(headers[REPLAYED_BY_HEADER]) } : {}),
  };
}

/** Headers for a replay: the dead-letter details go, the attempt count starts again, the replay is recorded. */
export function replayHeaders(
  headers: Record<string, unknown> | undefined,
  actor: string,
  now: Date,
): Record<string, unknown> {
  const dropped = new Set<string>([
    ...Object.values(DEAD_LETTER_HEADERS),
    'x-isams-sync-attempt',
    'x-death',
    'x-first-death-exchange',
    'x-first-death-queue',
    'x-first-death-reason',
    'x-last-death-exchange',
    'x-last-death-queue',
    'x-last-death-reason',
    'x-delivery-count',
  ]);
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([key]) => !dropped.has(key)));
  return { ...kept, [REPLAYED_BY_HEADER]: actor, 'x-isams-sync-replayed-at': now.toISOString() };
}
