import { userInfo } from 'node:os';
import type { Envelope } from '@isams-sync/contracts';
import { MessagingClient } from '@isams-sync/messaging';
import { createLogger } from '@isams-sync/observability';
import type { CliConfig, loadCliConfig } from '../config/cli.config';
import { CliUsageError } from './command';

/**
 * Who asked, as runs, reports, replays and school changes record it: `cli:<name>` from --actor, else
 * ISAMS_SYNC_ACTOR, else (outside production) the OS user. In production a pod's OS user says nothing
 * about the person, so a name is required there.
 */
export function cliActor(config: CliConfig, given?: string): string {
  const named = given?.trim() || config.ISAMS_SYNC_ACTOR?.trim();
  if (named) return `cli:${named}`;
  if (config.NODE_ENV === 'production') {
    throw new CliUsageError(
      '--actor NAME (or ISAMS_SYNC_ACTOR) is required in production: it is recorded with the change',
    );
  }
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

/** Publishes one message on the internal exchange with confirms, on a connection of its own. */
export async function publishOnce<T>(
  config: ReturnType<typeof loadCliConfig>,
  routingKey: string,
  envelope: Envelope<T>,
): Promise<void> {
  const messaging = new MessagingClient({
    url: config.AMQP_URL,
    prefix: config.MESSAGING_PREFIX,
    prefetch: 1,
    app: 'cli',
    logger: createLogger('isams-sync-cli', config.LOG_LEVEL, process.stderr),
  });
  try {
    await messaging.ready();
    await messaging.publish('internal', routingKey, envelope);
  } finally {
    await messaging.close();
  }
}
