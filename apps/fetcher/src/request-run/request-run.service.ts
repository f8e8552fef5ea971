import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Envelope, SyncRequestedV1 } from '@isams-sync/contracts';
import type { HandlerOutcome } from '@isams-sync/messaging';
import { SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER } from '@isams-sync/platform';

/** Turns a sync request into exactly one run, however often the request is delivered. */
@Injectable()
export class RequestRunService {
  constructor(
    private readonly runs: SyncRunRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: Envelope<SyncRequestedV1>): Promise<HandlerOutcome> {
    const { run, created } = await this.runs.createOnce({
      schoolId: request.schoolId,
      runKey: `request:${request.eventId}`,
      trigger: request.data.trigger,
      requestedBy: request.data.requestedBy,
      datasets: request.data.datasets ?? [],
      dryRun: request.data.dryRun,
      correlationId: request.correlationId,
    });
    this.logger.info(
      { schoolId: request.schoolId, runId: run._id, correlationId: request.correlationId, created },
      created ? 'sync run created' : 'sync run already exists for this request',
    );
    return created ? 'done' : 'skipped';
  }
}
