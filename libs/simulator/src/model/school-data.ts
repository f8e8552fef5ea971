/**
 * The simulated school's truth as plain data. Every record is immutable: a day's changes build new
 * arrays and new records, so a cached Batch answer can keep pointing at yesterday's `SchoolData`
 * and render it again byte for byte.
 */

/** Pupil system status as iSAMS reports it on a contact's linked pupils. */
export const PUPIL_STATUS = { current: 1, applicant: 0, leaver: -1 } as const;
export type PupilStatus = (typeof PUPIL_STATUS)[keyof typeof PUPIL_STATUS];

/** Quirks a record is written with; they change the bytes, never the meaning. */
export interface RecordQuirks {
  /** the id attribute is spelt `id` */
  lowerCaseId?: boolean;
}

export interface YearRecord {
  /** the year's id, which is what pupils carry as `NCYear` */
  id: number;
  name: string;
  code: string;
  campus: 1 | 2;
  divisionId: number;
}

export interface FormRecord {
  name: string;
  yearId: number;
  tutorStaffId: number;
}

export interface HouseRecord {
  id: number;
  name: string;
  code: string;
  houseMasterStaffId: number;
}

export interface DivisionRecord {
  id: number;
  name: string;
  code: string;
}

export interface TermRecord {
  id: number;
  name: string;
  schoolYear: number;
  startDate: string;
  finishDate: string;
}

export interface SimulatedStaffMember extends RecordQuirks {
  id: number;
  personId: number;
  personGuid: string;
  userCode: string;
  userName: string;
  title: string;
  forename: string;
  middleNames: string;
  surname: string;
  preferredName: string;
  initials: string;
  email: string;
  mobile: string;
  gender: 'M' | 'F';
  dob: string;
  teaching: boolean;
  /** '' while employed; a date (past or future) once a leaving date is set */
  leavingDate: string;
  roles: readonly string[];
  divisionIds: readonly number[];
}

export interface PupilRecord extends RecordQuirks {
  /** the `Id` attribute (set lists and contacts refer to it) */
  id: number;
  personGuid: string;
  /** the stable pupil key used everywhere else */
  schoolId: string;
  schoolCode: string;
  upn: string;
  userCode: string;
  userName: string;
  title: string;
  forename: string;
  middleName: string;
  surname: string;
  preferredName: string;
  initials: string;
  fullName: string;
  gender: 'M' | 'F';
  dob: string;
  /** '' when the pupil has none */
  email: string;
  ncYear: number;
  form: string;
  academicHouse: string;
  /** '' for day pupils */
  boardingHouse: string;
  divisionName: string;
  tutorStaffId: number;
  pupilType: 'Day' | 'Boarder' | 'Flexi-boarder';
  familyId: number;
  enrolmentDate: string;
  enrolmentSchoolYear: number;
  photoUpdated: string;
}

export interface ApplicantRecord {
  id: number;
  personGuid: string;
  schoolId: string;
  forename: string;
  surname: string;
  gender: 'M' | 'F';
  dob: string;
  ncYear: number;
  familyId: number;
  enrolmentSchoolYear: number;
}

export interface ContactPupilLink {
  /** the pupil's `Id` attribute */
  pupilId: number;
  schoolId: string;
  status: PupilStatus;
}

export interface ContactFlags {
  allMerges: boolean;
  correspondence: boolean;
  contactOnly: boolean;
  reports: boolean;
  billing: boolean;
  studentHome: boolean;
  parentalResponsibility: 'Yes' | 'No' | 'Default';
}

export interface SimulatedContact extends RecordQuirks {
  id: number;
  personId: number;
  title: string;
  forename: string;
  surname: string;
  email: string;
  mobile: string;
  telephone: string;
  /** free text: Mother, Father, Stepmother, Parents, Grandmother, Emergency Contact… */
  relationship: string;
  address1: string;
  address2: string;
  town: string;
  county: string;
  postcode: string;
  country: string;
  flags: ContactFlags;
  pupils: readonly ContactPupilLink[];
}

export interface SubjectRecord {
  id: number;
  name: string;
  code: string;
}

export interface DepartmentRecord {
  id: number;
  name: string;
  code: string;
  subjects: readonly SubjectRecord[];
}

export interface SetTeacher {
  staffId: number;
  primary: boolean;
}

export interface SetRecord {
  id: number;
  subjectId: number;
  yearId: number;
  setCode: string;
  name: string;
  setNumber: number;
  block: string;
  teachers: readonly SetTeacher[];
}

export interface SetListRecord extends RecordQuirks {
  id: number;
  setId: number;
  /** the pupil's `Id` attribute */
  pupilId: number;
  /** repeated as a Legacy child */
  schoolId: string;
}

export interface MedicalItem {
  name: string;
  severity: string;
  detail: string;
}

export interface SimulatedMedicalRecord {
  id: number;
  schoolId: string;
  conditions: readonly MedicalItem[];
  allergies: readonly MedicalItem[];
  medications: readonly { name: string; dosage: string }[];
  dietaryRequirements: string;
  notes: string;
}

export interface AbsenceCode {
  id: number;
  code: string;
  name: string;
  authorised: boolean;
}

export interface PresentCode {
  id: number;
  code: string;
  name: string;
  late: boolean;
  /** educated off site: visits, fixtures, work experience */
  offSite: boolean;
}

/** How the pupils feed is currently broken by a scripted scenario (a whole-feed problem, not a fault). */
export type PupilsFeedMode = 'complete' | 'empty' | 'truncated-half';

export interface NextIds {
  pupil: number;
  person: number;
  contact: number;
  staff: number;
  family: number;
  set: number;
  setList: number;
  medical: number;
  schoolCode: number;
}

export interface SchoolData {
  seed: number;
  name: string;
  /** school day the data describes, YYYY-MM-DD */
  today: string;
  /** how many days have been advanced since generation */
  dayNumber: number;
  /** the first calendar year of the academic year (2026 for 2026/27) */
  academicYear: number;
  emailDomain: string;
  years: readonly YearRecord[];
  forms: readonly FormRecord[];
  academicHouses: readonly HouseRecord[];
  boardingHouses: readonly HouseRecord[];
  divisions: readonly DivisionRecord[];
  terms: readonly TermRecord[];
  staff: readonly SimulatedStaffMember[];
  pupils: readonly PupilRecord[];
  applicants: readonly ApplicantRecord[];
  contacts: readonly SimulatedContact[];
  departments: readonly DepartmentRecord[];
  sets: readonly SetRecord[];
  setLists: readonly SetListRecord[];
  /** null when the school has not opted in to medical data */
  medical: readonly SimulatedMedicalRecord[] | null;
  absenceCodes: readonly AbsenceCode[];
  presentCodes: readonly PresentCode[];
  /** register re-takes per period id (bumps change the marks deterministically) */
  registerVersions: Readonly<Record<number, number>>;
  pupilsFeed: PupilsFeedMode;
  duplicateRegisterRowRate: number;
  /** share of new set-list rows written with a lower-case `id` */
  lowerCaseIdRate: number;
  nextIds: NextIds;
}
