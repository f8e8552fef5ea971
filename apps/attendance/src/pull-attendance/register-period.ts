import type { AttendanceSession } from '@isams-sync/contracts';
import type { RestRegistrationPeriod } from '@isams-sync/isams';

/**
 * Which registration period is the school's AM or PM register on `date`. The id the school gave
 * wins when it is one of that day's periods; otherwise the day's period of that session (iSAMS
 * numbers periods per day, so a configured id names a register only on one day at some schools).
 */
export function chooseRegisterPeriod(
  periods: readonly RestRegistrationPeriod[],
  date: string,
  session: AttendanceSession,
  configuredId?: string,
): RestRegistrationPeriod | undefined {
  const onDate = periods.filter((period) => period.date.slice(0, 10) === date);
  const configured = configuredId === undefined ? undefined : onDate.find((period) => period.id === configuredId);
  if (configured) return configured;
  const bySession = onDate.filter((period) => period.session?.toUpperCase() === session);
  return [...bySession].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))[0];
}
