/** One `isams-sync <name>` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {}
