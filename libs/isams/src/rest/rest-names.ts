/**
 * Every iSAMS REST name the attendance pull uses: paths, the named array of each paged answer and
 * the OAuth2 scope. The array names are UNCONFIRMED (iSAMS documents them only behind a login);
 * they are the ones the simulator serves, decided once here.
 */
export const REST_SCOPE = 'restapi';
export const DEFAULT_REST_TOKEN_PATH = '/auth/connect/token';

export const REST_PATHS = {
  absenceCodes: '/api/registration/absencecodes',
  presentCodes: '/api/registration/presentcodes',
  periods: '/api/registration/periods',
  register: (registrationPeriodId: string) => `/api/registration/register/${encodeURIComponent(registrationPeriodId)}`,
  outOfSchool: '/api/registration/outofschool',
} as const;

export const REST_ARRAY_NAMES = {
  absenceCodes: 'absenceCodes',
  presentCodes: 'presentCodes',
  periods: 'registrationPeriods',
  register: 'registrationStatuses',
  outOfSchool: 'outOfSchoolRecords',
} as const;

/** iSAMS accepts up to 500 a page; fewer, larger pages mean fewer calls against the school's server. */
export const DEFAULT_REST_PAGE_SIZE = 500;
