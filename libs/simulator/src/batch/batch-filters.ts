/** What a `<Filters>` POST body asked for, after parsing. Everything is optional: a GET has none. */
export interface DateRange {
  startDate: string;
  endDate: string;
}

export interface ContactFilters {
  /** RelationshipRaw values to keep, compared case-insensitively */
  contactTypes?: readonly string[];
  /** keep only pupil links with these statuses (1 current, 0 applicant, -1 leaver) */
  systemStatuses?: readonly number[];
}

export interface BatchFilters {
  methodsToRun?: readonly string[];
  contacts?: ContactFilters;
  registrationStatus?: DateRange;
  registrationPeriods?: DateRange;
  outOfSchoolPupils?: DateRange;
}

export const NO_FILTERS: BatchFilters = {};
