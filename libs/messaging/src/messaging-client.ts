import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { Logger } from 'pino';
import type { Counter, Registry } from 'prom-client';
import type { z } from 'zod';
import type { Contract, Envelope } from '@isams-sync/contracts';
import { counterOn, gaugeOn, METRICS } from '@isams-sync/observability';
import {
  DEFAULT_BACKOFF,
  backoffDelayMs,
  type BackoffPolicy,
  isPermanent,
  PermanentError,
  RetryableError,
} from '@isams-sync/resilience';
import { ATTEMPT_HEADER, DEAD_LETTER_HEADERS } from './dead-letter-headers';
import { type ExchangeRole, Topology } from './topology';

export interface MessagingOptions {
  url: string;
  /** Prefix for every exchange and queue name; empty in production. */
  prefix: string;
  prefetch: number;
  app: string;
  logger: Logger;
  /** How long a publish may wait for a broker that is down before it fails. */
  publishTimeoutMs?: number;
  /** Where retries, dead-letters and the dead-letter queues' depth are counted (services; the CLI has none). */
  registry?: Registry;
}

export type HandlerOutcome = 'done' | 'skipped';

export interface MessageContext {
  /** The broker says this delivery was attempted before (crash or lost ack). */
  redelivered: boolean;
  /** 0 on the first try, counting retries through the retry queue. */
  attempt: number;
}

export interface ConsumerSpec<T extends z.ZodTypeAny> {
  /** Short queue name, e.g. `fetcher.sync-requested`. */
  name: string;
  exchange: ExchangeRole;
  contract: Contract<T>;
  /** Bindings; defaults to the contract's routing key. */
  routingKeys?: readonly string[];
  /** Tries (first + retries) for a RetryableError before the message is dead-lettered. */
  maxAttempts?: number;
  deliveryLimit?: number;
  backoff?: BackoffPolicy;
  handle(message: Envelope<z.infer<T>>, context: MessageContext): Promise<HandlerOutcome>;
}

interface ActiveConsumer {
  name: string;
  channel?: Channel;
  consumerTag?: string;
  wrapper: ChannelWrapper;
}

/**
 * The one way apps talk to RabbitMQ: declares the topology on every (re)connect, publishes
 * persistent messages and resolves only when the broker confirms them, and consumes with manual
 * acks after the handler's work is done. Failures follow one policy: RetryableError → delayed retry
 * with a bounded attempt count; PermanentError or an invalid message → dead-letter queue with the
 * reason, school and run in headers. Never requeues forever.
 */
export class MessagingClient {
  readonly topology: Topology;
  private readonly connection: AmqpConnectionManager;
  private readonly publisher: ChannelWrapper;
  private readonly consumers: ActiveConsumer[] = [];
  private inFlight = 0;
  private drained: Array<() => void> = [];
  private stopping = false;
  private readonly counters?: { retried: Counter<string>; deadLettered: Counter<string> };

  constructor(private readonly options: MessagingOptions) {
    this.topology = new Topology(options.prefix);
    this.connection = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: 5,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: `isams-sync ${options.app}` } },
    });
    this.connection.on('connect', () => options.logger.info({ event: 'amqp.connected' }, 'connected to RabbitMQ'));
    this.connection.on('disconnect', ({ err }) =>
      options.logger.warn(
        { event: 'amqp.disconnected', err: err?.message },
        'lost the RabbitMQ connection; reconnecting',
      ),
    );
    this.publisher = this.connection.createChannel({
      name: `${options.app}.publisher`,
      confirm: true,
      publishTimeout: options.publishTimeoutMs ?? 30_000,
      setup: (channel: ConfirmChannel) => this.topology.assertExchanges(channel),
    });
    if (options.registry) this.counters = this.metricsOn(options.registry);
  }

  /** Short names of the queues this client consumes (`importer.dataset-settled`, …). */
  consumedQueues(): string[] {
    return this.consumers.map((c) => c.name);
  }

  private metricsOn(registry: Registry): { retried: Counter<string>; deadLettered: Counter<string> } {
    gaugeOn(registry, METRICS.deadLetterMessages, async (gauge) => {
      gauge.reset();
      if (!this.isConnected()) return;
      for (const name of this.consumedQueues()) {
        const queue = this.topology.deadLetterQueue(name);
        const depth = await this.publisher.checkQueue(queue).then(
          (q) => q.messageCount,
          () => undefined,
        );
        if (depth !== undefined) gauge.set({ queue }, depth);
      }
    });
    return {
      retried: counterOn(registry, METRICS.messagesRetried),
      deadLettered: counterOn(registry, METRICS.messagesDeadLettered),
    };
  }

  isConnected(): boolean {
    return this.connection.isConnected();
  }

  /** Resolves once connected and the publisher's topology is declared. */
  async ready(timeoutMs = 15_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`RabbitMQ not reachable within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.publisher.waitForConnect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Publishes one envelope; resolves when the broker has confirmed it (persistent, so it survives a broker restart). */
  async publish<T>(
    role: ExchangeRole,
    routingKey: string,
    envelope: Envelope<T>,
    headers: Record<string, string> = {},
  ): Promise<void> {
    await this.publisher.publish(this.topology.exchange(role), routingKey, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.eventId,
      correlationId: envelope.correlationId,
      type: `${envelope.type}.v${envelope.version}`,
      timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
      appId: this.options.app,
      headers: { 'x-school-id': envelope.schoolId, ...headers },
    });
  }

  /** Declares the consumer's queues and starts consuming; re-established after every reconnect. */
  async consume<T extends z.ZodTypeAny>(spec: ConsumerSpec<T>): Promise<void> {
    const queueSpec = {
      name: spec.name,
      exchange: spec.exchange,
      routingKeys: spec.routingKeys ?? [spec.contract.routingKey],
      deliveryLimit: spec.deliveryLimit ?? 10,
    };
    const active: ActiveConsumer = { name: spec.name, wrapper: undefined as unknown as ChannelWrapper };
    active.wrapper = this.connection.createChannel({
      name: `${this.options.app}.${spec.name}`,
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        await this.topology.assertQueue(channel, queueSpec);
        await channel.prefetch(this.options.prefetch);
        if (this.stopping) return;
        const { consumerTag } = await channel.consume(this.topology.queue(spec.name), (msg) => {
          if (msg) void this.onMessage(spec, channel, msg);
        });
        active.channel = channel;
        active.consumerTag = consumerTag;
      },
    });
    this.consumers.push(active);
    await active.wrapper.waitForConnect();
  }

  /** Stops taking new messages, waits (bounded) for in-flight handlers, then closes the connection. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.consumers.map(async (c) => {
        if (c.channel && c.consumerTag) await c.channel.cancel(c.consumerTag).catch(() => undefined);
      }),
    );
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.drained.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await Promise.all(this.consumers.map((c) => c.wrapper.close().catch(() => undefined)));
    await this.publisher.close().catch(() => undefined);
    await this.connection.close();
  }

  private async onMessage<T extends z.ZodTypeAny>(
    spec: ConsumerSpec<T>,
    channel: Channel,
    msg: ConsumeMessage,
  ): Promise<void> {
    this.inFlight++;
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 0) || 0;
    let envelope: Envelope<z.infer<T>> | undefined;
    try {
      envelope = this.decode(spec, msg);
      const outcome = await spec.handle(envelope, { redelivered: msg.fields.redelivered, attempt });
      this.options.logger.debug(
        {
          schoolId: envelope.schoolId,
          runId: (envelope.data as { runId?: string } | undefined)?.runId,
          correlationId: envelope.correlationId,
          queue: spec.name,
          outcome,
        },
        'message handled',
      );
      this.settle(channel, msg, 'ack');
    } catch (error) {
      await this.handleFailure(spec, channel, msg, attempt, envelope, error);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.drained.splice(0).forEach((fn) => fn());
    }
  }

  private decode<T extends z.ZodTypeAny>(spec: ConsumerSpec<T>, msg: ConsumeMessage): Envelope<z.infer<T>> {
    let json: unknown;
    try {
      json = JSON.parse(msg.content.toString('utf8'));
    } catch (e) {
      throw new PermanentError(`message is not valid JSON: ${(e as Error).message}`);
    }
    const parsed = spec.contract.envelope.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      const schoolId =
        typeof (json as { schoolId?: unknown })?.schoolId === 'string'
          ? (json as { schoolId: string }).schoolId
          : undefined;
      throw new PermanentError(`message does not match ${spec.contract.type}.v${spec.contract.version}: ${issues}`, {
        schoolId,
      });
    }
    if (parsed.data.type !== spec.contract.type || parsed.data.version !== spec.contract.version) {
      throw new PermanentError(
        `expected ${spec.contract.type}.v${spec.contract.version}, got ${parsed.data.type}.v${parsed.data.version}`,
        { schoolId: parsed.data.schoolId },
      );
    }
    return parsed.data as Envelope<z.infer<T>>;
  }

  private async handleFailure<T extends z.ZodTypeAny>(
    spec: ConsumerSpec<T>,
    channel: Channel,
    msg: ConsumeMessage,
    attempt: number,
    envelope: Envelope<z.infer<T>> | undefined,
    error: unknown,
  ): Promise<void> {
    const err = error instanceof Error ? error : new Error(String(error));
    const context = (err as PermanentError | RetryableError).context ?? {};
    const schoolId = envelope?.schoolId ?? context.schoolId ?? 'unknown';
    const runId = context.runId ?? (envelope?.data as { runId?: string } | undefined)?.runId;
    const log = {
      schoolId,
      runId,
      correlationId: envelope?.correlationId,
      queue: spec.name,
      attempt,
      err: err.message,
    };
    const maxAttempts = spec.maxAttempts ?? 5;
    try {
      if (!isPermanent(err) && attempt + 1 < maxAttempts) {
        const retryAfterMs = err instanceof RetryableError ? err.retryAfterMs : undefined;
        const delay = backoffDelayMs(attempt, spec.backoff ?? DEFAULT_BACKOFF, Math.random, retryAfterMs);
        await this.publisher.sendToQueue(this.topology.retryQueue(spec.name), msg.content, {
          ...msg.properties,
          persistent: true,
          expiration: String(Math.max(1, delay)),
          headers: { ...msg.properties.headers, [ATTEMPT_HEADER]: attempt + 1 },
        });
        this.counters?.retried.inc({ queue: this.topology.queue(spec.name) });
        this.options.logger.warn({ ...log, retryInMs: delay }, 'handler failed; retrying later');
      } else {
        const reason = isPermanent(err) ? err.message : `gave up after ${attempt + 1} attempts: ${err.message}`;
        await this.publisher.publish(this.topology.deadLetterExchange, this.topology.queue(spec.name), msg.content, {
          ...msg.properties,
          persistent: true,
          headers: {
            ...msg.properties.headers,
            [DEAD_LETTER_HEADERS.reason]: reason,
            [DEAD_LETTER_HEADERS.errorClass]: err.name,
            [DEAD_LETTER_HEADERS.queue]: this.topology.queue(spec.name),
            [DEAD_LETTER_HEADERS.schoolId]: schoolId,
            [DEAD_LETTER_HEADERS.runId]: runId ?? '',
            [DEAD_LETTER_HEADERS.correlationId]: envelope?.correlationId ?? '',
            [DEAD_LETTER_HEADERS.attempts]: attempt + 1,
            [DEAD_LETTER_HEADERS.failedAt]: new Date().toISOString(),
          },
        });
        this.counters?.deadLettered.inc({ queue: this.topology.queue(spec.name) });
        this.options.logger.error({ ...log, reason }, 'message dead-lettered');
      }
      this.settle(channel, msg, 'ack');
    } catch (routingError) {
      // Could not park the message (broker gone?): leave it unacked so the broker redelivers it;
      // the queue's delivery limit bounds how often that can happen.
      this.options.logger.error(
        { ...log, routingError: (routingError as Error).message },
        'could not route a failed message',
      );
      this.settle(channel, msg, 'requeue');
    }
  }

  /** Acks on the channel the message came from; if that channel died, the broker redelivers instead. */
  private settle(channel: Channel, msg: ConsumeMessage, how: 'ack' | 'requeue'): void {
    try {
      if (how === 'ack') channel.ack(msg);
      else channel.nack(msg, false, true);
    } catch {
      // channel closed under us: nothing to settle, redelivery is the broker's job now
    }
  }
}
