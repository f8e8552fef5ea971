import type { SchoolInfo } from '@isams-sync/simulator';

/**
 * The simulated school as support would register it: the settings file `isams-sync school add --file` reads, with
 * every Batch key, the REST credentials and today's AM/PM register ids. The compose demo pipes it into the CLI.
 */
export function schoolRegistration(info: SchoolInfo, id: string, timezone: string): Record<string, unknown> {
  return {
    id,
    name: info.name,
    accessUrl: info.accessUrl,
    timezone,
    batchKeys: info.keys,
    medicalOptIn: info.medical,
    rest: {
      clientId: info.rest.clientId,
      clientSecret: info.rest.clientSecret,
      tokenPath: info.rest.tokenPath,
      amRegisterId: String(info.registers.am),
      pmRegisterId: String(info.registers.pm),
    },
  };
}
