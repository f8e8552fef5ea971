import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { localTime } from '@isams-sync/calendar';
import type { Envelope, SyncRequestedV1 } from '@isams-sync/contracts';
import type { HandlerOutcome } from '@isams-sync/messaging';
import { SchoolRepository, SyncRunRepository } from '@isams-sync/persistence';
import { LOGGER } from '@isams-sync/platform';
import { PermanentError } from '@isams-sync/resilience';
import { FetchRunService } from '../fetch-run/fetch-run.service';

/**
 * A sync request → exactly one run (however often the request is delivered) → its datasets
 * fetched. A redelivered request resumes the same run; nothing is fetched twice.
 */
@Injectable()
export class RequestRunService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly schools: SchoolRepository,
    private readonly fetchRun: FetchRunService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(request: Envelope<SyncRequestedV1>): Promise<HandlerOutcome> {
    const { schoolId, correlationId } = request;
    const school = await this.schools.getWithSecrets(schoolId);
    if (!school)
      throw new PermanentError(`school '${schoolId}' is not registered`, {
        schoolId,
        fix: `Add it with 'isams-sync school add' first.`,
      });
    if (!school.enabled)
      throw new PermanentError(`school '${schoolId}' is disabled`, {
        schoolId,
        fix: `Enable it with 'isams-sync school update --id ${schoolId}' to sync it.`,
      });
    const schoolDate = localTime(new Date(), school.timezone).date;

    const run = request.data.runId
      ? await this.runs.findById(schoolId, request.data.runId)
      : (
          await this.runs.createOnce({
            schoolId,
            runKey: `request:${request.eventId}`,
            trigger: request.data.trigger,
            requestedBy: request.data.requestedBy,
            datasets: request.data.datasets ?? [],
            dryRun: request.data.dryRun,
            correlationId,
            schoolDate,
          })
        ).run;
    if (!run)
      throw new PermanentError(`run '${request.data.runId}' of school '${schoolId}' does not exist`, { schoolId });
    this.logger.info({ schoolId, runId: run._id, correlationId, trigger: run.trigger }, 'sync run starting');
    await this.fetchRun.execute(run, school, run.schoolDate ?? schoolDate);
    return 'done';
  }
}
