import type { Channel } from 'amqplib';

/**
 * Every exchange and queue name, and the arguments they are declared with, in one place.
 * A prefix (empty in production) lets tests run against a shared broker without colliding.
 *
 *  internal topic exchange `isams-sync`          ← app-to-app messages (`snapshot.fetched.v1`, …)
 *  public topic exchange   `schoolsbuddy.events` ← events other services bind their own queues to
 *  dead-letter exchange    `isams-sync.dlx`      → `<queue>.dlq` for each consumer queue
 *  per consumer: `<queue>` (quorum, delivery limit, DLX) and `<queue>.retry` (classic, no consumer;
 *  messages wait out their per-message TTL there, then dead-letter straight back to `<queue>`).
 */
export type ExchangeRole = 'internal' | 'public';

export interface QueueSpec {
  /** Short name, e.g. `fetcher.sync-requested`. */
  name: string;
  exchange: ExchangeRole;
  routingKeys: readonly string[];
  /** Redeliveries the broker allows before dead-lettering (covers crashes mid-handler). */
  deliveryLimit: number;
}

export class Topology {
  readonly prefix: string;
  constructor(prefix = '') {
    this.prefix = prefix === '' || prefix.endsWith('.') ? prefix : `${prefix}.`;
  }

  exchange(role: ExchangeRole): string {
    return role === 'internal' ? `${this.prefix}isams-sync` : `${this.prefix}schoolsbuddy.events`;
  }

  get deadLetterExchange(): string {
    return `${this.prefix}isams-sync.dlx`;
  }

  queue(name: string): string {
    return `${this.prefix}isams-sync.${name}`;
  }

  deadLetterQueue(name: string): string {
    return `${this.queue(name)}.dlq`;
  }

  retryQueue(name: string): string {
    return `${this.queue(name)}.retry`;
  }

  async assertExchanges(channel: Channel): Promise<void> {
    await channel.assertExchange(this.exchange('internal'), 'topic', { durable: true });
    await channel.assertExchange(this.exchange('public'), 'topic', { durable: true });
    await channel.assertExchange(this.deadLetterExchange, 'direct', { durable: true });
  }

  async assertQueue(channel: Channel, spec: QueueSpec): Promise<void> {
    const queue = this.queue(spec.name);
    await this.assertExchanges(channel);
    await channel.assertQueue(queue, {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum',
        'x-delivery-limit': spec.deliveryLimit,
        'x-dead-letter-exchange': this.deadLetterExchange,
        'x-dead-letter-routing-key': queue,
      },
    });
    for (const key of spec.routingKeys) await channel.bindQueue(queue, this.exchange(spec.exchange), key);

    await channel.assertQueue(this.deadLetterQueue(spec.name), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await channel.bindQueue(this.deadLetterQueue(spec.name), this.deadLetterExchange, queue);

    // Classic, because per-message TTL is what spaces the retries out.
    await channel.assertQueue(this.retryQueue(spec.name), {
      durable: true,
      arguments: { 'x-queue-type': 'classic', 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
    });
  }
}
