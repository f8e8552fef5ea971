import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { datasetFailedV1, datasetNormalisedV1 } from '@isams-sync/contracts';
import { MessagingClient, QUEUES } from '@isams-sync/messaging';
import { ApplyRunService } from '../apply-run/apply-run.service';

/** Each dataset outcome may be the run's last: check, and apply the run when it is settled. */
@Injectable()
export class DatasetSettledHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly applyRun: ApplyRunService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: QUEUES.datasetNormalised,
      exchange: 'internal',
      contract: datasetNormalisedV1,
      // enough tries (backoff capped at two minutes) to outlast a dead importer's lease
      maxAttempts: 12,
      backoff: { baseMs: 2_000, capMs: 120_000 },
      handle: (message) => this.applyRun.whenSettled(message.schoolId, message.data.runId),
    });
    await this.messaging.consume({
      name: QUEUES.datasetFailed,
      exchange: 'internal',
      contract: datasetFailedV1,
      maxAttempts: 12,
      backoff: { baseMs: 2_000, capMs: 120_000 },
      handle: (message) => this.applyRun.whenSettled(message.schoolId, message.data.runId),
    });
  }
}
