import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  type Envelope,
  type Finding,
  type NormalisedRecord,
  type SnapshotFetchedV1,
  type YearGroupRecord,
  buildEnvelope,
  datasetFailedV1,
  datasetNormalisedV1,
  deterministicId,
} from '@isams-sync/contracts';
import { type Dataset, XmlParseError, isDataset } from '@isams-sync/isams';
import { MessagingClient, type HandlerOutcome } from '@isams-sync/messaging';
import { recordIdentity, transformDocument, transformInputKey } from '@isams-sync/normalise';
import { NormalisedRecordRepository, RawSnapshotRepository } from '@isams-sync/persistence';
import { LOGGER, RunMetrics } from '@isams-sync/platform';
import { PermanentError } from '@isams-sync/resilience';

/**
 * Snapshot → normalised records: load the raw bytes, parse and map them, store the records in
 * bulk, record the outcome, announce it. Safe to repeat: records and outcomes are written once, and
 * a repeat re-announces the stored outcome with the same event id.
 */
@Injectable()
export class NormaliseSnapshotService {
  constructor(
    private readonly snapshots: RawSnapshotRepository,
    private readonly records: NormalisedRecordRepository,
    private readonly messaging: MessagingClient,
    private readonly metrics: RunMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(message: Envelope<SnapshotFetchedV1>): Promise<HandlerOutcome> {
    const { schoolId, correlationId } = message;
    const { runId, dataset, snapshotId, schoolDate } = message.data;
    const log = { schoolId, runId, correlationId, dataset };
    if (!isDataset(dataset)) throw new PermanentError(`unknown dataset '${dataset}'`, { schoolId, runId });

    const outcomes = await this.records.outcomes(schoolId, runId);
    const already = outcomes.find((o) => o.dataset === dataset);
    if (already) {
      await this.announce(
        message,
        already.status === 'normalised'
          ? { counts: already.counts, findings: already.findings as Finding[] }
          : { reason: already.reason ?? 'failed', fix: already.fix },
      );
      return 'skipped';
    }

    const started = performance.now();
    const structure = await this.structureFor(schoolId, runId, dataset);
    const inputKey = transformInputKey({ dataset, snapshotSha256: message.data.sha256, today: schoolDate, structure });
    const earlier = await this.records.reusable(schoolId, dataset, inputKey);
    if (earlier) {
      // Same document, same mapping inputs: the records stored for an earlier run are this run's too.
      const durationMs = Math.round(performance.now() - started);
      const { counts, findings, sections, recordsRunId, probeKey, yearGroups } = earlier;
      await this.records.recordOutcome(schoolId, runId, dataset, {
        status: 'normalised',
        snapshotId,
        counts,
        findings,
        sections,
        durationMs,
        inputKey,
        recordsRunId,
        probeKey,
        ...(yearGroups ? { yearGroups } : {}),
      });
      this.countNormalised(dataset, counts, durationMs);
      this.logger.info(
        { ...log, counts, findings: findings.length, durationMs, recordsRunId },
        'dataset unchanged: records of an earlier run reused',
      );
      await this.announce(message, { counts, findings: findings as unknown as Finding[] });
      return 'done';
    }

    const body = await this.snapshots.loadBody(schoolId, snapshotId);
    let result;
    try {
      result = transformDocument(dataset, body, { today: schoolDate, structure });
    } catch (error) {
      if (!(error instanceof XmlParseError)) throw error;
      const reason = `the ${dataset} document from iSAMS was refused: ${error.message}`;
      const fix =
        'Run the sync again; if it keeps failing, check the Batch API output for this key in iSAMS and send the run id to support.';
      await this.records.recordOutcome(schoolId, runId, dataset, {
        status: 'failed',
        stage: 'transform',
        reason,
        fix,
        snapshotId,
      });
      this.metrics.datasetFailed(dataset, 'transform');
      this.logger.warn({ ...log, code: error.code }, 'snapshot refused by the parser');
      await this.announce(message, { reason, fix });
      return 'done';
    }

    const stored = result.records.map(toStored);
    await this.records.storeRecords(schoolId, runId, dataset, stored);
    const findings = result.findings as unknown as Array<Record<string, unknown>>;
    const durationMs = Math.round(performance.now() - started);
    await this.records.recordOutcome(schoolId, runId, dataset, {
      status: 'normalised',
      snapshotId,
      counts: result.counts,
      findings,
      sections: result.sections,
      durationMs,
      inputKey,
      probeKey: stored[0]?.key,
      ...yearGroupsOf(dataset, result.records),
    });
    this.countNormalised(dataset, result.counts, durationMs);
    this.logger.info(
      { ...log, counts: result.counts, findings: result.findings.length, durationMs },
      'dataset normalised',
    );
    await this.announce(message, { counts: result.counts, findings: result.findings });
    return 'done';
  }

  /** Pupils get year-group display names from this run's structure, or the latest the school had. */
  private countNormalised(dataset: string, counts: Record<string, number>, durationMs: number): void {
    this.metrics.recordsNormalised(
      dataset,
      Object.values(counts).reduce((sum, n) => sum + n, 0),
    );
    this.metrics.step('normalise', durationMs / 1000);
  }

  private async structureFor(
    schoolId: string,
    runId: string,
    dataset: Dataset,
  ): Promise<{ yearGroups: YearGroupRecord[] } | undefined> {
    if (dataset !== 'pupils') return undefined;
    // this run's structure once its outcome is written (after its records), else the latest complete one
    const yearGroups = await this.records.yearGroupsFor(schoolId, runId);
    return yearGroups.length ? { yearGroups: yearGroups as unknown as YearGroupRecord[] } : undefined;
  }

  private async announce(
    message: Envelope<SnapshotFetchedV1>,
    outcome: { counts: Record<string, number>; findings: readonly Finding[] } | { reason: string; fix?: string },
  ): Promise<void> {
    const { schoolId, correlationId } = message;
    const { runId, dataset, snapshotId } = message.data;
    if ('counts' in outcome) {
      const findings: Record<string, number> = {};
      for (const f of outcome.findings) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
      await this.messaging.publish(
        'internal',
        datasetNormalisedV1.routingKey,
        buildEnvelope(datasetNormalisedV1, {
          schoolId,
          correlationId,
          eventId: deterministicId(schoolId, runId, dataset, 'normalised'),
          data: { runId, dataset, snapshotId, counts: outcome.counts, findings },
        }),
      );
    } else {
      await this.messaging.publish(
        'internal',
        datasetFailedV1.routingKey,
        buildEnvelope(datasetFailedV1, {
          schoolId,
          correlationId,
          eventId: deterministicId(schoolId, runId, dataset, 'failed'),
          data: { runId, dataset, stage: 'transform', reason: outcome.reason, fix: outcome.fix },
        }),
      );
    }
  }
}

function toStored(record: NormalisedRecord) {
  const { key, hash } = recordIdentity(record);
  return { type: record.type, key, hash, record: record as unknown as Record<string, unknown> };
}

/** A structure outcome carries its year groups: every pupils mapping of the run reads them. */
function yearGroupsOf(
  dataset: Dataset,
  records: readonly NormalisedRecord[],
): { yearGroups?: Array<Record<string, unknown>> } {
  if (dataset !== 'structure') return {};
  return { yearGroups: records.filter((r) => r.type === 'yearGroup') as unknown as Array<Record<string, unknown>> };
}
