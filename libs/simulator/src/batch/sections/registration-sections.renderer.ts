import { ID_ATTRIBUTES, REGISTRATION_FIELDS, SECTIONS } from '@isams-sync/isams';
import { schoolDaysUpTo } from '../../calendar/school-calendar';
import { outOfSchoolOn } from '../../registers/out-of-school';
import { registerMarks, registrationPeriods } from '../../registers/register-marks';
import { close, collection, element, flag, isamsDate, open } from '../../xml/xml-text';
import type { DateRange } from '../batch-filters';
import type { RenderContext } from '../render-context';

function inRange(date: string, range: DateRange | undefined): boolean {
  return range !== undefined && date >= range.startDate && date <= range.endDate;
}

export function* registrationPeriodsSection({ data, filters }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Registration_GetRegistrationPeriods;
  yield* collection(
    depth,
    name,
    registrationPeriods(data)
      .filter((period) => inRange(period.date, filters.registrationPeriods))
      .map(
        (period) =>
          open(depth + 1, item, { [ID_ATTRIBUTES.id]: period.id }) +
          element(depth + 2, REGISTRATION_FIELDS.name, period.name) +
          element(depth + 2, REGISTRATION_FIELDS.date, isamsDate(period.date)) +
          element(depth + 2, REGISTRATION_FIELDS.session, period.session) +
          element(depth + 2, REGISTRATION_FIELDS.startTime, period.startTime) +
          element(depth + 2, REGISTRATION_FIELDS.endTime, period.endTime) +
          close(depth + 1, item),
      ),
  );
}

/** Register marks; `PupilId` holds the pupil's SchoolId, as in real exports. */
export function* registrationStatusSection({ data, filters }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Registration_GetRegistrationStatus;
  let id = 1;
  yield* collection(
    depth,
    name,
    (function* () {
      for (const period of registrationPeriods(data).filter((candidate) =>
        inRange(candidate.date, filters.registrationStatus),
      )) {
        for (const mark of registerMarks(data, period.id)) {
          yield (
            open(depth + 1, item, { [ID_ATTRIBUTES.id]: id++ }) +
            element(depth + 2, REGISTRATION_FIELDS.pupilId, mark.schoolId) +
            element(depth + 2, REGISTRATION_FIELDS.registrationPeriodId, mark.registrationPeriodId) +
            element(depth + 2, REGISTRATION_FIELDS.registered, flag(mark.registered)) +
            element(depth + 2, REGISTRATION_FIELDS.code, mark.code) +
            element(depth + 2, REGISTRATION_FIELDS.presentCodeId, mark.presentCodeId ?? '') +
            element(depth + 2, REGISTRATION_FIELDS.absenceCodeId, mark.absenceCodeId ?? '') +
            element(depth + 2, REGISTRATION_FIELDS.minutesLate, mark.minutesLate) +
            close(depth + 1, item)
          );
        }
      }
    })(),
  );
}

export function* outOfSchoolSection({ data, filters }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Registration_GetOutOfSchoolPupils;
  yield* collection(
    depth,
    name,
    (function* () {
      for (const date of schoolDaysUpTo(data.today).filter((day) => inRange(day, filters.outOfSchoolPupils))) {
        for (const record of outOfSchoolOn(data, date)) {
          yield (
            open(depth + 1, item, { [ID_ATTRIBUTES.id]: record.id }) +
            element(depth + 2, REGISTRATION_FIELDS.pupilId, record.schoolId) +
            element(depth + 2, REGISTRATION_FIELDS.startDate, record.startDate) +
            element(depth + 2, REGISTRATION_FIELDS.endDate, record.endDate) +
            element(depth + 2, REGISTRATION_FIELDS.reason, record.reason) +
            element(depth + 2, REGISTRATION_FIELDS.presentCodeId, record.presentCodeId) +
            close(depth + 1, item)
          );
        }
      }
    })(),
  );
}

export function* absenceCodesSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Registration_GetRegistrationCodes;
  yield* collection(
    depth,
    name,
    data.absenceCodes.map(
      (code) =>
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: code.id }) +
        element(depth + 2, REGISTRATION_FIELDS.code, code.code) +
        element(depth + 2, REGISTRATION_FIELDS.name, code.name) +
        element(depth + 2, REGISTRATION_FIELDS.authorised, flag(code.authorised)) +
        close(depth + 1, item),
    ),
  );
}

export function* presentCodesSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Registration_GetPresentCodes;
  yield* collection(
    depth,
    name,
    data.presentCodes.map(
      (code) =>
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: code.id }) +
        element(depth + 2, REGISTRATION_FIELDS.code, code.code) +
        element(depth + 2, REGISTRATION_FIELDS.name, code.name) +
        element(depth + 2, REGISTRATION_FIELDS.late, flag(code.late)) +
        element(depth + 2, REGISTRATION_FIELDS.offSite, flag(code.offSite)) +
        close(depth + 1, item),
    ),
  );
}
