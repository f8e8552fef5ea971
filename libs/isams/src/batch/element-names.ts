/**
 * Every iSAMS Batch XML element and attribute name the sync reads or the simulator writes.
 * Paths are relative to the `<iSAMS>` root; methods, endpoints and sections are in batch-methods.ts.
 * Names marked UNCONFIRMED have no public evidence (docs/isams.md lists what has); correct them
 * here and both sides follow.
 */
export const ROOT = 'iSAMS';

/** Children of a `PupilManager/Contacts/Contact` whose names ISAMS.md marks UNCONFIRMED. Values are `1`/`0` (tolerate `True`/`False`). */
export const CONTACT_FLAGS = {
  allMerges: 'IncludeInAllMailMerges',
  correspondence: 'IncludeInMailMergeForCorrespondence',
  contactOnly: 'ContactOnly',
  reports: 'IncludeInMailMergeForReports',
  billing: 'IncludeInMailMergeForBilling',
  studentHome: 'StudentHome',
  /** `Yes` | `No` | `Default` */
  parentalResponsibility: 'ParentalResponsibility',
} as const;

/** `PupilPhoto` (attribute `SchoolId`) and `StaffPhoto` (attribute `StaffId`) children. UNCONFIRMED. */
export const PHOTO_FIELDS = { contentType: 'ContentType', lastUpdated: 'LastUpdated', data: 'Data' } as const;

/**
 * `PupilMedicalRecord` (attribute `Id`) children. UNCONFIRMED.
 * `SchoolId`, `Conditions/Condition` (`Name`, `Severity`, `Notes`), `Allergies/Allergy` (`Name`, `Severity`, `Reaction`),
 * `Medications/Medication` (`Name`, `Dosage`), `DietaryRequirements`, `MedicalNotes`.
 */
export const MEDICAL_FIELDS = {
  schoolId: 'SchoolId',
  conditions: ['Conditions', 'Condition'],
  allergies: ['Allergies', 'Allergy'],
  medications: ['Medications', 'Medication'],
  dietaryRequirements: 'DietaryRequirements',
  notes: 'MedicalNotes',
} as const;

/**
 * Id attributes. iSAMS sometimes spells them with a lower-case first letter (`id`): readers try
 * the spelling here first, then the lower-cased one.
 */
export const ID_ATTRIBUTES = {
  id: 'Id',
  personId: 'PersonId',
  personGuid: 'PersonGuid',
  subjectId: 'SubjectId',
  yearId: 'YearId',
  staffId: 'StaffId',
  setId: 'SetId',
  pupilId: 'PupilId',
  schoolId: 'SchoolId',
  tutorId: 'TutorId',
  houseMasterId: 'HouseMasterId',
  /** `True` / `False` (laravel-isams reads `Teacher[@PrimaryTeacher='True']`); `1`/`0` tolerated */
  primaryTeacher: 'PrimaryTeacher',
  /** `Pupil` attributes beside `Id` and `PersonGuid` (C# client model PupilManagerCurrentPupil) */
  divisionId: 'DivisionId',
  academicHouseId: 'AcademicHouseId',
  boardingHouseId: 'BoardingHouseId',
} as const;

/** A child carrying `Legacy="True"` repeats an older reference; it is ignored when an id attribute exists. */
export const LEGACY_ATTRIBUTE = 'Legacy';

/** Children of `PupilManager/CurrentPupils/Pupil`. */
export const PUPIL_FIELDS = {
  schoolId: 'SchoolId',
  schoolCode: 'SchoolCode',
  upn: 'UPN',
  userCode: 'UserCode',
  userName: 'UserName',
  title: 'Title',
  forename: 'Forename',
  middleNames: 'Middlename',
  surname: 'Surname',
  initials: 'Initials',
  preferredName: 'Preferredname', // sic
  fullName: 'Fullname',
  gender: 'Gender',
  dateOfBirth: 'DOB',
  email: 'EmailAddress',
  ncYear: 'NCYear',
  form: 'Form',
  academicHouse: 'AcademicHouse',
  boardingHouse: 'BoardingHouse',
  divisionName: 'DivisionName',
  tutor: 'Tutor',
  pupilType: 'PupilType',
  familyId: 'FamilyId',
  enrolmentDate: 'EnrolmentDate',
  enrolmentSchoolYear: 'EnrolmentSchoolYear',
  /** flat text, comma-separated by priority: "British,Pakistani" */
  nationalities: 'Nationalities',
} as const;

/** Children of `PupilManager/Contacts/Contact` (the mail-merge flags are in CONTACT_FLAGS). */
export const CONTACT_FIELDS = {
  title: 'Title',
  forename: 'Forename',
  surname: 'Surname',
  email: 'EmailAddress',
  mobile: 'Mobile',
  telephone: 'Telephone',
  relationship: 'RelationshipRaw',
  /** `Pupils/Pupil` (attribute `Id`), each with `SchoolId` and `Status`. */
  pupils: ['Pupils', 'Pupil'],
  pupilSchoolId: 'SchoolId',
  pupilStatus: 'Status',
} as const;

/** Children of `HRManager/CurrentStaff/StaffMember`. */
export const STAFF_FIELDS = {
  userCode: 'UserCode',
  userName: 'UserName',
  title: 'Title',
  forename: 'Forename',
  middleNames: 'MiddleNames',
  surname: 'Surname',
  preferredName: 'PreferredName',
  initials: 'Initials',
  fullName: 'FullName',
  nameInitials: 'NameInitials',
  salutation: 'Salutation',
  email: 'SchoolEmailAddress',
  mobile: 'SchoolMobileNumber',
  gender: 'Gender',
  dateOfBirth: 'DOB',
  /** `1` / `0` (tolerate `True` / `False`). */
  teaching: 'TeachingStaff',
  leavingDate: 'LeavingDate',
  roles: ['Roles', 'Role'],
  roleName: 'Name',
  /** `Divisions/Division[@Id]/Name`. */
  divisions: ['Divisions', 'Division'],
  divisionName: 'Name',
} as const;

/**
 * Children of `SchoolManager` items: `Year` (`Name`, `Code`, `NationalCurriculumYear`), `Form` (element
 * `Form`, `NationalCurriculumYear`), `House` (`Name`, `Code`), `SchoolDivision` (`Name`, `Code`,
 * `Years/Year[@Id, @YearId]`). Recorded samples: School/GetAllYears, GetSchoolForms, GetSchoolDivisions.
 */
export const STRUCTURE_FIELDS = {
  name: 'Name',
  code: 'Code',
  formName: 'Form',
  nationalCurriculumYear: 'NationalCurriculumYear',
  divisionYears: ['Years', 'Year'],
} as const;

/** `TeachingManager` children: `Department` (`Name`, `Subjects/Subject`), `Subject` and `Set` fields, `Teachers/Teacher`. */
export const TEACHING_FIELDS = {
  departmentName: 'Name',
  subjects: ['Subjects', 'Subject'],
  subjectName: 'Name',
  subjectCode: 'Code',
  setCode: 'SetCode',
  setName: 'Name',
  setNumber: 'SetNumber',
  block: 'Block',
  teachers: ['Teachers', 'Teacher'],
  /** Legacy child of a `SetList`, holding the pupil's SchoolId. */
  setListSchoolId: 'SchoolId',
} as const;

/** `Conditions/Condition`, `Allergies/Allergy`, `Medications/Medication` children of a `PupilMedicalRecord`. UNCONFIRMED. */
export const MEDICAL_ITEM_FIELDS = {
  name: 'Name',
  severity: 'Severity',
  notes: 'Notes',
  reaction: 'Reaction',
  dosage: 'Dosage',
} as const;

// ---------------------------------------------------------------------------------------------
// Added with the simulator (issue 3): names it writes that the blocks above do not list yet.
// Names without evidence in docs/isams.md are UNCONFIRMED.
// ---------------------------------------------------------------------------------------------

/** Contact address children (flat under `Contact`). UNCONFIRMED. */
export const CONTACT_ADDRESS_FIELDS = {
  address1: 'Address1',
  address2: 'Address2',
  town: 'Town',
  county: 'County',
  postcode: 'Postcode',
  country: 'Country',
} as const;

/**
 * `PupilManager/Pupils/Pupil` (Pupil_GetSiblings): the pupil's Legacy `SchoolId`, `Status`, and
 * `Siblings/Sibling[@PupilId]` each with a Legacy `SchoolId` and `Status` (recorded sample Pupil/GetSiblings).
 */
export const SIBLING_FIELDS = { schoolId: 'SchoolId', status: 'Status', siblings: ['Siblings', 'Sibling'] } as const;

/** Legacy children (`Legacy="True"`) repeating a staff UserCode next to an id attribute. */
export const LEGACY_REFERENCE_FIELDS = {
  /** on a `Form`, beside `TutorId` */
  formTutor: 'Tutor',
  /** on a `House`, beside `HouseMasterId` */
  houseMaster: 'HouseMaster',
  /** on a `Set`, beside `Teachers/Teacher[@StaffId]` */
  setTeacher: 'Teacher',
} as const;

/** `SchoolManager/Terms/Term` children beyond `Name`/`Code` (C# client model Term). */
export const TERM_FIELDS = { schoolYear: 'SchoolYear', startDate: 'StartDate', finishDate: 'FinishDate' } as const;

/** `TeachingManager/Departments/Department` code child. UNCONFIRMED. */
export const DEPARTMENT_FIELDS = { code: 'Code' } as const;

/**
 * `RegistrationManager` record children (Batch). `RegistrationStatus` with `PupilId` (the pupil's
 * SchoolId), `Registered` and `Code` is read by cranleighschool/isams-tools; the rest is UNCONFIRMED.
 */
export const REGISTRATION_FIELDS = {
  pupilId: 'PupilId',
  registrationPeriodId: 'RegistrationPeriodId',
  /** `1` when the mark has been taken, `0` when not yet */
  registered: 'Registered',
  code: 'Code',
  name: 'Name',
  presentCodeId: 'PresentCodeId',
  absenceCodeId: 'AbsenceCodeId',
  minutesLate: 'MinutesLate',
  date: 'Date',
  /** `AM` | `PM` */
  session: 'Session',
  startTime: 'StartTime',
  endTime: 'EndTime',
  startDate: 'StartDate',
  endDate: 'EndDate',
  reason: 'Reason',
  /** AbsenceCode: `1`/`0` */
  authorised: 'Authorised',
  /** PresentCode: `1`/`0` (educated off site, visits, fixtures) */
  offSite: 'OffSite',
  /** PresentCode: `1`/`0` */
  late: 'Late',
} as const;

/** The POST body that narrows a Batch request: `<Filters>`. */
export const FILTERS = {
  root: 'Filters',
  methodsToRun: ['MethodsToRun', 'Method'],
  /** `<StudentManager><Contacts ContactTypes="Mother,Father" SystemStatusesToInclude="1"/></StudentManager>` (iSAMS filter docs) */
  contacts: ['StudentManager', 'Contacts'],
  contactTypes: 'ContactTypes',
  systemStatusesToInclude: 'SystemStatusesToInclude',
  /** `<Registration><RegistrationStatus StartDate=".." EndDate=".."/></Registration>` and siblings */
  registration: 'Registration',
  registrationStatus: 'RegistrationStatus',
  registrationPeriods: 'RegistrationPeriods',
  outOfSchoolPupils: 'OutOfSchoolPupils',
  startDate: 'StartDate',
  endDate: 'EndDate',
} as const;

/** Error body: `<Message><MessageId/><MessageName/><Title/><Description/></Message>`. */
export const ERROR_MESSAGE = {
  root: 'Message',
  messageId: 'MessageId',
  messageName: 'MessageName',
  title: 'Title',
  description: 'Description',
} as const;

export const ERROR_IDS = {
  invalidApiKey: 'InvalidApiKey',
  methodsNotAllocated: 'MethodsNotAllocatedToKeyException',
  missingParameter: 'MissingParameter',
  filtersRequired: 'FiltersRequiredException',
  unhandled: 'UnhandledException',
  /** what a throttled answer says is UNCONFIRMED: treat any unrecognised id as "back off" */
  throttled: 'ThrottleLimitExceededException',
} as const;
