import { registrationPeriodId } from '../calendar/school-calendar';
import { generateSchoolData } from '../generate/school.generator';
import { outOfSchoolOn } from './out-of-school';
import { isKnownPeriod, registerMarks, registrationPeriods } from './register-marks';

describe('register marks', () => {
  const { data } = generateSchoolData({ seed: 9, pupils: 400, dataQuality: { duplicateRegisterRow: 0.05 } });
  const am = registrationPeriodId(data.today, 'AM');

  it('lists an AM and a PM period for every school day so far', () => {
    const periods = registrationPeriods(data);
    expect(periods[periods.length - 2]).toMatchObject({ id: am, session: 'AM', date: data.today });
    expect(periods[periods.length - 1]).toMatchObject({ id: am + 1, session: 'PM' });
    expect(isKnownPeriod(data, am)).toBe(true);
    expect(isKnownPeriod(data, am + 2)).toBe(false);
  });

  it('is deterministic and covers every pupil on roll, with some duplicate rows', () => {
    const marks = registerMarks(data, am);
    expect(registerMarks(data, am)).toEqual(marks);
    expect(new Set(marks.map((mark) => mark.schoolId))).toEqual(new Set(data.pupils.map((pupil) => pupil.schoolId)));
    expect(marks.length).toBeGreaterThan(data.pupils.length);
  });

  it('has the marks a real register has', () => {
    const marks = registerMarks(data, am);
    expect(marks.some((mark) => mark.present && !mark.late)).toBe(true);
    expect(marks.some((mark) => mark.late && mark.minutesLate > 0)).toBe(true);
    const absence = (authorised: boolean) =>
      marks.some(
        (mark) =>
          !mark.present &&
          mark.registered &&
          data.absenceCodes.find((code) => code.id === mark.absenceCodeId)?.authorised === authorised,
      );
    expect(absence(true)).toBe(true);
    expect(absence(false)).toBe(true);
    expect(marks.some((mark) => !mark.registered && mark.code === '')).toBe(true);
  });

  it('marks pupils who are out of school as present off site', () => {
    const date = registrationPeriods(data)
      .map((period) => period.date)
      .find((day) => outOfSchoolOn(data, day).length > 0) as string;
    const away = outOfSchoolOn(data, date);
    const marks = registerMarks(data, registrationPeriodId(date, 'AM'));
    for (const record of away) {
      expect(marks.find((mark) => mark.schoolId === record.schoolId)).toMatchObject({
        present: true,
        outOfSchool: true,
        presentCodeId: record.presentCodeId,
      });
    }
  });

  it('takes the marks not yet taken when a register is taken again', () => {
    const before = registerMarks(data, am);
    const after = registerMarks({ ...data, registerVersions: { [am]: 1 } }, am);
    expect(before.some((mark) => !mark.registered)).toBe(true);
    expect(after.every((mark) => mark.registered)).toBe(true);
  });
});
