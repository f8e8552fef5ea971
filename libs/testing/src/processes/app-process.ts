import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** One of the system's apps, started from dist/ as its own process, exactly as it runs in production. */
export class AppProcess {
  private child?: ChildProcess;
  private outputTail: string[] = [];
  exitCode: number | null = null;
  /** set when the process ended by a signal (Nest re-raises SIGTERM after its shutdown hooks: a clean stop) */
  exitSignal: NodeJS.Signals | null = null;

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(distRoot: string): void {
    const entry = path.join(distRoot, 'apps', this.app, 'src', 'main.js');
    this.child = spawn(process.execPath, [entry], {
      env: { ...process.env, ...this.env, HTTP_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // JSON logs on stdout, a config error or a crash at start-up (a missing module) on stderr: keep the tail of both
    const keep = (chunk: Buffer) => {
      this.outputTail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      this.outputTail = this.outputTail.slice(-40);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('exit', (code, signal) => {
      this.exitSignal = signal;
      this.exitCode = code ?? -1;
    });
  }

  /** Last lines the app wrote (JSON logs), to explain a failure. */
  recentLogs(): string[] {
    return this.outputTail;
  }

  async waitReady(timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exitCode !== null)
        throw new Error(`${this.app} exited with code ${this.exitCode}: ${this.recentLogs().slice(-8).join(' | ')}`);
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
        const body = (await res.json()) as Record<string, unknown>;
        if (res.ok) return body;
        last = JSON.stringify(body);
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.app} was not ready within ${timeoutMs} ms (last: ${last})`);
  }

  /** SIGTERM, then wait for the graceful shutdown; SIGKILL if it takes too long. */
  async stop(timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
