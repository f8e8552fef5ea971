import amqplib, { type ChannelModel, type ConfirmChannel, type GetMessage } from 'amqplib';
import type { Topology } from '@isams-sync/messaging';
import { deadLetterView, type DeadLetterView, replayHeaders } from './dead-letter.view';

/** `--queue` as support has it from an alert or a log: the DLQ, its work queue, or the consumer's short name. */
export function deadLetterQueueName(topology: Topology, given: string): string {
  if (given.endsWith('.dlq')) return given;
  if (given.startsWith(topology.queue(''))) return `${given}.dlq`;
  return topology.deadLetterQueue(given);
}

export class UnknownQueueError extends Error {}

/**
 * A dead-letter queue, read the way the broker allows: messages are taken without an ack, looked at,
 * and either settled (replayed or purged) or handed back when the channel closes. Holding every taken
 * message until the end means each is seen once per command.
 */
export class DeadLetterQueue {
  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: ConfirmChannel,
    readonly name: string,
    readonly depth: number,
  ) {}

  static async open(url: string, name: string): Promise<DeadLetterQueue> {
    const connection = await amqplib.connect(url);
    // a failed checkQueue closes its channel: ask on a throwaway one
    const probe = await connection.createChannel();
    probe.on('error', () => undefined);
    let depth: number;
    try {
      depth = (await probe.checkQueue(name)).messageCount;
      await probe.close();
    } catch {
      await connection.close();
      throw new UnknownQueueError(
        `there is no queue ${name} on this broker (check --queue and MESSAGING_PREFIX; dead-letter queues end in .dlq)`,
      );
    }
    return new DeadLetterQueue(connection, await connection.createConfirmChannel(), name, depth);
  }

  /** Whether a queue exists (a replay must not send a message where nothing consumes it). */
  async queueExists(name: string): Promise<boolean> {
    const probe = await this.connection.createChannel();
    probe.on('error', () => undefined);
    try {
      await probe.checkQueue(name);
      await probe.close();
      return true;
    } catch {
      return false;
    }
  }

  /** Up to `limit` messages, oldest first, each with its view; none is settled yet. */
  async take(limit: number, now = new Date()): Promise<Array<{ message: GetMessage; view: DeadLetterView }>> {
    const taken: Array<{ message: GetMessage; view: DeadLetterView }> = [];
    while (taken.length < limit) {
      const message = await this.channel.get(this.name, { noAck: false });
      if (message === false) break;
      taken.push({ message, view: deadLetterView(message, this.name, now) });
    }
    return taken;
  }

  /** Sends the message back to the work queue it failed on (confirmed), then removes it from here. */
  async replay(message: GetMessage, view: DeadLetterView, actor: string, now = new Date()): Promise<void> {
    const { headers, ...properties } = message.properties;
    await new Promise<void>((resolve, reject) => {
      this.channel.sendToQueue(
        view.queue,
        message.content,
        { ...properties, persistent: true, headers: replayHeaders(headers, actor, now) },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    this.channel.ack(message);
  }

  purge(message: GetMessage): void {
    this.channel.ack(message);
  }

  /** Messages taken and not settled go back to the queue. */
  async close(): Promise<void> {
    await this.channel.close().catch(() => undefined);
    await this.connection.close().catch(() => undefined);
  }
}
