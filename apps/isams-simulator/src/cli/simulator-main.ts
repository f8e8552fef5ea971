import { isProfileName, PROFILE_NAMES } from '@isams-sync/simulator';
import { startSimulator, type SimulatorOptions } from '../isams-simulator.server';

export const SIMULATOR_USAGE = `usage: isams-sync simulator [--port 8089] [--seed 42] [--pupils 800] [--medical] [--host 127.0.0.1] [--public-url URL] [--token-path /auth/connect/token] [--profile real|hostile]
Starts a simulated iSAMS (Batch API, REST API and the /_sim control API) and prints GET /_sim/school as one JSON line.
--profile real (default) answers as real iSAMS does; hostile adds the quirks kept for parser hardening.`;

export class UsageError extends Error {}

function integer(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} needs a whole number from ${min} to ${max}, got ${value ?? 'nothing'}`);
  }
  return Number(value);
}

/** Reads `--port 8089`, `--port=8089`, `--seed`, `--pupils`, `--medical`, `--host`, `--public-url`, `--token-path`, `--profile`. */
export function parseSimulatorArgs(argv: readonly string[]): SimulatorOptions & { help: boolean } {
  const options: SimulatorOptions & { help: boolean } = { seed: 42, pupils: 800, port: 8089, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integer('port', value(), 0, 65535);
        break;
      case '--seed':
        options.seed = integer('seed', value(), 0, 4294967295);
        break;
      case '--pupils':
        options.pupils = integer('pupils', value(), 0, 100_000);
        break;
      case '--medical':
        options.medical = true;
        break;
      case '--host':
        options.host = value();
        if (!options.host) throw new UsageError('--host needs an address');
        break;
      case '--public-url':
        options.publicUrl = value();
        if (!options.publicUrl || !/^https?:\/\/[^/]+/.test(options.publicUrl))
          throw new UsageError('--public-url needs the address clients use, such as http://isams-simulator:8089');
        break;
      case '--token-path':
        options.tokenPath = value();
        if (!options.tokenPath?.startsWith('/')) throw new UsageError('--token-path needs a path starting with /');
        break;
      case '--profile': {
        const profile = value();
        if (!isProfileName(profile))
          throw new UsageError(`--profile needs one of ${PROFILE_NAMES.join(', ')}, got ${profile ?? 'nothing'}`);
        options.profile = profile;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${argv[i]}\n${SIMULATOR_USAGE}`);
    }
  }
  return options;
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
