import { BATCH_METHOD_SPECS, type BatchEndpoint, ROOT, SECTIONS } from '@isams-sync/isams';
import type { SchoolData } from '../model/school-data';
import { close, declaration, EOL, open } from '../xml/xml-text';
import type { BatchFilters } from './batch-filters';
import { NO_FILTERS } from './batch-filters';
import { renderContext, type SectionRenderer } from './render-context';
import { WIRE_PROFILES, type WireProfile } from './wire-profile';
import { contactsSection } from './sections/contacts-section.renderer';
import { medicalSection } from './sections/medical-section.renderer';
import {
  applicantsSection,
  currentPupilsSection,
  pupilPhotosSection,
  siblingsSection,
} from './sections/pupil-sections.renderer';
import {
  absenceCodesSection,
  outOfSchoolSection,
  presentCodesSection,
  registrationPeriodsSection,
  registrationStatusSection,
} from './sections/registration-sections.renderer';
import {
  academicHousesSection,
  boardingHousesSection,
  divisionsSection,
  formsSection,
  pastoralTutorsSection,
  termsSection,
  yearsSection,
} from './sections/school-sections.renderer';
import { currentStaffSection, staffPhotosSection } from './sections/staff-sections.renderer';
import {
  departmentsSection,
  setListsSection,
  setsSection,
  teachingFormsSection,
} from './sections/teaching-sections.renderer';

export type SectionMethod = keyof typeof SECTIONS;

/** Every method the simulator can run, with the renderer of its section. */
export const SECTION_RENDERERS: Readonly<Record<SectionMethod, SectionRenderer>> = {
  Pupil_GetCurrentPupils: currentPupilsSection,
  ContactAdvanced_GetContacts: contactsSection,
  Pupil_GetSiblings: siblingsSection,
  Pupil_GetApplicants: applicantsSection,
  Pupil_GetCurrentPupilsPhotos: pupilPhotosSection,
  HumanResources_GetCurrentStaff: currentStaffSection,
  HumanResources_GetCurrentStaffPhotos: staffPhotosSection,
  School_GetAllYears: yearsSection,
  School_GetSchoolForms: formsSection,
  School_GetAcademicHouses: academicHousesSection,
  School_GetBoardingHouses: boardingHousesSection,
  School_GetSchoolDivisions: divisionsSection,
  School_GetSchoolTerms: termsSection,
  School_GetPastoralTutors: pastoralTutorsSection,
  Teaching_GetDepartmentsAndSubjects: departmentsSection,
  Teaching_GetTeachingSets: setsSection,
  Teaching_GetTeachingSetLists: setListsSection,
  Teaching_GetTeachingForms: teachingFormsSection,
  Pupil_GetCurrentPupilsHealth: medicalSection,
  Registration_GetRegistrationStatus: registrationStatusSection,
  Registration_GetRegistrationPeriods: registrationPeriodsSection,
  Registration_GetOutOfSchoolPupils: outOfSchoolSection,
  Registration_GetRegistrationCodes: absenceCodesSection,
  Registration_GetPresentCodes: presentCodesSection,
};

export function isSectionMethod(name: string): name is SectionMethod {
  return Object.prototype.hasOwnProperty.call(SECTION_RENDERERS, name);
}

/** The canonical spelling of a method name given in any case ("pupil_getcurrentpupils"). */
export function canonicalMethod(name: string): SectionMethod | undefined {
  return (Object.keys(SECTION_RENDERERS) as SectionMethod[]).find(
    (method) => method.toLowerCase() === name.trim().toLowerCase(),
  );
}

/** Which parsed filter holds each `<Filters>` element the simulator reads. */
const FILTER_OF_ELEMENT: Readonly<Record<string, keyof BatchFilters>> = {
  Contacts: 'contacts',
  RegistrationStatus: 'registrationStatus',
  RegistrationPeriods: 'registrationPeriods',
  OutOfSchoolPupils: 'outOfSchoolPupils',
};

/** The filter each method needs, read from the method table: a request without it answers FiltersRequiredException. */
export const REQUIRED_FILTERS: Readonly<Partial<Record<SectionMethod, keyof BatchFilters>>> = Object.fromEntries(
  (Object.keys(BATCH_METHOD_SPECS) as SectionMethod[]).flatMap((method) => {
    const filter = (BATCH_METHOD_SPECS[method] as { filter?: { element: string; required: boolean } }).filter;
    if (!filter?.required) return [];
    const parsed = FILTER_OF_ELEMENT[filter.element];
    if (!parsed) throw new Error(`the simulator cannot read the ${filter.element} filter ${method} requires`);
    return [[method, parsed]];
  }),
);

/** True when a filter the method needs is in the request (a contacts filter needs at least one attribute). */
export function hasRequiredFilter(method: SectionMethod, filters: BatchFilters): boolean {
  const name = REQUIRED_FILTERS[method];
  if (name === undefined) return true;
  const filter = filters[name];
  if (filter === undefined) return false;
  return typeof filter !== 'object' || Object.values(filter).some((value) => value !== undefined);
}

/** The endpoint that serves a method (photos have their own). */
export function endpointOf(method: SectionMethod): BatchEndpoint {
  return BATCH_METHOD_SPECS[method].endpoint;
}

/**
 * The declaration a data answer carries: utf-8 in the real profile; in the hostile one, utf-16
 * (over UTF-8 bytes) on people answers, which .NET XmlSerializer and PHP DOMDocument refuse.
 */
export function declaredEncodingFor(
  methods: readonly SectionMethod[],
  profile: WireProfile = WIRE_PROFILES.real,
): 'utf-8' | 'utf-16' {
  if (!profile.utf16Label) return 'utf-8';
  return methods.some((method) => SECTIONS[method][0] === 'PupilManager' || SECTIONS[method][0] === 'HRManager')
    ? 'utf-16'
    : 'utf-8';
}

/**
 * The document a key returns, as a lazy sequence of text chunks (one per record or closing tag), so
 * a 30,000-pupil answer is written as it is produced. Modules appear in the order their first method
 * is listed; each method's section sits inside its module.
 */
export function* renderBatchChunks(
  data: SchoolData,
  methods: readonly SectionMethod[],
  filters: BatchFilters,
  encoding: 'utf-8' | 'utf-16',
  profile: WireProfile = WIRE_PROFILES.real,
): Generator<string> {
  const context = renderContext(data, filters, profile);
  const modules = new Map<string, SectionMethod[]>();
  for (const method of methods) {
    const moduleName = SECTIONS[method][0];
    modules.set(moduleName, [...(modules.get(moduleName) ?? []), method]);
  }
  yield declaration(encoding) + open(0, ROOT);
  for (const [moduleName, moduleMethods] of modules) {
    yield open(1, moduleName);
    for (const method of moduleMethods) yield* SECTION_RENDERERS[method](context, 2);
    yield close(1, moduleName);
  }
  yield `</${ROOT}>${EOL}`;
}

/** The whole document as one string (tests and benchmarks; the server streams instead). */
export function renderBatchString(
  data: SchoolData,
  methods: readonly string[],
  filters: BatchFilters = NO_FILTERS,
  profile: WireProfile = WIRE_PROFILES.real,
): string {
  const known = methods.map((method) => {
    const canonical = canonicalMethod(method);
    if (!canonical) throw new RangeError(`unknown iSAMS method: ${method}`);
    return canonical;
  });
  return [...renderBatchChunks(data, known, filters, declaredEncodingFor(known, profile), profile)].join('');
}
