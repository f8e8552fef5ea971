import { BatchClient } from '@isams-sync/isams';
import { checkSchoolKeys } from '../keys/key-check.runner';
import { formatKeysTable, keysExitCode, keysReportJson } from '../keys/keys-report.formatter';
import { type CliIo, type CliEnv, exitWith, type RegisterCommand } from './command';
import { loadSchoolWithSecrets } from './school-with-secrets.loader';

const HELP = `
Calls each of the school's Batch keys once (no retries: it is a diagnosis) and reports, per dataset:
reachable or not, the HTTP/iSAMS error in plain words with the fix, sections present, sections missing,
sections ticked by mistake, and record counts. Each key that answered is called a second time at once:
identical answers seconds apart mean iSAMS answers from its cache (keys should expire it after 2-3 hours).
Keys are never printed, only fingerprints such as ••••5555. Progress lines (one per call) go to stderr.
Environment: MONGO_URL, SECRETS_KEY (required).
Exit 0 when every required dataset is usable, 1 when one is not (or the school is unknown), 2 on a usage mistake.`;

export const registerKeys: RegisterCommand = (program, ctx) => {
  const keys = program.command('keys').summary("check a school's iSAMS Batch keys: reachable, sections, counts, cache");
  keys
    .command('check')
    .summary("call each of the school's Batch keys once and explain the answers")
    .requiredOption('--school <id>', 'the school')
    .option('--json', 'the report as one JSON object')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: { school: string; json?: boolean }) => checkKeys(values, ctx.io, ctx.env)));
};

async function checkKeys(values: { school: string; json?: boolean }, io: CliIo, env?: CliEnv): Promise<number> {
  const school = await loadSchoolWithSecrets(values.school, io, env);
  if (!school) return 1;
  const report = await checkSchoolKeys(
    school,
    new BatchClient({ userAgent: 'isams-sync keys check' }),
    undefined,
    (line) => io.err(line),
  );
  if (values.json) io.out(JSON.stringify(keysReportJson(report), null, 2));
  else for (const line of formatKeysTable(report)) io.out(line);
  return keysExitCode(report);
}
