import { type Command, InvalidArgumentError } from 'commander';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** `env` replaces process.env for one run (tests pass their own); commands read it only through config/. */
export type CliEnv = Record<string, string | undefined>;

/** What a command's action gets besides its options: where to print and the environment. */
export interface CliContext {
  io: CliIo;
  env?: CliEnv;
  /** the action's exit code (0 unless set) */
  exitCode: number;
}

/**
 * One `isams-sync <name>` command: adds itself (options, help, sub-commands) to the program.
 * Its action sets `ctx.exitCode`; a CliUsageError it throws exits 2 with the command's help.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** A command-line mistake: printed with the command's help, exit code 2. */
export class CliUsageError extends Error {}

/** Wraps an async action so its returned exit code lands in the context. */
export function exitWith<A extends unknown[]>(
  ctx: CliContext,
  action: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    ctx.exitCode = await action(...args);
  };
}

/** A number above zero, for options such as --timeout-seconds; commander reports anything else as a usage mistake. */
export function positiveNumber(flag: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`${flag} must be a positive number`);
    return value;
  };
}
