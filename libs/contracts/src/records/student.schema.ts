import { z } from 'zod';
import { isamsId, isoDate, ncYear, presentText } from './record-fields';

/** A current pupil (`PupilManager/CurrentPupils/Pupil`). */
export const studentRecordSchema = z
  .object({
    type: z.literal('student'),
    /** The pupil's SchoolId: the stable key every other dataset uses. */
    isamsId,
    /** The pupil's `Id` attribute, which set lists use. */
    pupilId: isamsId.optional(),
    schoolCode: presentText.optional(),
    personGuid: presentText.optional(),
    forename: presentText.optional(),
    preferredName: presentText.optional(),
    middleNames: presentText.optional(),
    surname: presentText.optional(),
    email: presentText.optional(),
    gender: presentText.optional(),
    dateOfBirth: isoDate.optional(),
    /** The year's display name; present only when the school structure was known at mapping time. */
    yearGroup: presentText.optional(),
    ncYear: ncYear.optional(),
    form: presentText.optional(),
    academicHouse: presentText.optional(),
    boardingHouse: presentText.optional(),
    familyId: presentText.optional(),
  })
  .strict();
export type StudentRecord = z.infer<typeof studentRecordSchema>;
