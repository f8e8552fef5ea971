import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { dueNight } from '@isams-sync/calendar';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { MessagingClient } from '@isams-sync/messaging';
import { SchoolRepository, SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER, SERVICE_CONFIG } from '@isams-sync/platform';
import type { FetcherConfig } from '../config/fetcher.config';

/**
 * Every tick, each enabled school whose nightly window is open in its own timezone gets its night's
 * run. Every replica ticks; the run's unique key (`night:<local date>`) lets exactly one create it,
 * and only the creator asks for the fetch.
 */
@Injectable()
export class NightlySchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly schools: SchoolRepository,
    private readonly runs: SyncRunRepository,
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_CONFIG) private readonly config: FetcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SCHEDULER_ENABLED) return;
    this.timer = setInterval(() => void this.tick(new Date()), this.config.SCHEDULER_TICK_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns the runs this replica created (for tests and logs). */
  async tick(now: Date): Promise<string[]> {
    if (this.ticking) return [];
    this.ticking = true;
    const created: string[] = [];
    try {
      for (const school of await this.schools.list()) {
        if (!school.enabled) continue;
        const night = dueNight(now, school.timezone, school.nightlyWindow);
        if (!night) continue;
        const { run, created: isNew } = await this.runs.createOnce({
          schoolId: school.id,
          runKey: `night:${night}`,
          trigger: 'schedule',
          requestedBy: 'schedule',
          datasets: [],
          dryRun: false,
          correlationId: `night:${school.id}:${night}`,
          schoolDate: night,
        });
        if (!isNew) continue;
        created.push(run._id);
        this.logger.info(
          { schoolId: school.id, runId: run._id, correlationId: run.correlationId, night },
          'nightly run created',
        );
        await this.messaging.publish(
          'internal',
          syncRequestedV1.routingKey,
          buildEnvelope(syncRequestedV1, {
            schoolId: school.id,
            correlationId: run.correlationId,
            eventId: run._id,
            data: { trigger: 'schedule', requestedBy: 'schedule', dryRun: false, runId: run._id },
          }),
        );
      }
    } catch (error) {
      this.logger.error({ err: error }, 'nightly scheduler tick failed; the next tick tries again');
    } finally {
      this.ticking = false;
    }
    return created;
  }
}
