import { DEAD_LETTER_HEADERS } from '@isams-sync/messaging';
import { deadLetterView, REPLAYED_BY_HEADER, replayHeaders } from './dead-letter.view';

const NOW = new Date('2026-11-30T12:00:00Z');
const envelope = {
  eventId: 'e1',
  type: 'dataset.normalised',
  schoolId: 'st-marys',
  correlationId: 'c1',
  data: { runId: 'r1' },
};
const headers = {
  [DEAD_LETTER_HEADERS.reason]: 'gave up after 5 attempts: run r1 is not stored yet',
  [DEAD_LETTER_HEADERS.errorClass]: 'RetryableError',
  [DEAD_LETTER_HEADERS.queue]: 'isams-sync.importer.dataset-normalised',
  [DEAD_LETTER_HEADERS.schoolId]: 'st-marys',
  [DEAD_LETTER_HEADERS.runId]: 'r1',
  [DEAD_LETTER_HEADERS.correlationId]: 'c1',
  [DEAD_LETTER_HEADERS.attempts]: 5,
  [DEAD_LETTER_HEADERS.failedAt]: '2026-11-30T11:00:00.000Z',
  'x-isams-sync-attempt': 4,
  'x-school-id': 'st-marys',
};

describe('deadLetterView', () => {
  it.each([
    [
      'a message our policy dead-lettered: school, run, reason and where it came from',
      {
        content: Buffer.from(JSON.stringify(envelope)),
        properties: { messageId: 'e1', type: 'dataset.normalised.v1', headers },
      },
      {
        id: 'e1',
        type: 'dataset.normalised.v1',
        schoolId: 'st-marys',
        runId: 'r1',
        reason: 'gave up after 5 attempts: run r1 is not stored yet',
        attempts: 5,
        queue: 'isams-sync.importer.dataset-normalised',
        ageSeconds: 3600,
      },
    ],
    [
      'one the broker dead-lettered (delivery limit): ids from the envelope, the queue from the DLQ name',
      { content: Buffer.from(JSON.stringify(envelope)), properties: { headers: {} } },
      {
        id: 'e1',
        type: 'dataset.normalised',
        schoolId: 'st-marys',
        runId: 'r1',
        queue: 'isams-sync.importer.dataset-normalised',
        ageSeconds: null,
        reason: expect.stringContaining('no reason recorded'),
      },
    ],
    [
      'a body that is not JSON',
      {
        content: Buffer.from('<xml/>'),
        properties: { headers: { [DEAD_LETTER_HEADERS.reason]: 'message is not valid JSON' } },
      },
      { id: '', schoolId: 'unknown', reason: 'message is not valid JSON' },
    ],
  ])('%s', (_name, message, expected) => {
    expect(deadLetterView(message, 'isams-sync.importer.dataset-normalised.dlq', NOW)).toMatchObject(expected);
  });
});

describe('replayHeaders', () => {
  it('drops the dead-letter details and the attempt count, keeps the rest, and records who replayed', () => {
    expect(replayHeaders(headers, 'cli:alice', NOW)).toEqual({
      'x-school-id': 'st-marys',
      [REPLAYED_BY_HEADER]: 'cli:alice',
      'x-isams-sync-replayed-at': NOW.toISOString(),
    });
  });
});
