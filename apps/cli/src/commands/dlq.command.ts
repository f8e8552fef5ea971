import { Topology } from '@isams-sync/messaging';
import { loadCliConfig } from '../config/cli.config';
import { DeadLetterQueue, deadLetterQueueName, UnknownQueueError } from '../dlq/dead-letter-queue';
import type { DeadLetterView } from '../dlq/dead-letter.view';
import { textTable } from '../report/text-table';
import { formatAge } from '../runs/runs-list.formatter';
import { cliActor } from './cli-messaging';
import { type CliContext, CliUsageError, exitWith, positiveNumber, type RegisterCommand } from './command';

const DEFAULT_LIMIT = 100;

const HELP = `
Dead-lettered messages: each is one step of one school's run (or an attendance pull) that failed for
good or ran out of retries. --queue takes the dead-letter queue from the alert
(isams-sync.importer.dataset-normalised.dlq), its work queue, or the consumer's short name
(importer.dataset-normalised); MESSAGING_PREFIX is applied as the services apply it.
  list     id, school, run, reason, attempts and age of each message (up to --limit)
  show     one message in full: its headers and body (--id)
  replay   sends messages back to the queue they failed on (all, or --id); needs --yes
  purge    deletes messages (all, or --id); needs --yes
replay and purge record who did it (--actor, or ISAMS_SYNC_ACTOR; required when NODE_ENV=production):
a replayed message carries it in the x-isams-sync-replayed-by header.
Listing takes the messages and hands them back when it closes, so each command sees each message once.
Environment: AMQP_URL, MESSAGING_PREFIX (as the services).
Exit 0 on success, 1 when the queue or the message does not exist, 2 on a usage mistake (or no --yes).`;

interface DlqOptions {
  queue: string;
  id?: string;
  limit: number;
  yes?: boolean;
  actor?: string;
  json?: boolean;
}

type Verb = 'list' | 'show' | 'replay' | 'purge';
const SUMMARY: Record<Verb, string> = {
  list: 'list dead-lettered messages with school, run, reason and age',
  show: 'print one dead-lettered message in full',
  replay: 'send dead-lettered messages back to their queue',
  purge: 'delete dead-lettered messages',
};

export const registerDlq: RegisterCommand = (program, ctx) => {
  const dlq = program
    .command('dlq')
    .summary('list, show, replay or purge dead-lettered messages')
    .addHelpText('after', HELP);
  for (const verb of ['list', 'show', 'replay', 'purge'] as const) {
    const command = dlq
      .command(verb)
      .summary(SUMMARY[verb])
      .requiredOption('--queue <name>', 'the dead-letter queue (or its work queue, or the short name)')
      .option('--limit <n>', 'look at most at this many messages', positiveNumber('--limit'), DEFAULT_LIMIT)
      .option('--json', 'print the result as JSON');
    if (verb === 'show') command.requiredOption('--id <messageId>', 'the message');
    else if (verb !== 'list') command.option('--id <messageId>', 'only this message');
    if (verb === 'replay' || verb === 'purge')
      command.option('--yes', 'confirm').option('--actor <name>', 'who does it');
    command.addHelpText('after', HELP).action(exitWith(ctx, (values: DlqOptions) => runDlq(verb, values, ctx)));
  }
};

async function runDlq(verb: Verb, values: DlqOptions, { io, env }: CliContext): Promise<number> {
  const config = loadCliConfig(env);
  const actor = verb === 'replay' || verb === 'purge' ? cliActor(config, values.actor) : '';
  const name = deadLetterQueueName(new Topology(config.MESSAGING_PREFIX), values.queue);
  let queue: DeadLetterQueue;
  try {
    queue = await DeadLetterQueue.open(config.AMQP_URL, name);
  } catch (error) {
    if (error instanceof UnknownQueueError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  try {
    const taken = await queue.take(values.id ? Number.MAX_SAFE_INTEGER : values.limit);
    const chosen = values.id ? taken.filter((t) => t.view.id === values.id) : taken;
    if (values.id && chosen.length === 0) {
      io.err(
        `no message ${values.id} in ${name} (${queue.depth} waiting; see 'isams-sync dlq list --queue ${values.queue}')`,
      );
      return 1;
    }
    if (verb === 'list') {
      const views = chosen.map((t) => t.view);
      if (values.json) io.out(JSON.stringify({ queue: name, waiting: queue.depth, messages: views }));
      else printList(io.out, name, queue.depth, views);
      return 0;
    }
    if (verb === 'show') {
      const [{ message, view }] = chosen;
      const body = message.content.toString('utf8');
      const shown = { ...view, headers: message.properties.headers ?? {}, body: parseOrText(body) };
      io.out(values.json ? JSON.stringify(shown) : JSON.stringify(shown, null, 2));
      return 0;
    }
    if (!values.yes) {
      throw new CliUsageError(
        `${verb} would ${verb === 'replay' ? 'send back' : 'delete'} ${chosen.length} message(s) from ${name} (${chosen.map((t) => `${t.view.schoolId}/${t.view.id}`).join(', ') || 'none'}); add --yes to confirm`,
      );
    }
    const done: DeadLetterView[] = [];
    const missing = new Set<string>();
    for (const { message, view } of chosen) {
      if (verb === 'purge') queue.purge(message);
      else if (missing.has(view.queue) || !(await queue.queueExists(view.queue))) {
        missing.add(view.queue);
        continue;
      } else await queue.replay(message, view, actor);
      done.push(view);
    }
    for (const q of missing)
      io.err(`not replayed: queue ${q} does not exist (is its service deployed with the same MESSAGING_PREFIX?)`);
    const what = verb === 'replay' ? 'replayed' : 'purged';
    if (values.json)
      io.out(
        JSON.stringify({
          queue: name,
          [what]: done.map((v) => ({ id: v.id, schoolId: v.schoolId, runId: v.runId, queue: v.queue })),
          by: actor,
        }),
      );
    else
      for (const v of done)
        io.out(
          `${what} ${v.id} (school ${v.schoolId}${v.runId ? `, run ${v.runId}` : ''})${verb === 'replay' ? ` to ${v.queue}` : ''} by ${actor}`,
        );
    return missing.size > 0 ? 1 : 0;
  } finally {
    await queue.close();
  }
}

function printList(out: (line: string) => void, name: string, depth: number, views: DeadLetterView[]): void {
  out(`${name}: ${depth} message(s) waiting${views.length < depth ? `, showing ${views.length}` : ''}`);
  if (views.length === 0) return;
  for (const line of textTable(
    ['id', 'school', 'run', 'age', 'attempts', 'reason'],
    views.map((v) => [v.id, v.schoolId, v.runId || '-', formatAge(v.ageSeconds), String(v.attempts), v.reason]),
  ))
    out(line);
}

function parseOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
