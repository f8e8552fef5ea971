import amqplib, { type ChannelModel, type GetMessage } from 'amqplib';
import { TEST_AMQP_URL } from './test-env';
import { waitFor } from './wait-for';

/** A plain amqplib connection for tests to look into queues the way an operator would. */
export class BrokerProbe {
  private constructor(private readonly connection: ChannelModel) {}

  static async connect(url = TEST_AMQP_URL): Promise<BrokerProbe> {
    return new BrokerProbe(await amqplib.connect(url));
  }

  async messageCount(queue: string): Promise<number> {
    const channel = await this.connection.createChannel();
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await channel.close();
    }
  }

  /** Waits for one message on `queue` and takes it (acked). */
  async take(queue: string, timeoutMs = 15_000): Promise<GetMessage> {
    const channel = await this.connection.createChannel();
    try {
      return await waitFor(
        `a message on ${queue}`,
        async () => {
          const msg = await channel.get(queue, { noAck: true });
          return msg === false ? undefined : msg;
        },
        timeoutMs,
      );
    } finally {
      await channel.close();
    }
  }

  /** Binds a fresh exclusive queue to an exchange, as another SchoolsBuddy service would. */
  async listen(
    exchange: string,
    pattern: string,
  ): Promise<{ queue: string; messages: GetMessage[]; drain(): Promise<GetMessage[]> }> {
    const channel = await this.connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, pattern);
    const messages: GetMessage[] = [];
    return {
      queue,
      messages,
      drain: async () => {
        for (;;) {
          const msg = await channel.get(queue, { noAck: true });
          if (msg === false) return messages;
          messages.push(msg);
        }
      },
    };
  }

  async publishRaw(exchange: string, routingKey: string, body: string | Buffer): Promise<void> {
    const channel = await this.connection.createConfirmChannel();
    try {
      channel.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), { persistent: true });
      await channel.waitForConfirms();
    } finally {
      await channel.close();
    }
  }

  /** Deletes every queue and exchange whose name starts with `prefix` that the test declared. */
  async deleteQueues(queues: string[], exchanges: string[] = []): Promise<void> {
    const channel = await this.connection.createChannel();
    for (const q of queues) await channel.deleteQueue(q).catch(() => undefined);
    for (const e of exchanges) await channel.deleteExchange(e).catch(() => undefined);
    await channel.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
