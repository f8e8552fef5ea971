import { CliUsageError, exitWith, type RegisterCommand } from './command';
import { loadTestDouble } from './test-double.loader';

/** Loaded only when the command runs: the production image leaves the simulator out. */
const loadSimulator = () => loadTestDouble('isams-sync simulator', () => import('@isams-sync/simulator'));

/**
 * The simulator parses its own flags (shared with its standalone entry point), so this command hands everything
 * after `simulator` to it unchanged.
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
        const { SIMULATOR_USAGE, UsageError, simulatorMain } = await loadSimulator();
        if (args.includes('--help') || args.includes('-h')) {
          ctx.io.out(SIMULATOR_USAGE);
          return 0;
        }
        try {
          await simulatorMain(args);
          return 0;
        } catch (error) {
          if (error instanceof UsageError) throw new CliUsageError(error.message);
          throw error;
        }
      }),
    );
};
