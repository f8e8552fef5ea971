import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { RunPlanRepository, RunReportRepository } from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { loadPlan, printPlan } from '../report/plan-printer';
import { formatRunReport, type RunReportView } from '../report/run-report.formatter';
import { CliUsageError, type CliCommand } from './command';

const USAGE = `isams-sync report --school ID [--run ID] [--plan] [--json]

Prints a run's report: the latest run of the school, or the one given. Outcome (and why a run was held),
per dataset status, records, findings, HTTP status, bytes and timings (with a note where iSAMS may have
answered from its cache), users created/updated/unchanged/deactivated/reactivated/without login per
kind, findings by kind with examples and the fix, excluded contacts and events published.
  --plan    also list the run's plan, one line per change (who, what, which fields); with --json as \`planEntries\`
  --json    the stored report as one JSON object
Environment: MONGO_URL.
Exit 0 when a report was printed, 1 when there is none; 2 on a usage mistake.`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary: "print a run's report (latest, or --run ID)",
  usage: USAGE,
  async run(argv, io, env) {
    const { values } = parseArgs({ args: argv, options: { school: { type: 'string' }, run: { type: 'string' }, plan: { type: 'boolean' }, json: { type: 'boolean' } }, strict: true });
    if (!values.school) throw new CliUsageError('--school is required');
    const config = loadCliConfig(env);
    const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    try {
      const stored = await RunReportRepository.onConnection(connection).report(values.school, values.run);
      if (!stored) {
        io.err(values.run ? `no report for run ${values.run} of school ${values.school} (a run has a report once the importer has planned it)` : `no run report for school ${values.school} yet`);
        return 1;
      }
      const { _id: _ignored, ...report } = stored;
      const runId = String(report.runId ?? stored._id);
      const plan = values.plan ? await loadPlan(RunPlanRepository.onConnection(connection), values.school, runId, report) : undefined;
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
  },
};
