import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { MessagingClient } from '@isams-sync/messaging';
import type { ServiceEnv } from '@isams-sync/config';
import { SERVICE_CONFIG } from './tokens';

/** On shutdown: stop consuming, let in-flight handlers finish (bounded), then close the connection. */
@Injectable()
export class MessagingLifecycle implements BeforeApplicationShutdown {
  constructor(
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceEnv,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.messaging.close(this.config.SHUTDOWN_TIMEOUT_MS);
  }
}
