/**
 * The one source of truth for the iSAMS Batch API methods the sync (and the simulator) speaks:
 * each method's name, the endpoint that serves it, the filter it needs, the section it returns, and
 * the public evidence for each of those. A method or shape nobody has seen from a real iSAMS says
 * UNCONFIRMED beside it. docs/isams.md prints this table in words; correct a fact here and the
 * fetcher, `keys check`, the normaliser and the simulator all follow.
 */

/** Where the evidence comes from (public repositories; facts learnt, nothing copied). */
export const EVIDENCE = {
  recordedMethods:
    'CraigChamberlain/IsamsBatchApiClient.NET.Core Isams.BatchApiClient.Core.Tests/Responses/Resources.cs (methods recorded from developerdemo.isams.cloud, with which need a filter)',
  recordedSamples:
    'CraigChamberlain/IsamsBatchApiClient.NET.Core Isams.BatchApiClient.Core.Tests/Responses/Examples/ (recorded answers)',
  clientModels:
    'CraigChamberlain/IsamsBatchApiClient.NET.Core Isams.BatchApiClient.Core/src/Model and src/Collections (XmlSerializer classes)',
  filterDocs: 'mtpc4s9/isams-scraper backend/dev_docs_test.md (copy of iSAMS "Filtering Data")',
  laravel: 'simonbowen/laravel-isams src/Repositories/XML/SetRepository.php (XPath over TeachingManager)',
  isamsTools: 'cranleighschool/isams-tools isams_tools/connectors/isams_api.py (ElementTree over RegistrationManager)',
  unconfirmed: 'UNCONFIRMED',
} as const;

export type Evidence = (typeof EVIDENCE)[keyof typeof EVIDENCE];

/** The Batch endpoints under a school's access URL. Photos have endpoints of their own. */
export const BATCH_ENDPOINTS = {
  xml: '/api/batch/1.0/xml.ashx',
  photos: '/api/batch/1.0/photos.ashx',
  staffPhotos: '/api/batch/1.0/staffphotos.ashx',
} as const;
export type BatchEndpoint = keyof typeof BATCH_ENDPOINTS;

/** A method's `<Filters>` entry: `<Module><Element …attributes/></Module>`. */
export interface MethodFilter {
  module: string;
  element: string;
  /** iSAMS answers FiltersRequiredException when a request runs the method without it */
  required: boolean;
}

export interface BatchMethodSpec {
  /** `[module, collection, item]` under `<iSAMS>` */
  section: readonly [string, string, string];
  endpoint: BatchEndpoint;
  filter?: MethodFilter;
  /** evidence that the method exists under this name (and whether it needs a filter) */
  nameEvidence: Evidence;
  /** evidence for the section's element names */
  shapeEvidence: Evidence;
}

const spec = (
  section: readonly [string, string, string],
  nameEvidence: Evidence,
  shapeEvidence: Evidence,
  extra: Partial<Pick<BatchMethodSpec, 'endpoint' | 'filter'>> = {},
): BatchMethodSpec => ({
  section,
  endpoint: extra.endpoint ?? 'xml',
  ...(extra.filter ? { filter: extra.filter } : {}),
  nameEvidence,
  shapeEvidence,
});

const registrationFilter = (element: string): MethodFilter => ({ module: 'Registration', element, required: true });

export const BATCH_METHOD_SPECS = {
  Pupil_GetCurrentPupils: spec(
    ['PupilManager', 'CurrentPupils', 'Pupil'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  Pupil_GetSiblings: spec(['PupilManager', 'Pupils', 'Pupil'], EVIDENCE.recordedMethods, EVIDENCE.recordedSamples),
  Pupil_GetApplicants: spec(
    ['PupilManager', 'Applicants', 'Applicant'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
  ContactAdvanced_GetContacts: spec(
    ['PupilManager', 'Contacts', 'Contact'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
    {
      filter: { module: 'StudentManager', element: 'Contacts', required: true },
    },
  ),
  Pupil_GetCurrentPupilsPhotos: spec(
    ['PupilManager', 'PupilPhotos', 'PupilPhoto'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
    { endpoint: 'photos' },
  ),
  Pupil_GetCurrentPupilsHealth: spec(
    ['MedicalManager', 'PupilMedicalRecords', 'PupilMedicalRecord'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
  HumanResources_GetCurrentStaff: spec(
    ['HRManager', 'CurrentStaff', 'StaffMember'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  HumanResources_GetCurrentStaffPhotos: spec(
    ['HRManager', 'StaffPhotos', 'StaffPhoto'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
    { endpoint: 'staffPhotos' },
  ),
  School_GetAllYears: spec(['SchoolManager', 'Years', 'Year'], EVIDENCE.recordedMethods, EVIDENCE.recordedSamples),
  School_GetSchoolForms: spec(['SchoolManager', 'Forms', 'Form'], EVIDENCE.recordedMethods, EVIDENCE.recordedSamples),
  School_GetAcademicHouses: spec(
    ['SchoolManager', 'AcademicHouses', 'House'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  School_GetBoardingHouses: spec(
    ['SchoolManager', 'BoardingHouses', 'House'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  School_GetSchoolDivisions: spec(
    ['SchoolManager', 'SchoolDivisions', 'SchoolDivision'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  School_GetSchoolTerms: spec(['SchoolManager', 'Terms', 'Term'], EVIDENCE.recordedMethods, EVIDENCE.clientModels),
  School_GetPastoralTutors: spec(
    ['SchoolManager', 'PastoralTutors', 'StaffMember'],
    EVIDENCE.recordedMethods,
    EVIDENCE.recordedSamples,
  ),
  Teaching_GetDepartmentsAndSubjects: spec(
    ['TeachingManager', 'Departments', 'Department'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
  Teaching_GetTeachingSets: spec(['TeachingManager', 'Sets', 'Set'], EVIDENCE.recordedMethods, EVIDENCE.laravel),
  Teaching_GetTeachingSetLists: spec(
    ['TeachingManager', 'SetLists', 'SetList'],
    EVIDENCE.recordedMethods,
    EVIDENCE.laravel,
  ),
  Teaching_GetTeachingForms: spec(
    ['TeachingManager', 'TeachingForms', 'TeachingForm'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
  Registration_GetRegistrationStatus: spec(
    ['RegistrationManager', 'RegistrationStatuses', 'RegistrationStatus'],
    EVIDENCE.recordedMethods,
    EVIDENCE.isamsTools,
    {
      filter: registrationFilter('RegistrationStatus'),
    },
  ),
  Registration_GetRegistrationPeriods: spec(
    ['RegistrationManager', 'RegistrationPeriods', 'RegistrationPeriod'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
    {
      filter: registrationFilter('RegistrationPeriods'),
    },
  ),
  Registration_GetOutOfSchoolPupils: spec(
    ['RegistrationManager', 'OutOfSchoolPupils', 'OutOfSchoolPupil'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
    {
      filter: registrationFilter('OutOfSchoolPupils'),
    },
  ),
  Registration_GetRegistrationCodes: spec(
    ['RegistrationManager', 'AbsenceCodes', 'AbsenceCode'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
  Registration_GetPresentCodes: spec(
    ['RegistrationManager', 'PresentCodes', 'PresentCode'],
    EVIDENCE.recordedMethods,
    EVIDENCE.unconfirmed,
  ),
} as const satisfies Record<string, BatchMethodSpec>;

export type BatchMethodName = keyof typeof BATCH_METHOD_SPECS;

export function isBatchMethodName(name: string): name is BatchMethodName {
  return Object.prototype.hasOwnProperty.call(BATCH_METHOD_SPECS, name);
}

/** The real spelling of a method name iSAMS (or a school) wrote in another case: `pupil_getcurrentpupils`. */
export function knownMethodName(name: string): BatchMethodName | undefined {
  const wanted = name.trim().toLowerCase();
  return (Object.keys(BATCH_METHOD_SPECS) as BatchMethodName[]).find((method) => method.toLowerCase() === wanted);
}

/** method → `[module, collection, item]`, the shape every reader and the simulator use. */
export const SECTIONS = Object.fromEntries(
  Object.entries(BATCH_METHOD_SPECS).map(([method, { section }]) => [method, section]),
) as {
  readonly [M in BatchMethodName]: (typeof BATCH_METHOD_SPECS)[M]['section'];
};

/** Short names the code uses for the methods. */
export const BATCH_METHODS = {
  currentPupils: 'Pupil_GetCurrentPupils',
  siblings: 'Pupil_GetSiblings',
  applicants: 'Pupil_GetApplicants',
  contacts: 'ContactAdvanced_GetContacts',
  pupilPhotos: 'Pupil_GetCurrentPupilsPhotos',
  currentStaff: 'HumanResources_GetCurrentStaff',
  staffPhotos: 'HumanResources_GetCurrentStaffPhotos',
  years: 'School_GetAllYears',
  forms: 'School_GetSchoolForms',
  academicHouses: 'School_GetAcademicHouses',
  boardingHouses: 'School_GetBoardingHouses',
  divisions: 'School_GetSchoolDivisions',
  terms: 'School_GetSchoolTerms',
  pastoralTutors: 'School_GetPastoralTutors',
  departments: 'Teaching_GetDepartmentsAndSubjects',
  sets: 'Teaching_GetTeachingSets',
  setLists: 'Teaching_GetTeachingSetLists',
  teachingForms: 'Teaching_GetTeachingForms',
  medical: 'Pupil_GetCurrentPupilsHealth',
  registrationStatus: 'Registration_GetRegistrationStatus',
  registrationPeriods: 'Registration_GetRegistrationPeriods',
  outOfSchool: 'Registration_GetOutOfSchoolPupils',
  registrationCodes: 'Registration_GetRegistrationCodes',
  presentCodes: 'Registration_GetPresentCodes',
} as const satisfies Record<string, BatchMethodName>;
export type BatchMethod = (typeof BATCH_METHODS)[keyof typeof BATCH_METHODS];
