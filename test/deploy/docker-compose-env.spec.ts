import type { z } from 'zod';
import { attendanceEnvSchema, loadAttendanceConfig } from '../../apps/attendance/src/config/attendance.config';
import { cliEnvSchema, loadCliConfig } from '../../apps/cli/src/config/cli.config';
import { fetcherEnvSchema, loadFetcherConfig } from '../../apps/fetcher/src/config/fetcher.config';
import { importerEnvSchema, loadImporterConfig } from '../../apps/importer/src/config/importer.config';
import { loadSimulatorConfig, simulatorEnvSchema } from '../../apps/isams-simulator/src/config/simulator.config';
import { loadTransformerConfig, transformerEnvSchema } from '../../apps/transformer/src/config/transformer.config';
import { composeService, execForm, loadComposeFile, resolvedEnvironment } from './compose-file';

interface Reader {
  /** the program's own config loader: throws, listing every bad variable */
  load(env: Record<string, string>): unknown;
  schema: z.AnyZodObject;
  /** variables the image or the service's own command reads, not the program's config */
  extra?: readonly string[];
}

// APP is read by the image's CMD (it picks the app to run), not by the app.
const READERS: Record<string, Reader> = {
  fetcher: { load: loadFetcherConfig, schema: fetcherEnvSchema, extra: ['APP'] },
  transformer: { load: loadTransformerConfig, schema: transformerEnvSchema, extra: ['APP'] },
  importer: { load: loadImporterConfig, schema: importerEnvSchema, extra: ['APP'] },
  attendance: { load: loadAttendanceConfig, schema: attendanceEnvSchema, extra: ['APP'] },
  'isams-simulator': { load: loadSimulatorConfig, schema: simulatorEnvSchema, extra: ['APP'] },
  'db-indexes': { load: loadCliConfig, schema: cliEnvSchema },
  'demo-setup': { load: loadCliConfig, schema: cliEnvSchema, extra: ['SIMULATOR_URL', 'DEMO_SCHOOL_ID'] },
  cli: { load: loadCliConfig, schema: cliEnvSchema },
};

const compose = loadComposeFile();
const programs = Object.keys(compose.services ?? {}).filter((name) => !['mongo', 'rabbitmq'].includes(name));

describe('docker-compose.yml: the environment each service gets is one its program accepts', () => {
  it('knows how every program service reads its environment', () => {
    expect(programs.sort()).toEqual(Object.keys(READERS).sort());
  });

  it.each(Object.keys(READERS))('%s: its own config validation accepts it', (name) => {
    const env = resolvedEnvironment(composeService(compose, name));
    expect(() => READERS[name].load(env)).not.toThrow();
  });

  it.each(Object.keys(READERS))(
    '%s: sets no variable its program ignores (a typo would pass validation unnoticed)',
    (name) => {
      const { schema, extra = [] } = READERS[name];
      const known = new Set([...Object.keys(schema.shape), ...extra]);
      expect(Object.keys(resolvedEnvironment(composeService(compose, name))).filter((key) => !known.has(key))).toEqual(
        [],
      );
    },
  );

  it("demo-setup's command uses the variables it is given", () => {
    const script = execForm(composeService(compose, 'demo-setup').command).join(' ');
    for (const variable of READERS['demo-setup'].extra ?? []) expect(script).toContain(variable);
  });

  it('an invalid value is caught by the same validation (the check can fail)', () => {
    const env = { ...resolvedEnvironment(composeService(compose, 'fetcher')), AMQP_PREFETCH: 'ten' };
    expect(() => READERS.fetcher.load(env)).toThrow(/AMQP_PREFETCH: must be a whole number/);
  });
});
