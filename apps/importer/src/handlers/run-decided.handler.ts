import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { type Envelope, runDecidedV1, type RunDecidedV1 } from '@isams-sync/contracts';
import { type HandlerOutcome, MessagingClient } from '@isams-sync/messaging';
import { DirectoryRepository, SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER } from '@isams-sync/platform';
import { PermanentError } from '@isams-sync/resilience';
import { ApplyRunService } from '../apply-run/apply-run.service';
import { RejectRunService } from '../run-decision/reject-run.service';
import { type Decision, decisionAction } from '../run-decision/run-decision';

/** `isams-sync run approve|reject`: applies a held run without the guard, or discards it. */
@Injectable()
export class RunDecidedHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly runs: SyncRunRepository,
    private readonly directory: DirectoryRepository,
    private readonly applyRun: ApplyRunService,
    private readonly rejectRun: RejectRunService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: 'importer.run-decided',
      exchange: 'internal',
      contract: runDecidedV1,
      handle: (message) => this.decide(message),
    });
  }

  private async decide(message: Envelope<RunDecidedV1>): Promise<HandlerOutcome> {
    const { schoolId } = message;
    const { runId, decision, decidedBy, reason } = message.data;
    const run = await this.runs.findById(schoolId, runId);
    if (!run) throw new PermanentError(`run ${runId} of school ${schoolId} does not exist`, { schoolId, runId });
    const recorded = (await this.directory.report(schoolId, runId))?.decision as { decision?: Decision } | undefined;
    const action = decisionAction(decision, runId, run.status, recorded?.decision);
    switch (action.kind) {
      case 'refuse':
        throw new PermanentError(action.why, { schoolId, runId });
      case 'skip':
        this.logger.info({ schoolId, runId, correlationId: message.correlationId }, action.why);
        return 'skipped';
      case 'reject':
        return this.rejectRun.reject(schoolId, runId, decidedBy, reason);
      case 'apply':
        // Recorded first, so a redelivery after the run has moved on is recognised as this approval.
        await this.directory.saveReport(schoolId, runId, { decision: { decision: 'approve', decidedBy, ...(reason ? { reason } : {}), at: new Date() } });
        return this.applyRun.apply(schoolId, runId, { approved: true });
    }
  }
}
