/**
 * The datasets a school registers one Batch key for, and the iSAMS methods each key is
 * expected to have ticked. Method names marked UNCONFIRMED in ../shared/ISAMS.md are our
 * best reading: correcting one is a one-line change here (and nowhere else).
 */
export const DATASETS = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos', 'medical'] as const;
export type Dataset = (typeof DATASETS)[number];

export const REQUIRED_DATASETS: readonly Dataset[] = ['pupils', 'contacts', 'staff', 'structure', 'teaching', 'photos'];

export function isDataset(value: string): value is Dataset {
  return (DATASETS as readonly string[]).includes(value);
}

export const BATCH_METHODS = {
  currentPupils: 'Pupil_GetCurrentPupils',
  siblings: 'Pupil_GetSiblings',
  applicants: 'Pupil_GetApplicants',
  contacts: 'Pupil_GetContacts', // UNCONFIRMED
  pupilPhotos: 'Pupil_GetPupilPhotos', // UNCONFIRMED
  currentStaff: 'HumanResources_GetCurrentStaff',
  staffPhotos: 'HumanResources_GetStaffPhotos', // UNCONFIRMED
  years: 'School_GetAllYears',
  forms: 'School_GetSchoolForms',
  academicHouses: 'School_GetAcademicHouses',
  boardingHouses: 'School_GetBoardingHouses',
  divisions: 'School_GetSchoolDivisions',
  terms: 'School_GetSchoolTerms',
  pastoralTutors: 'School_GetPastoralTutors',
  departments: 'TeachingManager_GetDepartments', // UNCONFIRMED
  sets: 'TeachingManager_GetSets', // UNCONFIRMED
  setLists: 'TeachingManager_GetSetLists', // UNCONFIRMED
  medical: 'Medical_GetPupilMedicalRecords', // UNCONFIRMED
  registrationStatus: 'Registration_GetRegistrationStatus', // UNCONFIRMED
  registrationPeriods: 'Registration_GetRegistrationPeriods', // UNCONFIRMED
  outOfSchool: 'Registration_GetPupilsOutOfSchool', // UNCONFIRMED
  absenceCodes: 'Registration_GetAbsenceCodes', // UNCONFIRMED
  presentCodes: 'Registration_GetPresentCodes', // UNCONFIRMED
} as const;
export type BatchMethod = (typeof BATCH_METHODS)[keyof typeof BATCH_METHODS];

/** Methods a key for each dataset must have ticked (a missing one makes the dataset unusable). */
export const DATASET_METHODS: Record<Dataset, readonly BatchMethod[]> = {
  pupils: [BATCH_METHODS.currentPupils],
  contacts: [BATCH_METHODS.contacts],
  staff: [BATCH_METHODS.currentStaff],
  structure: [
    BATCH_METHODS.years,
    BATCH_METHODS.forms,
    BATCH_METHODS.academicHouses,
    BATCH_METHODS.boardingHouses,
    BATCH_METHODS.divisions,
    BATCH_METHODS.terms,
  ],
  teaching: [BATCH_METHODS.departments, BATCH_METHODS.sets, BATCH_METHODS.setLists],
  photos: [BATCH_METHODS.pupilPhotos],
  medical: [BATCH_METHODS.medical],
};
