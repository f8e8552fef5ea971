import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AttendanceRepository, SchoolRepository } from '@isams-sync/persistence';
import { LOGGER, SERVICE_CONFIG } from '@isams-sync/platform';
import type { AttendanceConfig } from '../config/attendance.config';
import { PullAttendanceService, type PullResult } from '../pull-attendance/pull-attendance.service';
import { dueSlots } from './due-slots';

const INTERVAL_NAME = 'attendance-slots';
const PURGE_EVERY_MS = 3_600_000;

/**
 * Twice a day per school, in its own timezone. Every replica ticks; each due slot is claimed
 * through its unique key, so exactly one replica pulls it. Schools without REST credentials or
 * register ids are never scheduled.
 */
@Injectable()
export class AttendanceSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private ticking?: Promise<unknown>;
  private lastPurge = 0;

  constructor(
    private readonly schools: SchoolRepository,
    private readonly attendance: AttendanceRepository,
    private readonly pullAttendance: PullAttendanceService,
    private readonly registry: SchedulerRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: AttendanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.ATTENDANCE_SCHEDULE_ENABLED) return;
    const timer = setInterval(() => {
      // one tick at a time per replica: a slow iSAMS must not stack ticks up
      this.ticking ??= Promise.all([this.tick(), this.purgeIfDue()])
        .catch((error: Error) => this.logger.error({ err: error.message }, 'attendance tick failed'))
        .finally(() => (this.ticking = undefined));
    }, this.config.ATTENDANCE_TICK_MS);
    this.registry.addInterval(INTERVAL_NAME, timer);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('interval', INTERVAL_NAME)) this.registry.deleteInterval(INTERVAL_NAME);
    await this.ticking;
  }

  /** Pulls every slot due at `now` that no replica has taken yet; one failing school does not stop the others. */
  async tick(now: Date = new Date()): Promise<PullResult[]> {
    const schools = (await this.schools.list()).filter(
      (s) => s.enabled && s.rest?.amRegisterId !== undefined && s.rest?.pmRegisterId !== undefined,
    );
    const slots = dueSlots(
      now,
      schools,
      { AM: this.config.ATTENDANCE_AM_TIME, PM: this.config.ATTENDANCE_PM_TIME },
      this.config.ATTENDANCE_SLOT_GRACE_MINUTES,
    );
    const settled = await Promise.allSettled(
      slots.map((slot) => this.pullAttendance.execute({ ...slot, slot: 'schedule', correlationId: randomUUID() })),
    );
    // failures are logged and recorded on the slot by the use case; the slot is retried after ATTENDANCE_SLOT_RETRY_MS
    return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  }

  /** Deletes every school's attendance older than ATTENDANCE_RETENTION_DAYS, at most hourly per replica (deletes are idempotent). */
  async purgeIfDue(now: Date = new Date()): Promise<number> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return 0;
    this.lastPurge = now.getTime();
    const cutoff = new Date(now.getTime() - this.config.ATTENDANCE_RETENTION_DAYS * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let deleted = 0;
    for (const school of await this.schools.list()) {
      const removed = await this.attendance.deleteBefore(school.id, cutoff);
      deleted += removed.marks + removed.pulls;
    }
    if (deleted > 0) this.logger.info({ cutoff, deleted }, 'old attendance deleted');
    return deleted;
  }
}
