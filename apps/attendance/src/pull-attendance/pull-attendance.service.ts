import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import {
  type AttendanceSession,
  type AttendanceStatus,
  ATTENDANCE_STATUSES,
  attendanceChangedV1,
  buildEnvelope,
  type Finding,
} from '@isams-sync/contracts';
import { type RegistrationRestApi, RestPermanentError } from '@isams-sync/isams';
import { MessagingClient } from '@isams-sync/messaging';
import { mapAttendanceMarks } from '@isams-sync/normalise';
import {
  AttendanceRepository,
  SchoolRepository,
  type SchoolWithSecrets,
  type StoredMark,
} from '@isams-sync/persistence';
import { LOGGER, SERVICE_CONFIG } from '@isams-sync/platform';
import { IsamsCallGuard, isPermanent, PermanentError } from '@isams-sync/resilience';
import type { AttendanceConfig } from '../config/attendance.config';
import { RestClientsService } from '../isams/rest-clients.service';
import { REST_SCOPE_DATASET } from '../isams/rest-call-guard.provider';
import { PupilDirectory } from '../pupils/pupil-directory';
import { AttendanceMetrics } from './attendance-metrics';
import { changedMarks } from './mark-changes';
import { chooseRegisterPeriod } from './register-period';

export interface PullRequest {
  schoolId: string;
  date: string;
  session: AttendanceSession;
  /** `schedule`, or `request:<eventId>` for an on-demand pull */
  slot: string;
  correlationId: string;
}

export interface PullResult {
  outcome: 'pulled' | 'skipped';
  pullId?: string;
  /** marks per status after this pull */
  counts: Record<AttendanceStatus, number>;
  eventsPublished: number;
  findings: Finding[];
  registrationPeriodId?: string;
}

const PUBLISH_BATCH = 500;

function emptyCounts(): Record<AttendanceStatus, number> {
  return Object.fromEntries(ATTENDANCE_STATUSES.map((s) => [s, 0])) as Record<AttendanceStatus, number>;
}

type RestSchool = SchoolWithSecrets & { rest: NonNullable<SchoolWithSecrets['rest']> };

/**
 * Pulls one school's AM or PM register for a date: claim the slot, read the codes, the register
 * (all pages) and who is out of school, map and store the marks, and publish `attendance.changed`
 * for the marks that changed since the last pull (stored first, published, then cleared).
 */
@Injectable()
export class PullAttendanceService {
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly schools: SchoolRepository,
    private readonly attendance: AttendanceRepository,
    private readonly clients: RestClientsService,
    private readonly guard: IsamsCallGuard,
    private readonly directory: PupilDirectory,
    private readonly messaging: MessagingClient,
    private readonly metrics: AttendanceMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: AttendanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: PullRequest): Promise<PullResult> {
    const { schoolId, date, session, slot, correlationId } = request;
    const { claimed, pull } = await this.attendance.claimPull({
      schoolId,
      date,
      session,
      slot,
      owner: this.owner,
      correlationId,
      leaseMs: this.config.ATTENDANCE_PULL_LEASE_MS,
      maxAttempts: slot === 'schedule' ? this.config.ATTENDANCE_SLOT_ATTEMPTS : Number.MAX_SAFE_INTEGER,
    });
    if (!claimed || !pull) {
      this.logger.debug({ schoolId, date, session, slot, correlationId }, 'attendance slot already taken');
      this.metrics.pulls.inc({ session, outcome: 'skipped' });
      return { outcome: 'skipped', pullId: pull?._id, counts: emptyCounts(), eventsPublished: 0, findings: [] };
    }
    const log = { schoolId, date, session, slot, pullId: pull._id, correlationId };
    try {
      const result = await this.pull(request, pull._id);
      await this.attendance.finishPull(schoolId, pull._id, {
        status: 'succeeded',
        eventsConfirmed: true,
        counts: result.counts,
        eventsPublished: result.eventsPublished,
        findings: result.findings,
      });
      this.metrics.pulls.inc({ session, outcome: 'pulled' });
      this.metrics.events.inc({ session }, result.eventsPublished);
      this.logger.info(
        { ...log, counts: result.counts, eventsPublished: result.eventsPublished, findings: result.findings.length },
        'attendance pulled',
      );
      return result;
    } catch (error) {
      const err = error as Error & { context?: { fix?: string } };
      const retryable = !isPermanent(error);
      await this.attendance.finishPull(schoolId, pull._id, {
        status: 'failed',
        error: err.message,
        ...(err.context?.fix ? { fix: err.context.fix } : {}),
        // a scheduled slot waits before its next attempt; an on-demand one is retried by its message's own backoff
        ...(retryable
          ? { retryAt: new Date(Date.now() + (slot === 'schedule' ? this.config.ATTENDANCE_SLOT_RETRY_MS : 0)) }
          : {}),
      });
      this.metrics.pulls.inc({ session, outcome: 'failed' });
      this.logger.error({ ...log, err: err.message, fix: err.context?.fix, retryable }, 'attendance pull failed');
      throw error;
    }
  }

  private async pull(request: PullRequest, pullId: string): Promise<PullResult> {
    const { schoolId, date, session, correlationId } = request;
    const school = await this.restSchool(schoolId);
    const api = this.clients.apiFor(school);
    const call = <T>(fn: (signal: AbortSignal) => Promise<T>) =>
      this.guard.run({ schoolId, dataset: REST_SCOPE_DATASET }, fn);

    const findings: Finding[] = [];
    const periods = await call((signal) => api.periods(date, { signal }));
    const configured = session === 'AM' ? school.rest.amRegisterId : school.rest.pmRegisterId;
    const period = chooseRegisterPeriod(periods, date, session, configured);
    if (!period) {
      findings.push({
        kind: 'no-register',
        severity: 'info',
        dataset: 'attendance',
        message: `iSAMS has no ${session} registration period on ${date} (a weekend, a holiday, or a register not set up)`,
        fix: `none on a day without school; otherwise check the ${session} register id of school '${schoolId}'`,
      });
      return { outcome: 'pulled', pullId, counts: emptyCounts(), eventsPublished: 0, findings };
    }
    const absenceCodes = await call((signal) => api.absenceCodes({ signal }));
    const presentCodes = await call((signal) => api.presentCodes({ signal }));
    const rows = await call((signal) => api.register(period.id, { signal }));
    const outOfSchool = await this.outOfSchool(api, call, date, findings);

    const students = await this.directory.studentsOf(schoolId, [...new Set(rows.map((r) => r.schoolId))]);
    const mapping = mapAttendanceMarks({
      session,
      registrationPeriodId: period.id,
      rows,
      absenceCodes,
      presentCodes,
      outOfSchool,
      students,
    });
    findings.push(...mapping.findings);

    const previous = await this.attendance.marksOf(schoolId, date, session);
    const unpublished = new Set(
      students ? mapping.marks.filter((m) => m.studentId === undefined).map((m) => m.isamsId) : [],
    );
    const changes = changedMarks(previous, mapping.marks, {
      schoolId,
      date,
      session,
      registrationPeriodId: period.id,
      unpublished,
    });
    const changedPupils = new Set(changes.map((c) => c.isamsId));
    const superseded = previous.filter((m) => changedPupils.has(m.isamsId)).map((m) => m._id);
    await this.attendance.saveChangedMarks(schoolId, date, session, pullId, changes, superseded);
    const eventsPublished = await this.publishEvents(
      schoolId,
      date,
      session,
      pullId,
      correlationId,
      changes.length > 0,
    );

    const counts = emptyCounts();
    for (const mark of mapping.marks) counts[mark.status]++;
    return { outcome: 'pulled', pullId, counts, eventsPublished, findings, registrationPeriodId: period.id };
  }

  /** The out-of-school endpoint is unconfirmed: a school whose iSAMS lacks it still gets its register. */
  private async outOfSchool(
    api: RegistrationRestApi,
    call: <T>(fn: (signal: AbortSignal) => Promise<T>) => Promise<T>,
    date: string,
    findings: Finding[],
  ) {
    try {
      return await call((signal) => api.outOfSchool(date, { signal }));
    } catch (error) {
      if (!(error instanceof RestPermanentError && error.kind === 'not-found')) throw error;
      findings.push({
        kind: 'missing-endpoint',
        severity: 'info',
        dataset: 'attendance',
        message: 'this iSAMS has no REST out-of-school endpoint; out-of-school pupils show as their register mark',
        fix: 'none needed',
      });
      return [];
    }
  }

  /**
   * Publishes the events of this pull's marks, and of any earlier pull of the session that did not
   * get all of its events confirmed (it failed, or its replica died): the outbox is the marks.
   */
  private async publishEvents(
    schoolId: string,
    date: string,
    session: AttendanceSession,
    pullId: string,
    correlationId: string,
    changed: boolean,
  ): Promise<number> {
    const earlier = await this.attendance.unconfirmedPulls(schoolId, date, session);
    if (!changed && earlier.length === 0) return 0;
    const marks = await this.attendance.marksToPublish(schoolId, date, session, [pullId, ...earlier]);
    for (let i = 0; i < marks.length; i += PUBLISH_BATCH) {
      await Promise.all(
        marks
          .slice(i, i + PUBLISH_BATCH)
          .map((mark) =>
            this.messaging.publish('public', attendanceChangedV1.routingKey, this.envelope(mark, correlationId)),
          ),
      );
    }
    await this.attendance.confirmEvents(schoolId, earlier);
    return marks.length;
  }

  private envelope(mark: StoredMark, correlationId: string) {
    return buildEnvelope(attendanceChangedV1, {
      schoolId: mark.schoolId,
      eventId: mark.eventId as string,
      correlationId,
      data: {
        date: mark.date,
        session: mark.session,
        isamsId: mark.isamsId,
        status: mark.status,
        code: mark.code,
        registrationPeriodId: mark.registrationPeriodId,
        ...(mark.studentId ? { studentId: mark.studentId } : {}),
        ...(mark.codeName ? { codeName: mark.codeName } : {}),
        ...(mark.minutesLate ? { minutesLate: mark.minutesLate } : {}),
        ...(mark.previousStatus ? { previousStatus: mark.previousStatus } : {}),
      },
    });
  }

  private async restSchool(schoolId: string): Promise<RestSchool> {
    const school = await this.schools.getWithSecrets(schoolId);
    if (!school)
      throw new PermanentError(`school '${schoolId}' is not registered`, {
        schoolId,
        fix: 'add it with isams-sync school add',
      });
    if (!school.enabled)
      throw new PermanentError(`school '${schoolId}' is disabled`, {
        schoolId,
        fix: `enable it with isams-sync school update --id ${schoolId} --enabled true`,
      });
    if (!school.rest) {
      throw new PermanentError(`school '${schoolId}' has no REST API credentials, so attendance cannot be pulled`, {
        schoolId,
        fix: `isams-sync school update --id ${schoolId} --rest-client-id … --rest-client-secret … --am-register-id … --pm-register-id …`,
      });
    }
    return school as RestSchool;
  }
}
