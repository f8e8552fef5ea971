import { simulatorMain, UsageError } from '@isams-sync/simulator';

simulatorMain(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
