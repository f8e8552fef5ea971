import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { MessagingClient } from '@isams-sync/messaging';
import { PhaseTimer } from '@isams-sync/observability';
import { OutboxRepository } from '@isams-sync/persistence';
import { LOGGER, RunMetrics, SERVICE_CONFIG } from '@isams-sync/platform';
import { KeyedSemaphore } from '@isams-sync/resilience';
import type { ImporterConfig } from '../config/importer.config';
import { runsOf } from './outbox-runs';

/** Publishes awaiting their broker confirm at once. */
const PUBLISH_WINDOW = 500;

/**
 * Publishes what the outboxes hold and clears them once the broker confirmed. Runs after every
 * import and on a timer, so events written just before a crash still go out when an importer runs
 * again. At least once: consumers dedupe on the deterministic eventId.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  /** One relay pass per school at a time in this process (an import's own pass and the sweep). */
  private readonly perSchool = new KeyedSemaphore(1);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly messaging: MessagingClient,
    private readonly metrics: RunMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ImporterConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.OUTBOX_SWEEP_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Publishes every pending event of one school; returns how many were published. `run` names the
   * import this pass belongs to; a sweep's lines name the runs the events came from instead.
   */
  async publishPending(schoolId: string, run?: { runId: string; correlationId: string }): Promise<number> {
    const release = await this.perSchool.acquire(schoolId);
    try {
      const timer = new PhaseTimer();
      const pending = await this.outbox.pendingOutbox(schoolId);
      timer.lap('read');
      const events = pending.flatMap((doc) => doc.events);
      // The channel sends in call order, so a window of unconfirmed publishes keeps each user's
      // events in version order while the broker's confirms overlap instead of costing a round trip each.
      for (let i = 0; i < events.length; i += PUBLISH_WINDOW) {
        await Promise.all(
          events
            .slice(i, i + PUBLISH_WINDOW)
            .map((event) => this.messaging.publish('public', event.routingKey, event.envelope as never)),
        );
      }
      const published = events.length;
      timer.lap('publish');
      for (const collection of ['users', 'groups'] as const) {
        await this.outbox.clearOutboxes(
          collection,
          pending.filter((d) => d.collection === collection),
        );
      }
      timer.lap('clear');
      this.metrics.eventsPublished(published);
      if (published && run)
        this.logger.info({ schoolId, ...run, published, timingsMs: timer.toJSON() }, 'outbox events published');
      else if (published)
        for (const line of runsOf(events))
          this.logger.info(
            { schoolId, ...line, timingsMs: timer.toJSON() },
            'outbox relay published events left from an earlier import',
          );
      return published;
    } finally {
      release();
    }
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const schoolId of await this.outbox.schoolsWithPendingOutbox()) {
        await this.publishPending(schoolId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox sweep failed; the next sweep tries again');
    } finally {
      this.sweeping = false;
    }
  }
}
