import { IsamsRestClient, RegistrationRestApi } from '@isams-sync/isams';
import { PermanentError, RetryableError } from '@isams-sync/resilience';
import { formatRegisters, registersJson } from '../registers/registers.formatter';
import { type CliEnv, type CliIo, CliUsageError, exitWith, type RegisterCommand } from './command';
import { loadSchoolWithSecrets } from './school-with-secrets.loader';

const HELP = `
Lists the registration periods the school's iSAMS REST credentials can see (all of them, or those of one
--date), with the id each has, and which of them the school set as its AM and PM registers.
For a school that is not sure which registers to give us: pick the ids here, then
'isams-sync school update --id ID --am-register-id … --pm-register-id …'.
One call, no retries: it is a diagnosis. Environment: MONGO_URL, SECRETS_KEY (required).
Exit 0 when the periods were read, 1 when the school is unknown, has no REST credentials or iSAMS refused, 2 on a usage mistake.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CALL_TIMEOUT_MS = 60_000;

type RegistersOptions = { school: string; date?: string; json?: boolean };

export const registerRegisters: RegisterCommand = (program, ctx) => {
  program
    .command('registers')
    .summary("list the registration periods a school's REST credentials can see (to choose its AM/PM registers)")
    .requiredOption('--school <id>', 'the school')
    .option('--date <YYYY-MM-DD>', 'only the periods of this day')
    .option('--json', 'print the periods as JSON')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: RegistersOptions) => listRegisters(values, ctx.io, ctx.env)));
};

async function listRegisters(values: RegistersOptions, io: CliIo, env?: CliEnv): Promise<number> {
  if (values.date !== undefined && !DATE.test(values.date)) throw new CliUsageError('--date must be YYYY-MM-DD');
  const school = await loadSchoolWithSecrets(values.school, io, env);
  if (!school) return 1;
  if (!school.rest) {
    io.err(`school '${school.id}' has no iSAMS REST credentials, so its registers cannot be read`);
    io.err(
      `  fix: isams-sync school update --id ${school.id} --rest-client-id … --rest-client-secret … (iSAMS Control Panel > API Services > REST API)`,
    );
    return 1;
  }
  const date = values.date;
  const { clientId, clientSecret, tokenPath, amRegisterId, pmRegisterId } = school.rest;
  const api = new RegistrationRestApi(
    new IsamsRestClient(
      { schoolId: school.id, accessUrl: school.accessUrl, clientId, clientSecret, tokenPath },
      { timeoutMs: CALL_TIMEOUT_MS },
    ),
  );
  let periods;
  try {
    periods = await api.periods(date);
  } catch (error) {
    if (!(error instanceof PermanentError || error instanceof RetryableError)) throw error;
    io.err(error.message);
    if (error.context.fix) io.err(`  fix: ${error.context.fix}`);
    return 1;
  }
  const report = {
    schoolId: school.id,
    ...(date ? { date } : {}),
    periods: [...periods].sort(
      (a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id, 'en', { numeric: true }),
    ),
    configured: { am: amRegisterId, pm: pmRegisterId },
  };
  if (values.json) io.out(JSON.stringify(registersJson(report), null, 2));
  else for (const line of formatRegisters(report)) io.out(line);
  return 0;
}
