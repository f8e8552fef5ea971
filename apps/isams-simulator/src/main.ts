import { ConfigError } from '@isams-sync/config';
import { simulatorMain, UsageError } from './cli/simulator-main';
import { loadSimulatorConfig, simulatorArgsFromConfig } from './config/simulator.config';

async function main(): Promise<void> {
  await simulatorMain([...simulatorArgsFromConfig(loadSimulatorConfig()), ...process.argv.slice(2)]);
}

main().catch((error: unknown) => {
  const plain = error instanceof UsageError || error instanceof ConfigError;
  process.stderr.write(`${plain ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
