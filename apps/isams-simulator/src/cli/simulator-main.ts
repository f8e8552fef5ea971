import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { isProfileName, PROFILE_NAMES } from '@isams-sync/simulator';
import { startSimulator, type SimulatorOptions } from '../isams-simulator.server';

export const SIMULATOR_USAGE = `usage: isams-sync simulator [--port 8089] [--seed 42] [--pupils 800] [--medical] [--host 127.0.0.1] [--public-url URL] [--token-path /auth/connect/token] [--profile real|hostile]
Starts a simulated iSAMS (Batch API, REST API and the /_sim control API) and prints GET /_sim/school as one JSON line.
--profile real (default) answers as real iSAMS does; hostile adds the quirks kept for parser hardening.`;

export class UsageError extends Error {}

/** A whole number within bounds, as commander option parser; the message names the flag. */
function integer(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`--${name} needs a whole number from ${min} to ${max}, got ${value}`);
    }
    return Number(value);
  };
}

function matching(name: string, pattern: RegExp, need: string): (value: string) => string {
  return (value) => {
    if (!pattern.test(value)) throw new InvalidArgumentError(`--${name} needs ${need}`);
    return value;
  };
}

/** The simulator's flags, declared with commander (built per parse: commander keeps parsed values on the command). */
function simulatorProgram(): Command {
  return (
    new Command('isams-sync simulator')
      .exitOverride()
      .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
      .helpOption(false)
      .allowExcessArguments(false)
      .option('--port <n>', 'port (0: any free port)', integer('port', 0, 65535), 8089)
      .option('--seed <n>', 'seed of the generated school', integer('seed', 0, 4294967295), 42)
      .option('--pupils <n>', 'pupils in the school', integer('pupils', 0, 100_000), 800)
      .option('--medical', 'also serve medical records (opt-in data)')
      .option('--host <address>', 'address to listen on', matching('host', /\S/, 'an address'))
      .option(
        '--public-url <url>',
        'the address clients use',
        matching('public-url', /^https?:\/\/[^/]+/, 'the address clients use, such as http://isams-simulator:8089'),
      )
      .option('--token-path <path>', 'OAuth2 token path', matching('token-path', /^\//, 'a path starting with /'))
      // optional value, so a bare --profile gets our message rather than commander's
      .option('--profile [name]', 'real (default) or hostile')
      .option('-h, --help', 'print the usage')
  );
}

/** Reads `--port 8089`, `--port=8089`, `--seed`, `--pupils`, `--medical`, `--host`, `--public-url`, `--token-path`, `--profile`. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorOptions & { help: boolean } {
  const program = simulatorProgram();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError)
      throw new UsageError(`${error.message.replace(/^error: /, '')}\n${SIMULATOR_USAGE}`);
    throw error;
  }
  const values = program.opts<{
    port: number;
    seed: number;
    pupils: number;
    medical?: boolean;
    host?: string;
    publicUrl?: string;
    tokenPath?: string;
    profile?: string | true;
    help?: boolean;
  }>();
  const given = values.profile === true ? undefined : values.profile;
  if (values.profile !== undefined && !isProfileName(given)) {
    throw new UsageError(`--profile needs one of ${PROFILE_NAMES.join(', ')}, got ${given ?? 'nothing'}`);
  }
  const profile = isProfileName(given) ? given : undefined;
  return {
    port: values.port,
    seed: values.seed,
    pupils: values.pupils,
    help: values.help === true,
    ...(values.medical ? { medical: true } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values.publicUrl ? { publicUrl: values.publicUrl } : {}),
    ...(values.tokenPath ? { tokenPath: values.tokenPath } : {}),
    ...(profile ? { profile } : {}),
  };
}

/**
 * Runs the simulator until SIGINT or SIGTERM: prints the school's JSON (keys, REST credentials,
 * today's registers) on one stdout line, then closes cleanly. Used by `apps/isams-simulator` and
 * the `isams-sync simulator` command.
 */
export async function simulatorMain(argv: string[]): Promise<void> {
  const options = parseSimulatorArgs(argv);
  if (options.help) {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  const simulator = await startSimulator(options);
  process.stdout.write(`${JSON.stringify(simulator.school.info())}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await simulator.close();
}
