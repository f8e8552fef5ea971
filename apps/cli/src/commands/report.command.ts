import mongoose from 'mongoose';
import { RunPlanRepository, RunReportRepository } from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { loadPlan, printPlan } from '../report/plan-printer';
import { formatRunReport, type RunReportView } from '../report/run-report.formatter';
import { type CliEnv, type CliIo, exitWith, type RegisterCommand } from './command';

const HELP = `
Prints a run's report: the latest run of the school, or the one given. Outcome (and why a run was held),
per dataset status, records, findings, HTTP status, bytes and timings (with a note where iSAMS may have
answered from its cache), users created/updated/unchanged/deactivated/reactivated/without login per
kind, findings by kind with examples and the fix, excluded contacts and events published.
  --plan    also list the run's plan, one line per change (who, what, which fields); with --json as \`planEntries\`
  --json    the stored report as one JSON object
Environment: MONGO_URL.
Exit 0 when a report was printed, 1 when there is none; 2 on a usage mistake.`;

type ReportOptions = { school: string; run?: string; plan?: boolean; json?: boolean };

export const registerReport: RegisterCommand = (program, ctx) => {
  program
    .command('report')
    .summary("print a run's report (latest, or --run ID)")
    .requiredOption('--school <id>', 'the school')
    .option('--run <id>', 'this run instead of the latest')
    .option('--plan', "also list the run's plan, one line per change")
    .option('--json', 'the stored report as one JSON object')
    .addHelpText('after', HELP)
    .action(exitWith(ctx, (values: ReportOptions) => printReport(values, ctx.io, ctx.env)));
};

async function printReport(values: ReportOptions, io: CliIo, env?: CliEnv): Promise<number> {
  const config = loadCliConfig(env);
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const stored = await RunReportRepository.onConnection(connection).report(values.school, values.run);
    if (!stored) {
      io.err(
        values.run
          ? `no report for run ${values.run} of school ${values.school} (a run has a report once the importer has planned it)`
          : `no run report for school ${values.school} yet`,
      );
      return 1;
    }
    const { _id: _ignored, ...report } = stored;
    const runId = String(report.runId ?? stored._id);
    const plan = values.plan
      ? await loadPlan(RunPlanRepository.onConnection(connection), values.school, runId, report)
      : undefined;
    if (values.plan && !plan) io.err(`run ${runId} has no stored plan (plans are kept for the latest runs only)`);
    if (values.json) {
      io.out(JSON.stringify(plan ? { ...report, planEntries: plan } : report));
      return 0;
    }
    io.out(formatRunReport({ ...report, runId } as RunReportView));
    if (plan) printPlan(plan, io);
    return 0;
  } finally {
    await connection.close();
  }
}
