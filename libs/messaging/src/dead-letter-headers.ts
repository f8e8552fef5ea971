/** Headers a dead-lettered message carries so a person can see whose it was and why it failed. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-isams-sync-reason',
  errorClass: 'x-isams-sync-error',
  queue: 'x-isams-sync-queue',
  schoolId: 'x-isams-sync-school-id',
  runId: 'x-isams-sync-run-id',
  correlationId: 'x-isams-sync-correlation-id',
  attempts: 'x-isams-sync-attempts',
  failedAt: 'x-isams-sync-failed-at',
} as const;

/** Counts retries through the retry queue (the broker's own delivery count covers redeliveries). */
export const ATTEMPT_HEADER = 'x-isams-sync-attempt';
