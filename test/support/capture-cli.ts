import { runCli } from '../../apps/cli/src/cli';

/** What one in-process CLI run printed and returned. */
export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in this process with `env`, collecting stdout and stderr lines. */
export async function captureCli(args: string[], env: Record<string, string | undefined>): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
