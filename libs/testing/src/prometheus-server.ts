import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './wait-for';

export interface PrometheusTarget {
  url: string;
  labels: Record<string, string>;
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/**
 * A Prometheus of the test's own: Debian's binary (`PROMETHEUS_BIN`, default `prometheus` on PATH)
 * with the repo's config, temp storage, on a free loopback port; `stop()` ends it and removes the folder.
 */
export class PrometheusServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly baseUrl: string,
    private readonly output: string[],
  ) {}

  static async start(configFile: string, targets: PrometheusTarget[], rules: unknown): Promise<PrometheusServer> {
    const dir = mkdtempSync(join(tmpdir(), 'isams-sync-prometheus-'));
    copyFileSync(configFile, join(dir, 'prometheus.yml'));
    writeFileSync(join(dir, 'rules.yaml'), JSON.stringify(rules));
    writeFileSync(
      join(dir, 'targets.json'),
      JSON.stringify(targets.map((t) => ({ targets: [new URL(t.url).host], labels: t.labels }))),
    );
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(
      process.env.PROMETHEUS_BIN ?? 'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const keep = (chunk: Buffer) =>
      output.splice(0, Math.max(0, output.push(...chunk.toString('utf8').split('\n').filter(Boolean)) - 20));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const server = new PrometheusServer(child, dir, `http://127.0.0.1:${port}`, output);
    try {
      await waitFor(
        'Prometheus to be ready',
        async () =>
          child.exitCode === null &&
          (await fetch(`${server.baseUrl}/-/ready`).then(
            (r) => r.ok,
            () => false,
          )),
        30_000,
        200,
      );
    } catch (error) {
      await server.stop();
      throw new Error(`${(error as Error).message}; prometheus said: ${output.slice(-5).join(' | ')}`);
    }
    return server;
  }

  /** An instant query over the HTTP API. */
  async query(promql: string): Promise<PromSample[]> {
    const res = await fetch(`${this.baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (body.status !== 'success') throw new Error(`query ${promql} failed: ${body.error}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  }

  async get<T>(path: string): Promise<T> {
    return (await fetch(`${this.baseUrl}${path}`).then((r) => r.json())) as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
