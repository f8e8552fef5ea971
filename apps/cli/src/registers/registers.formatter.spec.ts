import { formatRegisters, registersJson, type RegistersReport } from './registers.formatter';

const report = (
  configured: RegistersReport['configured'],
  periods = [
    { id: '15037', name: 'Morning registration', date: '2026-11-23T00:00:00', session: 'AM' },
    { id: '15038', name: 'Afternoon registration', date: '2026-11-23T00:00:00', session: 'PM' },
  ],
): RegistersReport => ({ schoolId: 'demo-school', date: '2026-11-23', periods, configured });

describe('formatRegisters', () => {
  it('lists each period with its id and marks the configured registers', () => {
    const lines = formatRegisters(report({ am: '15037', pm: '15038' }));
    expect(lines[0]).toBe("registration periods school 'demo-school' can see on 2026-11-23: 2");
    expect(lines[1]).toMatch(/^id\s+session\s+date\s+name\s+configured as$/);
    expect(lines[2]).toMatch(/^15037\s+AM\s+2026-11-23\s+Morning registration\s+AM register$/);
    expect(lines[3]).toMatch(/^15038\s+PM\s+2026-11-23\s+Afternoon registration\s+PM register$/);
    expect(lines).toHaveLength(4);
  });

  it.each([
    [{}, /AM register: not set; choose one above: isams-sync school update --id demo-school --am-register-id ID/],
    [{ am: '15037', pm: '999' }, /PM register 999 is not among this day's periods/],
  ])('tells the school what to do when the registers are %j', (configured, expected) => {
    expect(formatRegisters(report(configured)).join('\n')).toMatch(expected);
  });

  it('lists every visible period when no date was asked for', () => {
    const lines = formatRegisters({ ...report({ am: '15037', pm: '1' }), date: undefined });
    expect(lines[0]).toBe("registration periods school 'demo-school' can see: 2");
    expect(lines.join('\n')).toContain('PM register 1 is not among these periods');
  });

  it('says when no period is visible', () => {
    expect(formatRegisters(report({ am: '1', pm: '2' }, []))[0]).toBe(
      "registration periods school 'demo-school' can see on 2026-11-23: 0",
    );
  });

  it('gives the same as JSON', () => {
    expect(registersJson(report({ am: '15037' }))).toMatchObject({
      schoolId: 'demo-school',
      periods: [
        { id: '15037', configuredAs: 'AM register' },
        { id: '15038', configuredAs: undefined },
      ],
    });
  });
});
