import { CliUsageError, exitWith, type RegisterCommand } from './command';
import { loadTestDouble } from './test-double.loader';

/** A mid-sized school: about 900 users, big enough for every rule and finding to show up. */
const DEFAULT_PUPILS = 400;

const HELP = `
Starts a simulated iSAMS school and every app (fetcher, transformer, importer, attendance, from dist/)
against the real RabbitMQ and MongoDB-compatible server, registers the school, runs a full nightly sync
end to end, advances the school by a day and syncs again, runs an AM and a PM attendance pull, and prints
both run reports, the events published and who was absent. Progress goes to stderr. Each demo uses a
fresh database (isams-sync-demo-<time>), dropped at the end unless --keep. --json prints one JSON
object on the last line of stdout. Exit 0 when every step succeeded, 1 otherwise.`;

export const registerDemo: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .summary('run a simulated school through the system end to end and print what happened')
    .option('--json', 'print one JSON object on the last line of stdout')
    .option('--pupils <n>', `pupils in the simulated school (default ${DEFAULT_PUPILS})`)
    .option('--seed <n>', 'seed of the simulated school (default 42)')
    .option('--keep', "keep the demo's database (its name is printed)")
    .addHelpText('after', HELP)
    .action(
      exitWith(ctx, async (values: { json?: boolean; pupils?: string; seed?: string; keep?: boolean }) => {
        const { io, env } = ctx;
        const pupils = Number(values.pupils ?? DEFAULT_PUPILS);
        const seed = Number(values.seed ?? 42);
        if (!Number.isInteger(pupils) || pupils < 10)
          throw new CliUsageError('--pupils needs a whole number of at least 10');
        if (!Number.isInteger(seed)) throw new CliUsageError('--seed needs a whole number');
        // the demo needs the simulator, which the production image leaves out
        const { runDemo, printSummary } = await loadTestDouble('the demo', () => import('../demo/demo-run'));
        const summary = await runDemo({ pupils, seed, keep: values.keep === true }, io, env);
        if (values.json) io.out(JSON.stringify({ ...summary, reports: undefined }));
        else printSummary(summary, io);
        return summary.ok ? 0 : 1;
      }),
    );
};
