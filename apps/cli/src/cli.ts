import type { CliCommand, CliIo } from './commands/command';
import { CliUsageError } from './commands/command';
import { attendanceCommand } from './commands/attendance.command';
import { dbCommand } from './commands/db.command';
import { demoCommand } from './commands/demo.command';
import { keysCommand } from './commands/keys.command';
import { registersCommand } from './commands/registers.command';
import { reportCommand } from './commands/report.command';
import { runCommand } from './commands/run.command';
import { schoolCommand } from './commands/school.command';
import { simulatorCommand } from './commands/simulator.command';
import { syncCommand } from './commands/sync.command';
import { transformCommand } from './commands/transform.command';

export const COMMANDS: readonly CliCommand[] = [attendanceCommand, dbCommand, demoCommand, keysCommand, registersCommand, reportCommand, runCommand, schoolCommand, simulatorCommand, syncCommand, transformCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'isams-sync <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'isams-sync <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, env?: Record<string, string | undefined>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  const usage = async () => (typeof command.usage === 'string' ? command.usage : command.usage());
  if (rest.includes('--help') || rest.includes('-h')) {
    try {
      io.out(await usage());
      return 0;
    } catch (error) {
      io.err(`${name}: ${(error as Error).message}`);
      return 1;
    }
  }
  try {
    return await command.run(rest, io, env);
  } catch (error) {
    if (error instanceof CliUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${name}: ${(error as Error).message}\n\n${await usage()}`);
      return 2;
    }
    io.err(`${name}: ${(error as Error).message}`);
    return 1;
  }
}
