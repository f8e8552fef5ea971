import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { RunDecidedV1 } from '@isams-sync/contracts';
import type { HandlerOutcome } from '@isams-sync/messaging';
import { RunReportRepository, SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER } from '@isams-sync/platform';
import { PermanentError } from '@isams-sync/resilience';
import { ApplyRunService } from '../apply-run/apply-run.service';
import { RejectRunService } from './reject-run.service';
import { type Decision, decisionAction } from './run-decision';

/**
 * A person's decision on a held run (`isams-sync run approve|reject`): approve applies it without the guard, reject
 * discards it; anything not held is refused, and a redelivered decision changes nothing.
 */
@Injectable()
export class DecideRunService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly reports: RunReportRepository,
    private readonly applyRun: ApplyRunService,
    private readonly rejectRun: RejectRunService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async decide(
    schoolId: string,
    { runId, decision, decidedBy, reason }: RunDecidedV1,
    correlationId?: string,
  ): Promise<HandlerOutcome> {
    const run = await this.runs.findById(schoolId, runId);
    if (!run) throw new PermanentError(`run ${runId} of school ${schoolId} does not exist`, { schoolId, runId });
    const recorded = (await this.reports.report(schoolId, runId))?.decision as { decision?: Decision } | undefined;
    const action = decisionAction(decision, runId, run.status, recorded?.decision);
    switch (action.kind) {
      case 'refuse':
        throw new PermanentError(action.why, { schoolId, runId });
      case 'skip':
        this.logger.info({ schoolId, runId, correlationId }, action.why);
        return 'skipped';
      case 'reject':
        return this.rejectRun.reject(schoolId, runId, decidedBy, reason);
      case 'apply':
        // Recorded first, so a redelivery after the run has moved on is recognised as this approval.
        await this.reports.saveReport(schoolId, runId, {
          decision: { decision: 'approve', decidedBy, ...(reason ? { reason } : {}), at: new Date() },
        });
        return this.applyRun.apply(schoolId, runId, { approved: true });
    }
  }
}
