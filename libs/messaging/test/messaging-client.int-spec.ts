import { z } from 'zod';
import { buildEnvelope, defineContract } from '@isams-sync/contracts';
import { MessagingClient, DEAD_LETTER_HEADERS, type HandlerOutcome } from '@isams-sync/messaging';
import { PermanentError, RetryableError } from '@isams-sync/resilience';
import { BrokerProbe, TEST_AMQP_URL, startTcpProxy, testLogger, uniqueName, waitFor } from '@isams-sync/testing';

const pingV1 = defineContract(
  'ping',
  1,
  'ping.v1',
  z.object({ n: z.number().int(), behaviour: z.enum(['ok', 'permanent', 'retry-once', 'retry-always']) }),
);
type Ping = z.infer<typeof pingV1.data>;

describe('MessagingClient against the real RabbitMQ', () => {
  let prefix: string;
  let probe: BrokerProbe;
  let client: MessagingClient;
  const handled: Array<{ n: number; attempt: number }> = [];
  const failedOnce = new Set<number>();

  const queueName = 'test.ping';
  const envelope = (data: Ping) => buildEnvelope(pingV1, { schoolId: 'school-a', data });

  async function handle(message: { data: Ping }, ctx: { attempt: number }): Promise<HandlerOutcome> {
    const { n, behaviour } = message.data;
    if (behaviour === 'permanent') throw new PermanentError(`record ${n} has no id`, { runId: 'run-9' });
    if (behaviour === 'retry-always') throw new RetryableError('iSAMS deadlock');
    if (behaviour === 'retry-once' && !failedOnce.has(n)) {
      failedOnce.add(n);
      throw new RetryableError('lock request time out');
    }
    handled.push({ n, attempt: ctx.attempt });
    return 'done';
  }

  beforeAll(async () => {
    prefix = `${uniqueName('msg')}.`;
    probe = await BrokerProbe.connect();
    client = new MessagingClient({ url: TEST_AMQP_URL, prefix, prefetch: 5, app: 'test', logger: testLogger() });
    await client.ready();
    await client.consume({
      name: queueName,
      exchange: 'internal',
      contract: pingV1,
      maxAttempts: 3,
      backoff: { baseMs: 20, capMs: 50 },
      handle,
    });
  });

  afterAll(async () => {
    await client.close();
    const t = client.topology;
    await probe.deleteQueues(
      [t.queue(queueName), t.deadLetterQueue(queueName), t.retryQueue(queueName)],
      [t.exchange('internal'), t.exchange('public'), t.deadLetterExchange],
    );
    await probe.close();
  });

  it('consumes a published contract message and acks it', async () => {
    await client.publish('internal', pingV1.routingKey, envelope({ n: 1, behaviour: 'ok' }));
    await waitFor('message 1 handled', () => handled.some((h) => h.n === 1));
    await waitFor(
      'queue empty (acked)',
      async () => (await probe.messageCount(client.topology.queue(queueName))) === 0,
    );
  });

  it('dead-letters an invalid message with the reason and the school', async () => {
    const bad = { ...envelope({ n: 2, behaviour: 'ok' }), data: { n: 'two' } };
    await probe.publishRaw(client.topology.exchange('internal'), pingV1.routingKey, JSON.stringify(bad));
    const dead = await probe.take(client.topology.deadLetterQueue(queueName));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toMatch(
      /does not match ping\.v1: data\.n: Expected number/,
    );
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('school-a');
    expect(JSON.parse(dead.content.toString())).toEqual(bad);
  });

  it('dead-letters a message that is not JSON at all', async () => {
    await probe.publishRaw(client.topology.exchange('internal'), pingV1.routingKey, '<not json');
    const dead = await probe.take(client.topology.deadLetterQueue(queueName));
    expect(String(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason])).toMatch(/not valid JSON/);
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.schoolId]).toBe('unknown');
  });

  it('dead-letters a permanent failure at once with the run id', async () => {
    await client.publish('internal', pingV1.routingKey, envelope({ n: 3, behaviour: 'permanent' }));
    const dead = await probe.take(client.topology.deadLetterQueue(queueName));
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason]).toBe('record 3 has no id');
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.runId]).toBe('run-9');
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.attempts]).toBe(1);
  });

  it('retries a retryable failure through the retry queue and then succeeds', async () => {
    await client.publish('internal', pingV1.routingKey, envelope({ n: 4, behaviour: 'retry-once' }));
    const h = await waitFor('message 4 handled after a retry', () => handled.find((x) => x.n === 4));
    expect(h.attempt).toBe(1);
  });

  it('gives up after maxAttempts and dead-letters with the count', async () => {
    await client.publish('internal', pingV1.routingKey, envelope({ n: 5, behaviour: 'retry-always' }));
    const dead = await probe.take(client.topology.deadLetterQueue(queueName));
    expect(dead.properties.headers?.[DEAD_LETTER_HEADERS.reason]).toBe('gave up after 3 attempts: iSAMS deadlock');
  });

  it('keeps handling other messages while one is failing', async () => {
    await client.publish('internal', pingV1.routingKey, envelope({ n: 6, behaviour: 'retry-always' }));
    await client.publish('internal', pingV1.routingKey, envelope({ n: 7, behaviour: 'ok' }));
    await waitFor('message 7 handled', () => handled.some((h) => h.n === 7));
    await probe.take(client.topology.deadLetterQueue(queueName));
  });
});

describe('MessagingClient when the broker connection drops', () => {
  it('reconnects, re-declares its consumer and resumes consuming', async () => {
    const url = new URL(TEST_AMQP_URL);
    const proxy = await startTcpProxy(url.hostname, Number(url.port || 5672));
    const prefix = `${uniqueName('reconnect')}.`;
    const probe = await BrokerProbe.connect();
    const seen: number[] = [];
    const client = new MessagingClient({
      url: proxy.url(TEST_AMQP_URL),
      prefix,
      prefetch: 1,
      app: 'test',
      logger: testLogger(),
    });
    try {
      await client.ready();
      await client.consume({
        name: 'test.reconnect',
        exchange: 'internal',
        contract: pingV1,
        handle: async (m) => {
          seen.push(m.data.n);
          return 'done';
        },
      });
      await client.publish(
        'internal',
        pingV1.routingKey,
        buildEnvelope(pingV1, { schoolId: 's', data: { n: 1, behaviour: 'ok' } }),
      );
      await waitFor('first message', () => seen.includes(1));

      proxy.dropConnections();
      await waitFor('client notices the drop', () => !client.isConnected());
      // Published by someone else while we are away: must be consumed once we are back.
      await probe.publishRaw(
        client.topology.exchange('internal'),
        pingV1.routingKey,
        JSON.stringify(buildEnvelope(pingV1, { schoolId: 's', data: { n: 2, behaviour: 'ok' } })),
      );
      await waitFor('client reconnected', () => client.isConnected(), 20_000);
      await waitFor('message published during the outage consumed', () => seen.includes(2), 20_000);
      await client.publish(
        'internal',
        pingV1.routingKey,
        buildEnvelope(pingV1, { schoolId: 's', data: { n: 3, behaviour: 'ok' } }),
      );
      await waitFor('message after reconnect consumed', () => seen.includes(3));
    } finally {
      await client.close();
      const t = client.topology;
      await probe.deleteQueues(
        [t.queue('test.reconnect'), t.deadLetterQueue('test.reconnect'), t.retryQueue('test.reconnect')],
        [t.exchange('internal'), t.exchange('public'), t.deadLetterExchange],
      );
      await probe.close();
      await proxy.close();
    }
  });
});
