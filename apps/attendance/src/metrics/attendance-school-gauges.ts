import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { gaugeOn, METRICS } from '@isams-sync/observability';
import { AttendanceRepository, SchoolRepository } from '@isams-sync/persistence';
import { METRICS_REGISTRY } from '@isams-sync/platform';
import { failedPullsInARow } from './failed-pulls';

/** Today's and yesterday's pulls are enough to say a school's pulls keep failing. */
const WINDOW_MS = 2 * 86_400_000;

/** `isams_sync_school_attendance_failed_pulls`, from the database when scraped, for registered schools only. */
@Injectable()
export class AttendanceSchoolGauges implements OnModuleInit {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly schools: SchoolRepository,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    gaugeOn(this.registry, METRICS.schoolAttendanceFailedPulls, async (gauge) => {
      const [registered, pulls] = await Promise.all([
        this.schools.list(),
        this.attendance.finishedPullsSince(new Date(Date.now() - WINDOW_MS)),
      ]);
      const failed = failedPullsInARow(pulls);
      gauge.reset();
      for (const { id } of registered) if (failed.has(id)) gauge.set({ school: id }, failed.get(id) ?? 0);
    });
  }
}
