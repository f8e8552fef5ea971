/** One `isams-sync <name>` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  summary: string;
  /** a function when the usage text lives in code loaded only on demand (the simulator's) */
  usage: string | (() => Promise<string>);
  /** `env` replaces process.env for this run (tests pass their own); commands read it only through config/. */
  run(argv: string[], io: CliIo, env?: Record<string, string | undefined>): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A command-line mistake: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {}
