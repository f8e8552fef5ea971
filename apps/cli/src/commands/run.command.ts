import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { buildEnvelope, runDecidedV1 } from '@isams-sync/contracts';
import { RunReportRepository, SyncRunRepository, storedPlanRef } from '@isams-sync/persistence';
import { loadCliConfig } from '../config/cli.config';
import { decisionProgress, refusal, type RunDecision } from '../run/run-decision.formatter';
import { cliActor, publishOnce } from './cli-messaging';
import { CliUsageError, type CliCommand } from './command';

const WAIT_SECONDS = 60;
/** How often the run is read while waiting for the importer: often enough to feel live, rare enough to cost nothing. */
const POLL_INTERVAL_MS = 250;

const USAGE = `isams-sync run approve|reject --run ID --school ID [--reason TEXT]

Decides a run the mass-change guard held (see why with 'isams-sync report --school ID --run ID'):
  approve    apply the held run's plan (see it with 'report --plan'), without the guard; if planning
             again gives another plan (the data changed meanwhile), the run stays held with the new plan
  reject     discard it: nothing is applied and nothing removed; the run ends rejected
  --reason TEXT   recorded in the run's report with who decided
Sends run.decided.v1 to the importer over RabbitMQ and waits up to ${WAIT_SECONDS} s for the run to be
applied (approve) or rejected.
Environment: MONGO_URL, AMQP_URL, MESSAGING_PREFIX (as the services).
Exit 0 when the run was applied or rejected, 1 when it is not held, does not exist, or the importer did
not finish in time; 2 on a usage mistake.`;

async function publishDecision(config: ReturnType<typeof loadCliConfig>, schoolId: string, data: { runId: string; decision: RunDecision; reason?: string }): Promise<void> {
  await publishOnce(config, runDecidedV1.routingKey, buildEnvelope(runDecidedV1, { schoolId, data: { ...data, decidedBy: cliActor() } }));
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'approve or reject a run the mass-change guard held',
  usage: USAGE,
  async run(argv, io, env) {
    const { values, positionals } = parseArgs({ args: argv, options: { run: { type: 'string' }, school: { type: 'string' }, reason: { type: 'string' } }, allowPositionals: true, strict: true });
    const [decision, ...extra] = positionals;
    if (decision !== 'approve' && decision !== 'reject') throw new CliUsageError(`expected 'approve' or 'reject'${decision ? `, not '${decision}'` : ''}`);
    if (extra.length > 0) throw new CliUsageError(`unexpected '${extra.join(' ')}'`);
    if (!values.run) throw new CliUsageError('--run is required');
    if (!values.school) throw new CliUsageError('--school is required');
    const { run: runId, school: schoolId } = values;
    const config = loadCliConfig(env);
    const connection = await mongoose.createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 }).asPromise();
    try {
      const runs = SyncRunRepository.onConnection(connection);
      const refused = refusal(runId, schoolId, (await runs.findById(schoolId, runId))?.status, decision);
      if (refused) {
        io.err(refused);
        return 1;
      }
      const reports = RunReportRepository.onConnection(connection);
      const planOf = async () => storedPlanRef(await reports.report(schoolId, runId))?.fingerprint;
      const approvedPlan = await planOf();
      await publishDecision(config, schoolId, { runId, decision, ...(values.reason ? { reason: values.reason } : {}) });
      io.out(`sent: ${decision} run ${runId} of school ${schoolId}; waiting for the importer`);
      const deadline = Date.now() + WAIT_SECONDS * 1000;
      for (;;) {
        const status = (await runs.findById(schoolId, runId))?.status ?? 'missing';
        const planChanged = status === 'held' && approvedPlan !== undefined && (await planOf()) !== approvedPlan;
        const progress = decisionProgress(runId, decision, status, planChanged);
        if (progress.settled) {
          (progress.code === 0 ? io.out : io.err)(progress.message);
          return progress.code;
        }
        if (Date.now() >= deadline) {
          io.err(`run ${runId} is still ${status} after ${WAIT_SECONDS} s: is the importer running, with the same MESSAGING_PREFIX? (the decision stays queued for it)`);
          return 1;
        }
        await delay(POLL_INTERVAL_MS);
      }
    } finally {
      await connection.close();
    }
  },
};
