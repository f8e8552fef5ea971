import amqplib, { type Channel, type ChannelModel } from 'amqplib';

/** One public event as another SchoolsBuddy service receives it. */
export interface TappedEvent {
  routingKey: string;
  eventId: string;
  data: Record<string, unknown>;
}

/**
 * An exclusive queue bound to the public exchange, as another SchoolsBuddy service would bind
 * one: it counts and keeps every event the system publishes, once per `eventId` (the outbox may
 * re-send after a crash; a consumer that dedupes on `eventId` sees each change once).
 */
export class EventTap {
  readonly events: TappedEvent[] = [];
  private readonly seen = new Set<string>();
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async open(amqpUrl: string, exchange: string): Promise<EventTap> {
    const connection = await amqplib.connect(amqpUrl);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, '#');
    const tap = new EventTap(connection, channel);
    await channel.consume(queue, (msg) => msg && tap.take(msg.fields.routingKey, msg.content), { noAck: true });
    return tap;
  }

  private take(routingKey: string, content: Buffer): void {
    let body: { eventId?: string; data?: Record<string, unknown> };
    try {
      body = JSON.parse(content.toString('utf8')) as typeof body;
    } catch {
      return;
    }
    const eventId = body.eventId ?? `${routingKey}:${this.events.length}`;
    if (this.seen.has(eventId)) return;
    this.seen.add(eventId);
    this.events.push({ routingKey, eventId, data: body.data ?? {} });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Events seen so far that match `filter`. */
  matching(filter: (event: TappedEvent) => boolean): TappedEvent[] {
    return this.events.filter(filter);
  }

  /** Resolves once `count` events match `filter`, or after `timeoutMs` with what arrived. */
  async waitFor(filter: (event: TappedEvent) => boolean, count: number, timeoutMs: number): Promise<TappedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.matching(filter);
      const left = deadline - Date.now();
      if (found.length >= count || left <= 0) return found;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
