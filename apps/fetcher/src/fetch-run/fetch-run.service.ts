import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { buildEnvelope, datasetFailedV1, deterministicId, snapshotFetchedV1 } from '@isams-sync/contracts';
import { BatchClient, batchCallErrorIn, datasetRequest, type Dataset } from '@isams-sync/isams';
import { MessagingClient } from '@isams-sync/messaging';
import {
  NormalisedRecordRepository,
  RawSnapshotRepository,
  type SchoolWithSecrets,
  type StoredSnapshot,
  type SyncRun,
  SyncRunRepository,
} from '@isams-sync/persistence';
import { LOGGER, RunMetrics } from '@isams-sync/platform';
import { IsamsCallGuard } from '@isams-sync/resilience';
import { datasetsToFetch } from './datasets-to-fetch';

/**
 * Fetches each of a run's datasets with its own key, through the school's breaker and limiter,
 * stores the raw answer, and announces it (claim check). A dataset that cannot be fetched is
 * recorded as failed with the school's fix; the others carry on. Repeating a run (redelivery)
 * re-announces what is stored instead of calling iSAMS again.
 */
@Injectable()
export class FetchRunService {
  constructor(
    private readonly client: BatchClient,
    private readonly guard: IsamsCallGuard,
    private readonly snapshots: RawSnapshotRepository,
    private readonly records: NormalisedRecordRepository,
    private readonly runs: SyncRunRepository,
    private readonly messaging: MessagingClient,
    private readonly metrics: RunMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(run: SyncRun, school: SchoolWithSecrets, schoolDate: string): Promise<void> {
    const datasets = datasetsToFetch(school, run.datasets);
    await this.runs.setExpectedDatasets(school.id, run._id, datasets);
    await this.runs.advanceStatus(school.id, run._id, 'fetching');
    const known = new Map((await this.records.outcomes(school.id, run._id)).map((o) => [o.dataset, o]));
    for (const dataset of datasets) {
      const stored = await this.snapshots.find(school.id, run._id, dataset);
      if (stored) await this.announceFetched(run, dataset, stored, schoolDate);
      else if (known.get(dataset)?.status === 'failed')
        await this.announceFailed(run, dataset, known.get(dataset)?.reason ?? 'failed', known.get(dataset)?.fix);
      else await this.fetchOne(run, school, dataset, schoolDate);
    }
    await this.runs.advanceStatus(school.id, run._id, 'transforming');
  }

  private async fetchOne(run: SyncRun, school: SchoolWithSecrets, dataset: Dataset, schoolDate: string): Promise<void> {
    const log = { schoolId: school.id, runId: run._id, correlationId: run.correlationId, dataset };
    const apiKey = school.batchKeys[dataset] as string;
    // the endpoint and the filters the dataset's methods need (contacts: the Contacts (Advanced) filter; photos: photos.ashx)
    const { endpoint, filters } = datasetRequest(dataset);
    try {
      const response = await this.guard.run({ schoolId: school.id, dataset }, (signal) =>
        this.client.fetch({ accessUrl: school.accessUrl, apiKey, signal, dataset, endpoint, filters }),
      );
      const { snapshot } = await this.snapshots.store({
        schoolId: school.id,
        runId: run._id,
        dataset,
        body: response.body,
        httpStatus: response.status,
        durationMs: response.durationMs,
      });
      await this.runs.recordFetch(school.id, run._id, dataset, {
        status: 'fetched',
        httpStatus: response.status,
        bytes: snapshot.bytes,
        durationMs: snapshot.durationMs,
        identicalToPrevious: snapshot.identicalToPrevious,
        snapshotId: snapshot._id,
        at: new Date(),
      });
      this.metrics.step('fetch', snapshot.durationMs / 1000);
      this.logger.info(
        {
          ...log,
          url: response.url,
          bytes: snapshot.bytes,
          durationMs: snapshot.durationMs,
          identical: snapshot.identicalToPrevious,
        },
        'dataset fetched',
      );
      await this.announceFetched(run, dataset, snapshot, schoolDate);
    } catch (error) {
      const cause = batchCallErrorIn(error);
      const reason = `fetching ${dataset} from iSAMS failed: ${(error as Error).message}`;
      const fix = cause?.fix ?? 'Check that the school’s iSAMS is reachable; the next run will try again.';
      await this.runs.recordFetch(school.id, run._id, dataset, {
        status: 'failed',
        error: reason,
        errorKind: cause?.kind,
        httpStatus: cause?.httpStatus,
        fix,
        at: new Date(),
      });
      await this.records.recordOutcome(school.id, run._id, dataset, { status: 'failed', stage: 'fetch', reason, fix });
      this.metrics.datasetFailed(dataset, 'fetch');
      this.logger.warn(
        { ...log, kind: cause?.kind, httpStatus: cause?.httpStatus, err: (error as Error).message },
        'dataset could not be fetched',
      );
      await this.announceFailed(run, dataset, reason, fix);
    }
  }

  private async announceFetched(
    run: SyncRun,
    dataset: Dataset,
    snapshot: StoredSnapshot,
    schoolDate: string,
  ): Promise<void> {
    await this.messaging.publish(
      'internal',
      snapshotFetchedV1.routingKey,
      buildEnvelope(snapshotFetchedV1, {
        schoolId: run.schoolId,
        correlationId: run.correlationId,
        eventId: deterministicId(run.schoolId, run._id, dataset, 'fetched'),
        data: {
          runId: run._id,
          dataset,
          snapshotId: snapshot._id,
          sha256: snapshot.sha256,
          bytes: snapshot.bytes,
          identicalToPrevious: snapshot.identicalToPrevious,
          schoolDate,
        },
      }),
    );
  }

  private async announceFailed(run: SyncRun, dataset: Dataset, reason: string, fix?: string): Promise<void> {
    await this.messaging.publish(
      'internal',
      datasetFailedV1.routingKey,
      buildEnvelope(datasetFailedV1, {
        schoolId: run.schoolId,
        correlationId: run.correlationId,
        eventId: deterministicId(run.schoolId, run._id, dataset, 'failed'),
        data: { runId: run._id, dataset, stage: 'fetch', reason, ...(fix ? { fix } : {}) },
      }),
    );
  }
}
