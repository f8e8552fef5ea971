import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { HandlerOutcome } from '@isams-sync/messaging';
import { RunReportRepository, SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER, RunMetrics, SERVICE_CONFIG } from '@isams-sync/platform';
import type { ImporterConfig } from '../config/importer.config';

/**
 * Discards a held run: nothing is applied and nothing removed; the run ends `rejected` and its
 * report keeps the plan's counts with who rejected it and why.
 */
@Injectable()
export class RejectRunService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly reports: RunReportRepository,
    private readonly metrics: RunMetrics,
    @Inject(SERVICE_CONFIG) private readonly config: ImporterConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async reject(schoolId: string, runId: string, decidedBy: string, reason?: string): Promise<HandlerOutcome> {
    // The same unique claim an approval takes: a concurrent approve and reject cannot both win.
    const run = await this.runs.claimForImport(schoolId, runId, this.config.IMPORT_LEASE_MS, ['held']);
    if (!run) return 'skipped';
    await this.reports.saveReport(schoolId, runId, {
      decision: { decision: 'reject', decidedBy, ...(reason ? { reason } : {}), at: new Date() },
    });
    await this.runs.setStatus(schoolId, runId, 'rejected');
    this.metrics.runFinished(
      'rejected',
      run.trigger,
      run.createdAt ? (Date.now() - new Date(run.createdAt).getTime()) / 1000 : 0,
    );
    this.logger.info({ schoolId, runId, correlationId: run.correlationId, decidedBy }, 'held run rejected');
    return 'done';
  }
}
