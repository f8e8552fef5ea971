import { describeEvent, eventKey, formatRun, summariseEvents, summariseRun } from './demo-summary';
import type { TappedEvent } from './event-tap';

const userEvent = (change: string, extra: Record<string, unknown> = {}): TappedEvent => ({
  routingKey: 'user.changed.student',
  eventId: `e-${change}-${JSON.stringify(extra)}`,
  data: {
    kind: 'student',
    change,
    changedFields: ['form'],
    user: { forename: 'Ada', surname: 'Lovelace', email: 'ada@example.org', yearGroup: 'Year 7', form: '7A' },
    runId: 'r1',
    ...extra,
  },
});

describe('summariseRun', () => {
  it('reads counts, findings per kind and failed datasets from a stored report', () => {
    const run = summariseRun('First sync', 'r1', 12.3456, {
      outcome: 'partial',
      heldReasons: [],
      counts: {
        students: { created: 400, withoutLogin: 380 },
        parents: { created: 600 },
        staff: { created: 50, reactivated: 1 },
      },
      findings: { 'email.invalid': { count: 3, items: [] }, 'email.shared': { count: 2 } },
      datasets: [
        { dataset: 'contacts', status: 'failed', stage: 'fetch', reason: 'connection reset' },
        { dataset: 'pupils', status: 'normalised' },
      ],
      eventsPublished: 1051,
      userWrites: 1050,
    });
    expect(run).toMatchObject({
      outcome: 'partial',
      seconds: 12.346,
      eventsPublished: 1051,
      userWrites: 1050,
      findings: { 'email.invalid': 3, 'email.shared': 2 },
    });
    expect(run.counts.students).toEqual({
      created: 400,
      updated: 0,
      unchanged: 0,
      deactivated: 0,
      reactivated: 0,
      withoutLogin: 380,
    });
    expect(run.counts.staff.reactivated).toBe(1);
    expect(run.failedDatasets).toEqual(['contacts (fetch: connection reset)']);
  });

  it.each([
    [{}, 'unknown', 0],
    [{ outcome: 'held', eventsPublished: 'x' }, 'held', 0],
  ])('defaults what a report lacks (%j)', (report, outcome, events) => {
    const run = summariseRun('x', 'r', 1, report);
    expect(run.outcome).toBe(outcome);
    expect(run.eventsPublished).toBe(events);
    expect(run.counts.parents.created).toBe(0);
  });

  it('prints one table row per user kind and the held reasons', () => {
    const lines = formatRun(summariseRun('Run', 'r', 1, { outcome: 'held', heldReasons: ['pupils shrank by 50%'] }));
    expect(lines.join('\n')).toMatch(/HELD/);
    expect(lines.join('\n')).toMatch(/held because: pupils shrank by 50%/);
    expect(lines.filter((l) => /^\s+(students|parents|staff)\s/.test(l))).toHaveLength(3);
  });
});

describe('events', () => {
  it.each<[TappedEvent, string]>([
    [userEvent('created'), 'user.changed.student created'],
    [
      {
        routingKey: 'group.changed',
        eventId: 'g',
        data: { kind: 'form', name: '7A', addedUserIds: ['a'], removedUserIds: [] },
      },
      'group.changed form',
    ],
    [
      {
        routingKey: 'attendance.changed',
        eventId: 'a',
        data: { session: 'AM', status: 'absent_unauthorised', isamsId: 'P1', code: 'N' },
      },
      'attendance.changed AM absent_unauthorised',
    ],
    [{ routingKey: 'something.else', eventId: 's', data: {} }, 'something.else'],
  ])('counts %j under %s', (event, key) => {
    expect(eventKey(event)).toBe(key);
  });

  it('describes a user by name, year and form, never by email', () => {
    const line = describeEvent(userEvent('updated'));
    expect(line).toBe('student updated: Ada Lovelace (Year 7, 7A) [form]');
    expect(line).not.toMatch(/@/);
  });

  it('counts per key and keeps one example per key', () => {
    const summary = summariseEvents([
      userEvent('created', { n: 1 }),
      userEvent('created', { n: 2 }),
      userEvent('deactivated'),
    ]);
    expect(summary.total).toBe(3);
    expect(summary.byKey).toEqual({ 'user.changed.student created': 2, 'user.changed.student deactivated': 1 });
    expect(summary.examples).toHaveLength(2);
  });
});
