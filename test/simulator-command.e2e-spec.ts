import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// npm test builds dist/ first (scripts/ensure-deps.sh --build); the CLI runs the simulator app from there
const CLI = path.resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

/** The first stdout line of a process, or the reason there is none. */
function firstLine(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no line within ${timeoutMs} ms (so far: ${out})`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before a line`)));
  });
}

describe('isams-sync simulator (the CLI runs the simulator app as a child process)', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm test builds it)`);
  });

  it("--help prints the app's usage", async () => {
    const { stdout } = await run(process.execPath, [CLI, 'simulator', '--help']);
    expect(stdout).toMatch(/^usage: isams-sync simulator \[--port 8089\].*--profile real\|hostile/m);
  });

  it('a bad option exits 2 with the reason, as the app does', async () => {
    await expect(run(process.execPath, [CLI, 'simulator', '--pupils', 'lots'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--pupils needs a whole number from 0 to 100000, got lots/),
    });
  });

  it('serves the school it prints, and SIGTERM to the CLI stops the simulator too (exit 0)', async () => {
    const cli = spawn(process.execPath, [CLI, 'simulator', '--port', '0', '--seed', '9', '--pupils', '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    try {
      const info = JSON.parse(await firstLine(cli, 30_000)) as { seed: number; pupils: number; accessUrl: string };
      expect(info).toMatchObject({ seed: 9, pupils: 7 });
      const school = (await (await fetch(`${info.accessUrl}/_sim/school`)).json()) as { seed: number };
      expect(school.seed).toBe(9);
      cli.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`${info.accessUrl}/health/live`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    } finally {
      cli.kill('SIGKILL');
    }
  }, 60_000);
});
