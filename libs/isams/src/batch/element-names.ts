/**
 * Every iSAMS Batch XML element and attribute name the sync reads or the simulator writes.
 * Paths are relative to the `<iSAMS>` root. Names marked UNCONFIRMED are our best reading of
 * ../shared/ISAMS.md; correct them here and both sides follow.
 */
export const ROOT = 'iSAMS';

export const SECTIONS = {
  // method → [module, collection, item]
  Pupil_GetCurrentPupils: ['PupilManager', 'CurrentPupils', 'Pupil'],
  Pupil_GetContacts: ['PupilManager', 'Contacts', 'Contact'],
  Pupil_GetSiblings: ['PupilManager', 'Siblings', 'Sibling'],
  Pupil_GetApplicants: ['PupilManager', 'Applicants', 'Applicant'],
  Pupil_GetPupilPhotos: ['PupilManager', 'PupilPhotos', 'PupilPhoto'], // UNCONFIRMED
  HumanResources_GetCurrentStaff: ['HRManager', 'CurrentStaff', 'StaffMember'],
  HumanResources_GetStaffPhotos: ['HRManager', 'StaffPhotos', 'StaffPhoto'], // UNCONFIRMED
  School_GetAllYears: ['SchoolManager', 'Years', 'Year'],
  School_GetSchoolForms: ['SchoolManager', 'Forms', 'Form'],
  School_GetAcademicHouses: ['SchoolManager', 'AcademicHouses', 'House'],
  School_GetBoardingHouses: ['SchoolManager', 'BoardingHouses', 'House'],
  School_GetSchoolDivisions: ['SchoolManager', 'SchoolDivisions', 'Division'],
  School_GetSchoolTerms: ['SchoolManager', 'Terms', 'Term'],
  School_GetPastoralTutors: ['SchoolManager', 'PastoralTutors', 'Tutor'],
  TeachingManager_GetDepartments: ['TeachingManager', 'Departments', 'Department'], // UNCONFIRMED
  TeachingManager_GetSets: ['TeachingManager', 'Sets', 'Set'], // UNCONFIRMED
  TeachingManager_GetSetLists: ['TeachingManager', 'SetLists', 'SetList'], // UNCONFIRMED
  Medical_GetPupilMedicalRecords: ['MedicalManager', 'PupilMedicalRecords', 'PupilMedicalRecord'], // UNCONFIRMED
  Registration_GetRegistrationStatus: ['RegistrationManager', 'RegistrationStatuses', 'RegistrationStatus'], // UNCONFIRMED
  Registration_GetRegistrationPeriods: ['RegistrationManager', 'RegistrationPeriods', 'RegistrationPeriod'], // UNCONFIRMED
  Registration_GetPupilsOutOfSchool: ['RegistrationManager', 'OutOfSchoolPupils', 'OutOfSchoolPupil'], // UNCONFIRMED
  Registration_GetAbsenceCodes: ['RegistrationManager', 'AbsenceCodes', 'AbsenceCode'], // UNCONFIRMED
  Registration_GetPresentCodes: ['RegistrationManager', 'PresentCodes', 'PresentCode'], // UNCONFIRMED
} as const;

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
