import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { snapshotFetchedV1 } from '@isams-sync/contracts';
import { MessagingClient, QUEUES } from '@isams-sync/messaging';
import { NormaliseSnapshotService } from '../normalise-snapshot/normalise-snapshot.service';

@Injectable()
export class SnapshotFetchedHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly normalise: NormaliseSnapshotService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: QUEUES.snapshotFetched,
      exchange: 'internal',
      contract: snapshotFetchedV1,
      handle: (message) => this.normalise.execute(message),
    });
  }
}
