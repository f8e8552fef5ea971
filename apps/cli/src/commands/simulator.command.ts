import { SIMULATOR_USAGE, UsageError, simulatorMain } from '@isams-sync/simulator';
import { CliUsageError, type CliCommand } from './command';

export const simulatorCommand: CliCommand = {
  name: 'simulator',
  summary: "run a stand-in for a school's iSAMS (Batch and REST APIs) on loopback",
  usage: SIMULATOR_USAGE,
  async run(argv) {
    try {
      await simulatorMain(argv);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw new CliUsageError(error.message);
      throw error;
    }
  },
};
