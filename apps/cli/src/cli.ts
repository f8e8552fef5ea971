import { Command, CommanderError } from 'commander';
import { buildInfo } from '@isams-sync/observability';
import { registerAttendance } from './commands/attendance.command';
import { registerDb } from './commands/db.command';
import { CliUsageError, type CliContext, type CliEnv, type CliIo, type RegisterCommand } from './commands/command';
import { registerDemo } from './commands/demo.command';
import { registerDlq } from './commands/dlq.command';
import { registerKeys } from './commands/keys.command';
import { registerRegisters } from './commands/registers.command';
import { registerReport } from './commands/report.command';
import { registerRun } from './commands/run.command';
import { registerRuns } from './commands/runs.command';
import { registerSchool } from './commands/school.command';
import { registerSimulator } from './commands/simulator.command';
import { registerSync } from './commands/sync.command';
import { registerTransform } from './commands/transform.command';

const COMMANDS: readonly RegisterCommand[] = [
  registerAttendance,
  registerDb,
  registerDemo,
  registerDlq,
  registerKeys,
  registerRegisters,
  registerReport,
  registerRun,
  registerRuns,
  registerSchool,
  registerSimulator,
  registerSync,
  registerTransform,
];

/** Commander's own ways out that are not mistakes. */
const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

/** The whole program, built fresh for each run (commander keeps parsed values on its commands). */
export function buildProgram(ctx: CliContext): Command {
  const { version, revision } = buildInfo();
  const program = new Command('isams-sync')
    .description(
      'Support and operations for isams-sync: schools, keys, runs, reports, dead letters, attendance.\nEvery command that changes something records who did it: --actor NAME or ISAMS_SYNC_ACTOR (required when NODE_ENV=production).',
    )
    .version(`isams-sync ${version} (${revision})`, '-V, --version', 'print the version and git revision')
    .usage('<command> [options]')
    // a parent's options (attendance --school) stay apart from its sub-command's (attendance report --school)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out(text.replace(/\n$/, '')),
      writeErr: (text) => ctx.io.err(text.replace(/\n$/, '')),
    })
    .showSuggestionAfterError()
    .addHelpText('after', "\nRun 'isams-sync <command> --help' for a command's options.");
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

/** Runs one command line; returns the exit code. A bare `isams-sync` prints the help and exits 0. */
export async function runCli(argv: string[], io: CliIo, env?: CliEnv): Promise<number> {
  const ctx: CliContext = { io, env, exitCode: 0 };
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    io.out(program.helpInformation().replace(/\n$/, ''));
    return 0;
  }
  let current: Command = program;
  program.hook('preAction', (_program, action) => {
    current = action;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return SUCCESS_CODES.has(error.code) ? 0 : 2;
    const name = commandPath(current);
    if (error instanceof CliUsageError) {
      io.err(`${name}: ${error.message}\n\n${current.helpInformation().replace(/\n$/, '')}`);
      return 2;
    }
    io.err(`${name}: ${(error as Error).message}`);
    return 1;
  }
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
