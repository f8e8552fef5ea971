import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { exitWith, type RegisterCommand } from './command';
import { testDoubleMissing } from './test-double.loader';

/** dist/apps/cli/src/commands/ → dist/apps/isams-simulator/src/main.js (apps never import apps: the CLI runs it). */
export const SIMULATOR_ENTRY = path.resolve(__dirname, '..', '..', '..', 'isams-simulator', 'src', 'main.js');

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

function requireEntry(entry: string): string {
  // the production image leaves the simulator app out; say which image has it
  if (!existsSync(entry)) throw testDoubleMissing('isams-sync simulator', `no ${entry}`);
  return entry;
}

/**
 * Runs the simulator app with these arguments in the foreground: its output is ours, SIGINT and SIGTERM go on to it
 * (it closes its server and exits), and its exit code becomes ours (2 for a usage mistake, which it has printed).
 */
export function runSimulatorApp(
  entry: string,
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const child = spawn(process.execPath, [requireEntry(entry), ...argv], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise<number>((resolve, reject) => {
    const done = () => FORWARDED_SIGNALS.forEach((signal) => process.off(signal, forward));
    child.once('error', (error) => {
      done();
      reject(new Error(`could not start the simulator (${entry}): ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      // stopped by a forwarded signal: a clean stop, as when the simulator handles it itself
      resolve(code ?? (signal && FORWARDED_SIGNALS.includes(signal) ? 0 : 1));
    });
  });
}

/** The simulator app's own usage text (it parses its own flags). */
async function simulatorUsage(entry: string): Promise<string> {
  return (
    await promisify(execFile)(process.execPath, [requireEntry(entry), '--help'], { timeout: 30_000 })
  ).stdout.trimEnd();
}

/**
 * `isams-sync simulator …`: the simulator parses its own flags (shared with its standalone entry point), so everything
 * after `simulator` goes to the app unchanged.
 */
export const registerSimulator: RegisterCommand = (program, ctx) => {
  program
    .command('simulator')
    .summary("run a stand-in for a school's iSAMS (Batch and REST APIs) on loopback")
    .argument('[options...]', "the simulator's own options (see isams-sync simulator --help)")
    .helpOption(false)
    .allowUnknownOption()
    .passThroughOptions()
    .action(
      exitWith(ctx, async (args: string[]) => {
        if (args.includes('--help') || args.includes('-h')) {
          ctx.io.out(await simulatorUsage(SIMULATOR_ENTRY));
          return 0;
        }
        return runSimulatorApp(SIMULATOR_ENTRY, args, { ...process.env, ...ctx.env });
      }),
    );
};
