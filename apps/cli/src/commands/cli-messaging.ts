import { userInfo } from 'node:os';
import type { Envelope } from '@isams-sync/contracts';
import { MessagingClient } from '@isams-sync/messaging';
import { createLogger } from '@isams-sync/observability';
import type { loadCliConfig } from '../config/cli.config';

/** Who asked, as runs and reports record it: `cli:<os user>`. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Publishes one message on the internal exchange with confirms, on a connection of its own. */
export async function publishOnce<T>(config: ReturnType<typeof loadCliConfig>, routingKey: string, envelope: Envelope<T>): Promise<void> {
  const messaging = new MessagingClient({ url: config.AMQP_URL, prefix: config.MESSAGING_PREFIX, prefetch: 1, app: 'cli', logger: createLogger('isams-sync-cli', config.LOG_LEVEL, process.stderr) });
  try {
    await messaging.ready();
    await messaging.publish('internal', routingKey, envelope);
  } finally {
    await messaging.close();
  }
}
