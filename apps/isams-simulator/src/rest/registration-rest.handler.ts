import {
  paged,
  readPage,
  type RegisterMark,
  type RegistrationPeriod,
  type SimulatedSchool,
} from '@isams-sync/simulator';
import { REST_ARRAY_NAMES } from '@isams-sync/isams';
import { jsonPlan, type ResponsePlan } from '../http/response-plan';

export const REGISTRATION_PREFIX = '/api/registration/';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function notFound(message: string): ResponsePlan {
  return jsonPlan(404, { message });
}

function periodJson(period: RegistrationPeriod): Record<string, unknown> {
  return {
    id: period.id,
    name: period.name,
    date: `${period.date}T00:00:00`,
    session: period.session,
    startTime: period.startTime,
    endTime: period.endTime,
  };
}

function markJson(mark: RegisterMark): Record<string, unknown> {
  return {
    schoolId: mark.schoolId,
    registrationPeriodId: mark.registrationPeriodId,
    registered: mark.registered,
    present: mark.present,
    late: mark.late,
    minutesLate: mark.minutesLate,
    presentCodeId: mark.presentCodeId,
    absenceCodeId: mark.absenceCodeId,
    code: mark.code,
    outOfSchool: mark.outOfSchool,
    lastUpdated: mark.lastUpdated === '' ? null : mark.lastUpdated,
  };
}

/**
 * `GET /api/registration/…` once the bearer token has been checked: absence and present codes,
 * registration periods (optionally for one `date`), the register of one period (duplicates included),
 * and out-of-school records for a `date` (required).
 */
export function handleRegistrationRequest(school: SimulatedSchool, path: string, query: URLSearchParams): ResponsePlan {
  const resource = path.slice(REGISTRATION_PREFIX.length).toLowerCase().replace(/\/+$/, '');
  const pageRequest = readPage(query);
  if (!pageRequest.ok) return jsonPlan(400, { message: pageRequest.message });
  const { page } = pageRequest;
  const data = school.data;

  if (resource === 'absencecodes') {
    return jsonPlan(
      200,
      paged(
        data.absenceCodes.map((code) => ({
          id: code.id,
          code: code.code,
          name: code.name,
          isAuthorised: code.authorised,
        })),
        page,
        REST_ARRAY_NAMES.absenceCodes,
      ),
    );
  }
  if (resource === 'presentcodes') {
    return jsonPlan(
      200,
      paged(
        data.presentCodes.map((code) => ({
          id: code.id,
          code: code.code,
          name: code.name,
          isLate: code.late,
          isOffSite: code.offSite,
        })),
        page,
        REST_ARRAY_NAMES.presentCodes,
      ),
    );
  }
  if (resource === 'periods') {
    const date = query.get('date');
    if (date !== null && !DATE.test(date))
      return jsonPlan(400, { message: 'The value of date must be a date in the form yyyy-MM-dd.' });
    const periods = school.periods().filter((period) => date === null || period.date === date);
    return jsonPlan(200, paged(periods.map(periodJson), page, REST_ARRAY_NAMES.periods));
  }
  const register = /^register\/(\d+)$/.exec(resource);
  if (register) {
    const periodId = Number(register[1]);
    if (!school.periods().some((period) => period.id === periodId))
      return notFound(`No registration period was found with the id ${periodId}.`);
    return jsonPlan(200, {
      registrationPeriodId: periodId,
      ...paged(school.register(periodId).map(markJson), page, REST_ARRAY_NAMES.register),
    });
  }
  if (resource === 'outofschool') {
    const date = query.get('date');
    if (date === null || !DATE.test(date))
      return jsonPlan(400, { message: 'The date parameter is required, in the form yyyy-MM-dd.' });
    const records = school.outOfSchool(date).map((record) => ({
      id: record.id,
      schoolId: record.schoolId,
      startDate: record.startDate,
      endDate: record.endDate,
      reason: record.reason,
      presentCodeId: record.presentCodeId,
    }));
    return jsonPlan(200, paged(records, page, REST_ARRAY_NAMES.outOfSchool));
  }
  return notFound('No HTTP resource was found that matches the request URI.');
}
