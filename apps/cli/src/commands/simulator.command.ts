import { CliUsageError, type CliCommand } from './command';
import { loadTestDouble } from './test-double.loader';

const loadSimulator = () => loadTestDouble('isams-sync simulator', () => import('@isams-sync/simulator'));

export const simulatorCommand: CliCommand = {
  name: 'simulator',
  summary: "run a stand-in for a school's iSAMS (Batch and REST APIs) on loopback",
  usage: async () => (await loadSimulator()).SIMULATOR_USAGE,
  async run(argv) {
    const { UsageError, simulatorMain } = await loadSimulator();
    try {
      await simulatorMain(argv);
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw new CliUsageError(error.message);
      throw error;
    }
  },
};
