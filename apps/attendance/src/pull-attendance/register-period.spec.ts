import { chooseRegisterPeriod } from './register-period';

const periods = [
  { id: '100', date: '2026-11-23T00:00:00', session: 'AM', name: 'AM Registration' },
  { id: '101', date: '2026-11-23T00:00:00', session: 'PM', name: 'PM Registration' },
  { id: '102', date: '2026-11-24T00:00:00', session: 'AM', name: 'AM Registration' },
  { id: '99', date: '2026-11-23T00:00:00', session: 'AM', name: 'Boarders AM' },
];

describe('chooseRegisterPeriod', () => {
  it.each([
    ['the configured id, when it is on that date', '2026-11-23', 'AM', '100', '100'],
    ['the configured id even when another AM period sorts first', '2026-11-23', 'AM', '100', '100'],
    ["the day's period of the session when the configured id is another day's", '2026-11-24', 'AM', '100', '102'],
    ['the lowest id (numerically) of the session when none is configured', '2026-11-23', 'AM', undefined, '99'],
    ['PM', '2026-11-23', 'PM', '101', '101'],
    ['none on a day without registers', '2026-11-28', 'AM', '100', undefined],
  ] as const)('%s', (_name, date, session, configured, expected) => {
    expect(chooseRegisterPeriod(periods, date, session, configured)?.id).toBe(expected);
  });
});
