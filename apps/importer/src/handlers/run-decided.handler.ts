import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { runDecidedV1 } from '@isams-sync/contracts';
import { MessagingClient, QUEUES } from '@isams-sync/messaging';
import { DecideRunService } from '../run-decision/decide-run.service';

/** `run.decided.v1` (from `isams-sync run approve|reject`) → the run decision use case. */
@Injectable()
export class RunDecidedHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly decideRun: DecideRunService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: QUEUES.runDecided,
      exchange: 'internal',
      contract: runDecidedV1,
      handle: (message) => this.decideRun.decide(message.schoolId, message.data, message.correlationId),
    });
  }
}
