import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { buildEnvelope, syncRequestedV1 } from '@isams-sync/contracts';
import { MessagingClient } from '@isams-sync/messaging';
import { createLogger } from '@isams-sync/observability';
import { SchoolRepository } from '@isams-sync/persistence';
import { SecretCipher } from '@isams-sync/secrets';
import type { DayAdvance, KeyName, PupilRecord, SchoolInfo } from '@isams-sync/simulator';
import { AppProcess, freePort } from '@isams-sync/testing';
import { EventTap, type TappedEvent } from './event-tap';
import { SimulatorProcess } from './simulator-process';

export const PIPELINE_APPS = ['fetcher', 'transformer', 'importer', 'attendance'] as const;
export type PipelineApp = (typeof PIPELINE_APPS)[number];

export interface PipelineSessionOptions {
  amqpUrl: string;
  /** the server's URL; the session uses its own database on it */
  mongoUrl: string;
  database: string;
  prefix: string;
  pupils: number;
  seed: number;
  schoolId: string;
  apps: readonly PipelineApp[];
  /** the compiled tree holding apps/<app>/src/main.js (the simulator's too) */
  distRoot: string;
  progress(line: string): void;
}

/** What one sync produced: the importer's run report (as stored) and the public events of the run. */
export interface SyncResult {
  runId: string;
  seconds: number;
  report: Record<string, unknown> & { outcome: string; eventsPublished: number; userWrites: number };
  events: TappedEvent[];
}

/** Same database server, another database name (the path of the URL), query string kept. */
export function withDatabase(mongoUrl: string, database: string): string {
  const url = new URL(mongoUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Peak resident memory of a process in kB (VmHWM), or undefined when it cannot be read. */
export function peakRssKb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The whole system for one simulated school, as it runs in production: the iSAMS simulator and
 * every app from dist/ as its own process against the real RabbitMQ and MongoDB-compatible server,
 * on a database and queue prefix of its own; an event tap bound to the public exchange. The
 * simulator is driven over its control API (`/_sim/`), as an operator would drive it.
 * Used by the demo and the pipeline benchmark; `stop` ends everything it started.
 */
export class PipelineSession {
  readonly secretsKey = randomBytes(32).toString('base64');
  readonly mongoUrl: string;
  simulator?: SimulatorProcess;
  /** the school as the simulator last described it (refreshed after a day passes) */
  private school?: SchoolInfo;
  db?: mongoose.Connection;
  messaging?: MessagingClient;
  tap?: EventTap;
  readonly processes: AppProcess[] = [];
  /** Interrupted (Ctrl-C, SIGTERM): stop the apps too rather than leave them running. */
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.options.progress(`${signal}: stopping everything that was started`);
    void this.stop(false).finally(() => process.exit(130));
  };

  constructor(readonly options: PipelineSessionOptions) {
    this.mongoUrl = withDatabase(options.mongoUrl, options.database);
  }

  get info(): SchoolInfo {
    if (!this.school) throw new Error('the simulator is not running');
    return this.school;
  }

  /** A school day passes in the simulator (with its seeded changes); `info` then describes the new day. */
  async advanceDay(): Promise<DayAdvance> {
    const control = this.requireSimulator().control();
    const day = await control.advanceDay();
    this.school = await control.school();
    return day;
  }

  /**
   * Switches each Batch key's cache off: a real key caches its response (2 h by default), so a sync within the
   * cache window would see yesterday's data.
   */
  async turnOffBatchCache(): Promise<void> {
    const control = this.requireSimulator().control();
    for (const name of Object.keys(this.info.keys)) await control.configureKey(name as KeyName, { cacheSeconds: 0 });
  }

  /** The simulator's current pupils (the truth), e.g. to name who was absent. */
  pupils(): Promise<PupilRecord[]> {
    return this.requireSimulator().control().pupils();
  }

  async start(): Promise<void> {
    const { options } = this;
    options.progress(`starting a simulated iSAMS school (${options.pupils} pupils, seed ${options.seed})`);
    process.once('SIGINT', this.onSignal).once('SIGTERM', this.onSignal);
    this.simulator = new SimulatorProcess({ seed: options.seed, pupils: options.pupils, port: await freePort() });
    this.school = await this.simulator.start(options.distRoot, 60_000);
    options.progress(`the simulator is ready on port ${this.simulator.options.port} (pid ${this.simulator.pid})`);
    const env = {
      AMQP_URL: options.amqpUrl,
      MONGO_URL: this.mongoUrl,
      MESSAGING_PREFIX: options.prefix,
      SECRETS_KEY: this.secretsKey,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      // on demand only: the nightly and twice-daily schedulers would start runs of their own
      SCHEDULER_ENABLED: 'false',
      ATTENDANCE_SCHEDULE_ENABLED: 'false',
    };
    for (const app of options.apps) this.processes.push(new AppProcess(app, await freePort(), env));
    options.progress(
      `starting ${options.apps.join(', ')} from dist/ (database ${options.database}, queue prefix '${options.prefix}')`,
    );
    this.processes.forEach((p) => p.start(options.distRoot));
    for (const p of this.processes) {
      await p.waitReady(60_000);
      options.progress(`${p.app} is ready on port ${p.port} (pid ${p.pid})`);
    }
    this.db = await mongoose.createConnection(this.mongoUrl).asPromise();
    this.messaging = new MessagingClient({
      url: options.amqpUrl,
      prefix: options.prefix,
      prefetch: 1,
      app: 'demo',
      logger: createLogger('demo', 'silent'),
    });
    await this.messaging.ready();
    this.tap = await EventTap.open(options.amqpUrl, this.messaging.topology.exchange('public'));
  }

  /** Registers the simulated school the way support would: every Batch key, the REST credentials and register ids. */
  async registerSchool(): Promise<void> {
    const info = this.info;
    const schools = SchoolRepository.onConnection(this.requireDb(), SecretCipher.fromBase64(this.secretsKey), {
      // the simulator this session started itself, on loopback
      insecureHosts: [new URL(this.info.accessUrl).hostname],
    });
    await schools.add({
      id: this.options.schoolId,
      name: info.name,
      accessUrl: info.accessUrl,
      timezone: 'Europe/London',
      batchKeys: info.keys,
      rest: {
        clientId: info.rest.clientId,
        clientSecret: info.rest.clientSecret,
        tokenPath: info.rest.tokenPath,
        amRegisterId: info.registers.am,
        pmRegisterId: info.registers.pm,
      },
    });
    this.options.progress(
      `registered ${info.name} as '${this.options.schoolId}' with ${Object.keys(info.keys).length} Batch keys and REST credentials`,
    );
  }

  /**
   * Publishes `sync.requested.v1` as the CLI would and waits for the importer's run report with
   * its events confirmed, then for those events to reach the tap. Reports progress per dataset.
   */
  async sync(label: string, timeoutMs: number): Promise<SyncResult> {
    const db = this.requireDb();
    const messaging = this.messaging!;
    const request = buildEnvelope(syncRequestedV1, {
      schoolId: this.options.schoolId,
      data: { trigger: 'on-demand', requestedBy: 'demo', dryRun: false },
    });
    const started = performance.now();
    await messaging.publish('internal', syncRequestedV1.routingKey, request);
    this.options.progress(`${label}: sync requested over RabbitMQ`);
    const deadline = Date.now() + timeoutMs;
    let runId: string | undefined;
    let lastLine = '';
    let lastPrinted = 0;
    for (;;) {
      if (Date.now() > deadline)
        throw new Error(
          `${label}: no run report within ${Math.round(timeoutMs / 1000)} s (last state: ${lastLine || 'no run created'})`,
        );
      this.failIfAnAppDied();
      if (!runId) {
        const run = await db.collection('sync_runs').findOne({ runKey: `request:${request.eventId}` });
        if (run) runId = String(run._id);
      }
      if (runId) {
        const report = await db.collection('run_reports').findOne({ _id: runId as never });
        if (report && typeof report.eventsPublished === 'number') {
          const seconds = (performance.now() - started) / 1000;
          const events = await this.tap!.waitFor((e) => e.data.runId === runId, report.eventsPublished, 30_000);
          return { runId, seconds, report: report as unknown as SyncResult['report'], events };
        }
        const line = report
          ? `report written, publishing events (${this.tap!.matching((e) => e.data.runId === runId).length} received so far)`
          : await this.runState(runId);
        // a new stage prints at once; within a stage (e.g. counting events) every 15 s
        if (
          line.replace(/\d+ received/, '') !== lastLine.replace(/\d+ received/, '') ||
          Date.now() - lastPrinted > 15_000
        ) {
          this.options.progress(`${label}: ${line} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
          lastLine = line;
          lastPrinted = Date.now();
        }
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** One line on where a run is: its status and each dataset's fetch state. */
  private async runState(runId: string): Promise<string> {
    const run = await this.requireDb()
      .collection('sync_runs')
      .findOne({ _id: runId as never });
    const fetch = (run?.fetch ?? {}) as Record<string, { status?: string }>;
    const states = Object.entries(fetch).map(([dataset, p]) => `${dataset} ${p.status ?? '?'}`);
    return `run ${runId} ${String(run?.status ?? 'requested')}${states.length ? ` (${states.join(', ')})` : ''}`;
  }

  private failIfAnAppDied(): void {
    for (const p of this.processes) {
      if (p.exitCode !== null)
        throw new Error(`${p.app} exited with code ${p.exitCode}: ${p.recentLogs().slice(-3).join(' | ')}`);
    }
    const simulator = this.simulator;
    if (simulator && simulator.exitCode !== null)
      throw new Error(
        `the iSAMS simulator exited with code ${simulator.exitCode}: ${simulator.recentLogs().slice(-3).join(' | ')}`,
      );
  }

  /** Peak resident memory (kB) of each app so far; read before `stop`. */
  peakMemory(): Record<string, number | undefined> {
    return Object.fromEntries(this.processes.map((p) => [p.app, peakRssKb(p.pid)]));
  }

  /** Last log lines of every app, to explain a failure. */
  appLogs(): string[] {
    const simulator = this.simulator?.recentLogs().length
      ? [`isams-simulator: ${this.simulator.recentLogs().slice(-3).join(' | ')}`]
      : [];
    return [
      ...simulator,
      ...this.processes
        .filter((p) => p.recentLogs().length)
        .map((p) => `${p.app}: ${p.recentLogs().slice(-3).join(' | ')}`),
    ];
  }

  /** Stops every process and connection it started; drops its database unless `keep`. */
  async stop(keep: boolean): Promise<void> {
    process.off('SIGINT', this.onSignal).off('SIGTERM', this.onSignal);
    await Promise.all(this.processes.map((p) => p.stop()));
    await this.tap?.close();
    await this.messaging?.close(2000).catch(() => undefined);
    if (this.db) {
      if (!keep)
        await this.db
          .dropDatabase()
          .catch((error: Error) => this.options.progress(`could not drop ${this.options.database}: ${error.message}`));
      await this.db.close().catch(() => undefined);
    }
    await this.simulator?.stop();
  }

  private requireSimulator(): SimulatorProcess {
    if (!this.simulator) throw new Error('the simulator is not running');
    return this.simulator;
  }

  requireDb(): mongoose.Connection {
    if (!this.db) throw new Error('the database is not connected');
    return this.db;
  }
}
