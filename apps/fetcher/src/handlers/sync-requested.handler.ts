import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { syncRequestedV1 } from '@isams-sync/contracts';
import { MessagingClient, QUEUES } from '@isams-sync/messaging';
import { RequestRunService } from '../request-run/request-run.service';

@Injectable()
export class SyncRequestedHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly requestRun: RequestRunService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: QUEUES.syncRequested,
      exchange: 'internal',
      contract: syncRequestedV1,
      handle: (message) => this.requestRun.execute(message),
    });
  }
}
