import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { NormalisedRecord } from '@isams-sync/contracts';
import { buildIncoming, guardMassChange, planChanges, planListing, type PlannedGroup } from '@isams-sync/import-rules';
import type { HandlerOutcome } from '@isams-sync/messaging';
import { PhaseTimer } from '@isams-sync/observability';
import {
  directoryId,
  GroupRepository,
  NormalisedRecordRepository,
  RawSnapshotRepository,
  RunPlanRepository,
  RunReportRepository,
  SchoolRepository,
  storedPlanRef,
  SyncRunRepository,
  UserRepository,
} from '@isams-sync/persistence';
import { LOGGER, RunMetrics, SERVICE_CONFIG } from '@isams-sync/platform';
import { RetryableError } from '@isams-sync/resilience';
import type { ImporterConfig } from '../config/importer.config';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { groupWrites, loginsAfter, toCurrentUser, userWrites } from './directory-writes';
import { runDataRetention } from './run-data-retention';
import { completenessOf, datasetSizesOf, runIsSettled } from './run-inputs';
import { buildRunReport, runOutcome } from './run-report';

/** Runs looked at for pruning: older ones were pruned by the runs before (each run prunes). */
const RETENTION_LOOKBACK_RUNS = 50;

const PEOPLE_TYPES = ['student', 'staff', 'contact', 'yearGroup', 'form', 'house', 'set', 'subject'];

/**
 * When every dataset of a run has settled: load what the run brought and what is stored, plan the
 * changes with the school's rules, hold the run if it would change too much, else write users and
 * groups (each write with its event) and publish the events. The report says what happened and why.
 */
@Injectable()
export class ApplyRunService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly records: NormalisedRecordRepository,
    private readonly users: UserRepository,
    private readonly groups: GroupRepository,
    private readonly reports: RunReportRepository,
    private readonly plans: RunPlanRepository,
    private readonly snapshots: RawSnapshotRepository,
    private readonly schools: SchoolRepository,
    private readonly relay: OutboxRelayService,
    private readonly metrics: RunMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ImporterConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async whenSettled(schoolId: string, runId: string): Promise<HandlerOutcome> {
    const run = await this.runs.findById(schoolId, runId);
    if (!run) throw new RetryableError(`run ${runId} of school ${schoolId} is not stored yet`, { schoolId, runId });
    if (!runIsSettled(run.expectedDatasets, await this.records.outcomes(schoolId, runId))) return 'skipped';
    return this.apply(schoolId, runId, { approved: false });
  }

  async apply(schoolId: string, runId: string, options: { approved: boolean }): Promise<HandlerOutcome> {
    const run = await this.runs.claimForImport(
      schoolId,
      runId,
      this.config.IMPORT_LEASE_MS,
      options.approved ? ['held'] : [],
    );
    if (!run) {
      // Someone else holds it: come back later, so an importer that died mid-run is taken over once its lease ends.
      if ((await this.runs.findById(schoolId, runId))?.status === 'importing') {
        throw new RetryableError(`run ${runId} is being imported by another importer`, { schoolId, runId });
      }
      return 'skipped';
    }
    const log = { schoolId, runId, correlationId: run.correlationId };
    const timer = new PhaseTimer();
    // independent reads, at once: the database overlaps them (on FerretDB each is a scan)
    const [school, outcomes, records, storedUsers, storedGroups] = await Promise.all([
      this.schools.getPublic(schoolId),
      this.records.outcomes(schoolId, runId),
      this.records.recordsOf(schoolId, runId, PEOPLE_TYPES) as unknown as Promise<NormalisedRecord[]>,
      this.users.usersOf(schoolId),
      this.groups.groupsOf(schoolId),
    ]);
    timer.lap('load');
    const incoming = buildIncoming(records, { contactFilter: school?.contactFilter });
    const completeness = completenessOf(outcomes);
    const currentGroups: PlannedGroup[] = storedGroups.map((g) => ({
      groupKey: g.groupKey,
      kind: g.kind as PlannedGroup['kind'],
      name: g.name,
      memberUserKeys: g.memberUserKeys,
    }));
    const plan = planChanges(storedUsers.map(toCurrentUser), incoming, completeness, currentGroups);

    const datasetSizes = datasetSizesOf(outcomes);
    const lastApplied = await this.reports.lastApplied(schoolId, runId);
    const currentActive = { student: 0, parent: 0, staff: 0 };
    for (const u of storedUsers) if (u.active) currentActive[u.kind as keyof typeof currentActive] += 1;
    const listing = planListing(plan);
    const verdict = options.approved
      ? await this.approvedPlanStillHolds(schoolId, runId, listing.fingerprint)
      : guardMassChange({
          plan,
          currentActive,
          datasetSizes,
          previousDatasetSizes: lastApplied?.datasetSizes as Record<string, number> | undefined,
          thresholds: school?.thresholds,
        });
    const outcome = runOutcome(run.dryRun, verdict.hold, outcomes);
    const planRef = await this.plans.savePlan(
      schoolId,
      runId,
      listing.fingerprint,
      listing.entries as unknown as Array<Record<string, unknown>>,
    );
    timer.lap('plan');

    let userWriteCount = 0;
    let groupWriteCount = 0;
    if (outcome === 'succeeded' || outcome === 'partial') {
      // an approved plan being applied: if this importer dies mid-way, the next one resumes it (its re-plan is the rest)
      if (options.approved)
        await this.reports.saveReport(schoolId, runId, { applyingApprovedPlan: listing.fingerprint });
      const ctx = { schoolId, runId, correlationId: run.correlationId, now: new Date() };
      const versions = new Map(storedUsers.map((u) => [u._id, u.version]));
      const userIds = new Map(storedUsers.map((u) => [u.userKey, u._id]));
      userWriteCount = (await this.users.writeUsers(schoolId, userWrites(plan, versions, ctx))).written;
      timer.lap('writeUsers');
      const userIdOf = (key: string) => userIds.get(key) ?? directoryId(schoolId, key);
      groupWriteCount = (await this.groups.writeGroups(schoolId, groupWrites(plan, storedGroups, userIdOf, ctx)))
        .written;
      timer.lap('writeGroups');
      // from the plan, not a second read of every user: the users are now exactly as planned
      await this.users.syncLogins(schoolId, loginsAfter(storedUsers, plan, userIdOf));
      timer.lap('syncLogins');
    }

    const report = buildRunReport({
      run,
      outcomes,
      plan,
      ruleFindings: incoming.findings as unknown as Array<Record<string, unknown>>,
      excludedContacts: incoming.excluded,
      heldReasons: verdict.reasons,
      datasetSizes,
      outcome,
      userWrites: userWriteCount,
      groupWrites: groupWriteCount,
      now: new Date(),
    });
    await this.reports.saveReport(schoolId, runId, {
      ...(report as unknown as Record<string, unknown>),
      plan: planRef,
    });
    timer.lap('saveReport');
    const published = await this.relay.publishPending(schoolId, log);
    timer.lap('publishEvents');
    await this.reports.saveReport(schoolId, runId, { eventsPublished: published, importTimingsMs: timer.toJSON() });
    await this.runs.setOutcome(
      schoolId,
      runId,
      outcome,
      outcomes.filter((o) => o.status === 'failed').map((o) => o.dataset),
    );
    this.metrics.usersWritten(userWriteCount);
    this.metrics.steps(timer.toJSON());
    this.metrics.runFinished(outcome, run.trigger, secondsSince(run.createdAt));
    await this.pruneOldRunData(schoolId, log);
    this.logger.info(
      {
        ...log,
        outcome,
        userWrites: userWriteCount,
        groupWrites: groupWriteCount,
        events: published,
        held: verdict.reasons,
        timingsMs: timer.toJSON(),
      },
      'run applied',
    );
    return 'done';
  }

  /**
   * An approval applies the plan a person saw. Planned again now, it must be the same plan; if the
   * school's data or SchoolsBuddy's users changed since the run was held, the run stays held with
   * the new plan for another look. A resumed approval (an importer died while applying it) goes on.
   */
  private async approvedPlanStillHolds(
    schoolId: string,
    runId: string,
    fingerprint: string,
  ): Promise<{ hold: boolean; reasons: string[] }> {
    const report = await this.reports.report(schoolId, runId);
    const held = storedPlanRef(report)?.fingerprint;
    const resuming = report?.applyingApprovedPlan !== undefined;
    if (!held || resuming || held === fingerprint) return { hold: false, reasons: [] };
    return {
      hold: true,
      reasons: [
        `the plan changed since this run was held (iSAMS data or SchoolsBuddy users changed); review the new plan with \`isams-sync report --school ${schoolId} --run ${runId} --plan\` and approve again`,
      ],
    };
  }

  /**
   * Every run stores its raw snapshots, its datasets' records (or points at an earlier run's) and its
   * plan; only the latest few are read again. Older ones are deleted so storage and reads stay the size
   * of a few runs, and children's data is not kept longer than it is needed; reports stay. A failure here costs
   * disk, not the run: it is logged and the next run tries again.
   */
  private async pruneOldRunData(schoolId: string, log: Record<string, unknown>): Promise<void> {
    try {
      const { kept, pruned } = runDataRetention(
        await this.runs.listForSchool(schoolId, RETENTION_LOOKBACK_RUNS),
        this.config.RUN_DATA_KEPT_RUNS,
      );
      const { deleted } = await this.records.pruneRuns(schoolId, pruned, kept);
      const plans = await this.plans.prunePlans(schoolId, pruned);
      const snapshots = await this.snapshots.pruneRuns(schoolId, pruned);
      if (deleted || plans.deleted || snapshots.deleted) {
        this.logger.info(
          { ...log, records: deleted, planChunks: plans.deleted, snapshots: snapshots.deleted, runs: pruned.length },
          'data of older runs deleted',
        );
      }
    } catch (error) {
      this.logger.warn({ ...log, err: error }, 'could not delete the data of older runs; the next run tries again');
    }
  }
}

function secondsSince(at: Date | undefined): number {
  return at ? Math.max(0, (Date.now() - new Date(at).getTime()) / 1000) : 0;
}
