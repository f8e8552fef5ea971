import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { buildEnvelope, runDecidedV1 } from '@isams-sync/contracts';
import { RunReportRepository, SyncRunRepository, storedPlanRef } from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { decisionProgress, refusal, type RunDecision } from '../run/run-decision.formatter';
import { cliActor, publishOnce } from './cli-messaging';
import { type CliEnv, type CliIo, exitWith, type RegisterCommand } from './command';

const WAIT_SECONDS = 60;
/** How often the run is read while waiting for the importer: often enough to feel live, rare enough to cost nothing. */
const POLL_INTERVAL_MS = 250;

const HELP = `
Decides a run the mass-change guard held (see why with 'isams-sync report --school ID --run ID';
list held runs with 'isams-sync runs list --status held'):
  approve    apply the held run's plan (see it with 'report --plan'), without the guard; if planning
             again gives another plan (the data changed meanwhile), the run stays held with the new plan
  reject     discard it: nothing is applied and nothing removed; the run ends rejected
The decision, who made it (--actor, or ISAMS_SYNC_ACTOR; required when NODE_ENV=production) and the
reason go into the run's report. Sends run.decided.v1 to the importer over RabbitMQ and waits up to
${WAIT_SECONDS} s for the run to be applied (approve) or rejected.
Environment: MONGO_URL, AMQP_URL, MESSAGING_PREFIX (as the services).
Exit 0 when the run was applied or rejected, 1 when it is not held, does not exist, or the importer did
not finish in time; 2 on a usage mistake.`;

interface DecisionOptions {
  run: string;
  school: string;
  reason?: string;
  actor?: string;
  json?: boolean;
}

export const registerRun: RegisterCommand = (program, ctx) => {
  const run = program.command('run').summary('approve or reject a run the mass-change guard held');
  for (const decision of ['approve', 'reject'] as const) {
    run
      .command(decision)
      .summary(decision === 'approve' ? "apply a held run's plan" : 'discard a held run')
      .requiredOption('--run <id>', 'the held run')
      .requiredOption('--school <id>', 'its school')
      .option('--reason <text>', "recorded in the run's report")
      .option('--actor <name>', 'who decides (default ISAMS_SYNC_ACTOR; the OS user outside production)')
      .option('--json', 'print the outcome as one JSON object')
      .addHelpText('after', HELP)
      .action(exitWith(ctx, (values: DecisionOptions) => decide(decision, values, ctx.io, ctx.env)));
  }
};

async function decide(decision: RunDecision, values: DecisionOptions, io: CliIo, env?: CliEnv): Promise<number> {
  const { run: runId, school: schoolId } = values;
  const config = loadCliConfig(env);
  const decidedBy = cliActor(config, values.actor);
  const result = (code: number, status: string, message: string) => {
    if (values.json) io.out(JSON.stringify({ schoolId, runId, decision, decidedBy, status, ok: code === 0, message }));
    else (code === 0 ? io.out : io.err)(message);
    return code;
  };
  const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const runs = SyncRunRepository.onConnection(connection);
    const before = (await runs.findById(schoolId, runId))?.status;
    const refused = refusal(runId, schoolId, before, decision);
    if (refused) return result(1, before ?? 'missing', refused);
    const reports = RunReportRepository.onConnection(connection);
    const planOf = async () => storedPlanRef(await reports.report(schoolId, runId))?.fingerprint;
    const approvedPlan = await planOf();
    const data = { runId, decision, decidedBy, ...(values.reason ? { reason: values.reason } : {}) };
    await publishOnce(config, runDecidedV1.routingKey, buildEnvelope(runDecidedV1, { schoolId, data }));
    (values.json ? io.err : io.out)(
      `sent: ${decision} run ${runId} of school ${schoolId} (by ${decidedBy}); waiting for the importer`,
    );
    const deadline = Date.now() + WAIT_SECONDS * 1000;
    for (;;) {
      const status = (await runs.findById(schoolId, runId))?.status ?? 'missing';
      const planChanged = status === 'held' && approvedPlan !== undefined && (await planOf()) !== approvedPlan;
      const progress = decisionProgress(runId, decision, status, planChanged);
      if (progress.settled) return result(progress.code, status, progress.message);
      if (Date.now() >= deadline) {
        return result(
          1,
          status,
          `run ${runId} is still ${status} after ${WAIT_SECONDS} s: is the importer running, with the same MESSAGING_PREFIX? (the decision stays queued for it)`,
        );
      }
      await delay(POLL_INTERVAL_MS);
    }
  } finally {
    await connection.close();
  }
}
