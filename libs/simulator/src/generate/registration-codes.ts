import type { AbsenceCode, PresentCode } from '../model/school-data';

/** The DfE attendance codes an English independent school uses, with iSAMS-style ids. */
export const ABSENCE_CODES: readonly AbsenceCode[] = [
  { id: 1, code: 'I', name: 'Illness', authorised: true },
  { id: 2, code: 'M', name: 'Medical/dental appointment', authorised: true },
  { id: 3, code: 'R', name: 'Religious observance', authorised: true },
  { id: 4, code: 'E', name: 'Excluded', authorised: true },
  { id: 5, code: 'C', name: 'Other authorised circumstances', authorised: true },
  { id: 6, code: 'G', name: 'Holiday not agreed', authorised: false },
  { id: 7, code: 'O', name: 'Unauthorised absence', authorised: false },
  { id: 8, code: 'U', name: 'Late after registers closed', authorised: false },
  { id: 9, code: 'N', name: 'No reason yet provided', authorised: false },
];

export const PRESENT_CODES: readonly PresentCode[] = [
  { id: 21, code: '/', name: 'Present (AM)', late: false, offSite: false },
  { id: 22, code: '\\', name: 'Present (PM)', late: false, offSite: false },
  { id: 23, code: 'L', name: 'Late (before registers closed)', late: true, offSite: false },
  { id: 24, code: 'B', name: 'Educated off site', late: false, offSite: true },
  { id: 25, code: 'V', name: 'Educational visit or trip', late: false, offSite: true },
  { id: 26, code: 'P', name: 'Approved sporting activity', late: false, offSite: true },
  { id: 27, code: 'W', name: 'Work experience', late: false, offSite: true },
];
