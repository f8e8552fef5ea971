import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { SimulatorControlClient, type SchoolInfo } from '@isams-sync/simulator';

export interface SimulatorProcessOptions {
  seed: number;
  pupils: number;
  port: number;
}

/**
 * The iSAMS simulator app (dist/apps/isams-simulator) as its own process, the way the other apps run: it prints
 * the school's info as one JSON line on stdout once it listens; from then on it is driven over its control API.
 */
export class SimulatorProcess {
  private child?: ChildProcess;
  private stderrTail: string[] = [];
  exitCode: number | null = null;
  /** the school as the simulator announced it at start */
  info?: SchoolInfo;

  constructor(readonly options: SimulatorProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** A client for `/_sim/…` on this simulator. */
  control(): SimulatorControlClient {
    return new SimulatorControlClient(this.url);
  }

  /** Starts dist/apps/isams-simulator/src/main.js and waits for its school line. */
  async start(distRoot: string, timeoutMs: number): Promise<SchoolInfo> {
    const entry = path.join(distRoot, 'apps', 'isams-simulator', 'src', 'main.js');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(this.options.port),
      SIMULATOR_SEED: String(this.options.seed),
      SIMULATOR_PUPILS: String(this.options.pupils),
    };
    // the caller's SIMULATOR_PUBLIC_URL (a compose setting) would point clients elsewhere
    delete env.SIMULATOR_PUBLIC_URL;
    const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = [...this.stderrTail, ...chunk.toString('utf8').split('\n').filter(Boolean)].slice(-20);
    });
    child.on('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? 128 : -1);
    });
    this.info = await new Promise<SchoolInfo>((resolve, reject) => {
      let stdout = '';
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (reason: string) =>
        settle(() =>
          reject(
            new Error(
              `the iSAMS simulator (${entry}) ${reason}${this.stderrTail.length ? `: ${this.stderrTail.slice(-5).join(' | ')}` : ''}`,
            ),
          ),
        );
      const timer = setTimeout(() => fail(`printed no school within ${timeoutMs} ms`), timeoutMs);
      child.once('error', (error) => fail(`could not start (${error.message})`));
      child.once('exit', (code) =>
        fail(`exited with code ${code ?? 'none'} before it printed its school (is dist/ built? npm run build)`),
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        if (settled) return;
        stdout += chunk.toString('utf8');
        const line = stdout.split('\n', 2);
        if (line.length < 2) return;
        try {
          const info = JSON.parse(line[0]) as SchoolInfo;
          settle(() => resolve(info));
        } catch {
          fail(`printed '${line[0].slice(0, 200)}' where its school JSON line was expected`);
        }
      });
    });
    return this.info;
  }

  /** Last lines the simulator wrote to stderr, to explain a failure. */
  recentLogs(): string[] {
    return this.stderrTail;
  }

  /** SIGTERM (the simulator closes its server and exits), SIGKILL if it takes too long. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
