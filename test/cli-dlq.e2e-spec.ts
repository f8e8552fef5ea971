import { z } from 'zod';
import { buildEnvelope, defineContract } from '@isams-sync/contracts';
import { type HandlerOutcome, MessagingClient } from '@isams-sync/messaging';
import { createMetricsRegistry } from '@isams-sync/observability';
import { PermanentError } from '@isams-sync/resilience';
import { BrokerProbe, TEST_AMQP_URL, testLogger, uniqueName, waitFor } from '@isams-sync/testing';
import { captureCli } from './support/capture-cli';

const stepV1 = defineContract('test.step', 1, 'test.step.v1', z.object({ runId: z.string(), n: z.number().int() }));
const QUEUE = 'importer.test-step';

/**
 * Support without database or broker shell: a real consumer dead-letters a school's message, and
 * `isams-sync dlq` lists it (school, run, reason), shows it, refuses to replay without --yes, replays
 * it to its queue (where it now succeeds) and purges another, over the real RabbitMQ.
 */
describe('isams-sync dlq against the real RabbitMQ', () => {
  const prefix = `${uniqueName('dlq')}.`;
  const handled: number[] = [];
  let healed = false;
  let client: MessagingClient;
  let probe: BrokerProbe;
  const registry = createMetricsRegistry('importer');
  const env = {
    AMQP_URL: TEST_AMQP_URL,
    MESSAGING_PREFIX: prefix.replace(/\.$/, ''),
    ISAMS_SYNC_ACTOR: 'support-carol',
  };
  const cli = (args: string[]) => captureCli(['dlq', ...args], env);

  async function handle(message: { data: { n: number; runId: string } }): Promise<HandlerOutcome> {
    if (!healed) throw new PermanentError(`run ${message.data.runId} refers to a dataset that is not stored`);
    handled.push(message.data.n);
    return 'done';
  }

  beforeAll(async () => {
    probe = await BrokerProbe.connect();
    client = new MessagingClient({
      url: TEST_AMQP_URL,
      prefix,
      prefetch: 5,
      app: 'importer',
      logger: testLogger(),
      registry,
    });
    await client.ready();
    await client.consume({ name: QUEUE, exchange: 'internal', contract: stepV1, handle });
    for (const [schoolId, n] of [
      ['st-marys', 1],
      ['oakwood', 2],
    ] as const) {
      await client.publish(
        'internal',
        stepV1.routingKey,
        buildEnvelope(stepV1, { schoolId, data: { runId: `run-${n}`, n } }),
      );
    }
    await waitFor(
      'two dead letters',
      async () => (await probe.messageCount(client.topology.deadLetterQueue(QUEUE))) === 2,
    );
  });

  afterAll(async () => {
    await client.close();
    const t = client.topology;
    await probe.deleteQueues(
      [t.queue(QUEUE), t.deadLetterQueue(QUEUE), t.retryQueue(QUEUE)],
      [t.exchange('internal'), t.exchange('public'), t.deadLetterExchange],
    );
    await probe.close();
  });

  it('counts the dead letters and their waiting depth as metrics', async () => {
    const text = await registry.metrics();
    expect(text).toContain(
      `isams_sync_messages_dead_lettered_total{queue="${client.topology.queue(QUEUE)}",app="importer"} 2`,
    );
    expect(text).toContain(
      `isams_sync_dead_letter_messages{queue="${client.topology.deadLetterQueue(QUEUE)}",app="importer"} 2`,
    );
  });

  it('lists each message with its school, run and reason, and leaves them waiting', async () => {
    const ran = await cli(['list', '--queue', QUEUE]);
    expect(ran.code).toBe(0);
    expect(ran.out).toContain(`${client.topology.deadLetterQueue(QUEUE)}: 2 message(s) waiting`);
    expect(ran.out).toMatch(/st-marys\s+run-1\s+\S+\s+1\s+run run-1 refers to a dataset that is not stored/);
    expect(ran.out).toMatch(/oakwood\s+run-2/);
    const json = JSON.parse((await cli(['list', '--queue', client.topology.deadLetterQueue(QUEUE), '--json'])).out);
    expect(json.messages.map((m: { schoolId: string }) => m.schoolId).sort()).toEqual(['oakwood', 'st-marys']);
    expect(json.messages[0]).toMatchObject({ error: 'PermanentError', queue: client.topology.queue(QUEUE) });
    expect(await probe.messageCount(client.topology.deadLetterQueue(QUEUE))).toBe(2);
  });

  it('shows one message in full', async () => {
    const { messages } = JSON.parse((await cli(['list', '--queue', QUEUE, '--json'])).out);
    const stMarys = messages.find((m: { schoolId: string }) => m.schoolId === 'st-marys');
    const shown = JSON.parse((await cli(['show', '--queue', QUEUE, '--id', stMarys.id, '--json'])).out);
    expect(shown).toMatchObject({
      id: stMarys.id,
      schoolId: 'st-marys',
      body: { schoolId: 'st-marys', data: { runId: 'run-1', n: 1 } },
    });
    expect((await cli(['show', '--queue', QUEUE, '--id', 'no-such-message'])).code).toBe(1);
  });

  it('replays only with --yes, back to its queue, recording who replayed it', async () => {
    const { messages } = JSON.parse((await cli(['list', '--queue', QUEUE, '--json'])).out);
    const stMarys = messages.find((m: { schoolId: string }) => m.schoolId === 'st-marys');
    const unconfirmed = await cli(['replay', '--queue', QUEUE, '--id', stMarys.id]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toContain('add --yes to confirm');
    healed = true;
    const ran = await cli(['replay', '--queue', QUEUE, '--id', stMarys.id, '--yes']);
    expect(ran.code).toBe(0);
    expect(ran.out).toBe(
      `replayed ${stMarys.id} (school st-marys, run run-1) to ${client.topology.queue(QUEUE)} by cli:support-carol`,
    );
    await waitFor('the replayed message handled', () => handled.includes(1));
    expect(await probe.messageCount(client.topology.deadLetterQueue(QUEUE))).toBe(1);
  });

  it('purges the other one', async () => {
    const ran = await cli(['purge', '--queue', QUEUE, '--yes', '--json']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.out)).toMatchObject({
      purged: [{ schoolId: 'oakwood', runId: 'run-2' }],
      by: 'cli:support-carol',
    });
    expect(await probe.messageCount(client.topology.deadLetterQueue(QUEUE))).toBe(0);
    expect(handled).toEqual([1]);
  });

  it('names a queue that does not exist', async () => {
    const ran = await cli(['list', '--queue', 'nobody.here']);
    expect(ran.code).toBe(1);
    expect(ran.err).toContain(`there is no queue ${prefix}isams-sync.nobody.here.dlq`);
  });
});
