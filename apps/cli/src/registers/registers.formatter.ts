import type { RestRegistrationPeriod } from '@isams-sync/isams';

/** The registration periods a school's REST client sees on a date, and which the school set as its AM and PM registers. */
export interface RegistersReport {
  schoolId: string;
  /** the date asked about; undefined: every period the credentials can see */
  date?: string;
  periods: readonly RestRegistrationPeriod[];
  configured: { am?: string; pm?: string };
}

function configuredAs(report: RegistersReport, periodId: string): string {
  const roles = [
    report.configured.am === periodId ? 'AM register' : '',
    report.configured.pm === periodId ? 'PM register' : '',
  ].filter((role) => role !== '');
  return roles.join(', ');
}

/**
 * What the school is told when it is not sure which registers to give us: every period the REST
 * credentials can see, with its id (what `--am-register-id`/`--pm-register-id` take), and whether the
 * registers already configured are among them.
 */
export function formatRegisters(report: RegistersReport): string[] {
  const header = ['id', 'session', 'date', 'name', 'configured as'];
  const rows = report.periods.map((period) => [
    period.id,
    period.session ?? '',
    period.date.slice(0, 10),
    period.name ?? '',
    configuredAs(report, period.id),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const lines = [
    `registration periods school '${report.schoolId}' can see${report.date ? ` on ${report.date}` : ''}: ${report.periods.length}`,
  ];
  if (report.periods.length > 0) lines.push(line(header), ...rows.map(line));
  for (const [session, id] of [
    ['AM', report.configured.am],
    ['PM', report.configured.pm],
  ] as const) {
    if (id === undefined)
      lines.push(
        `${session} register: not set; choose one above: isams-sync school update --id ${report.schoolId} --${session.toLowerCase()}-register-id ID`,
      );
    else if (!report.periods.some((period) => period.id === id)) {
      lines.push(
        `${session} register ${id} is not among ${report.date ? "this day's" : 'these'} periods: check it (isams-sync school update --id ${report.schoolId} --${session.toLowerCase()}-register-id ID)`,
      );
    }
  }
  return lines;
}

export function registersJson(report: RegistersReport): object {
  return {
    schoolId: report.schoolId,
    ...(report.date ? { date: report.date } : {}),
    configured: report.configured,
    periods: report.periods.map((period) => ({
      ...period,
      configuredAs: configuredAs(report, period.id) || undefined,
    })),
  };
}
