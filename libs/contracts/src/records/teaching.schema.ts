import { z } from 'zod';
import { idList, isamsId, ncYear, presentText } from './record-fields';

/** A subject (`TeachingManager/Departments/Department/Subjects/Subject`). */
export const subjectRecordSchema = z
  .object({
    type: z.literal('subject'),
    isamsId,
    name: presentText.optional(),
    code: presentText.optional(),
    department: presentText.optional(),
  })
  .strict();
export type SubjectRecord = z.infer<typeof subjectRecordSchema>;

/** A teaching set with its teachers and pupils (`TeachingManager/Sets/Set` + `SetLists/SetList`). */
export const setRecordSchema = z
  .object({
    type: z.literal('set'),
    isamsId,
    subjectId: isamsId.optional(),
    /** The set's `YearId` (NC year). */
    ncYear: ncYear.optional(),
    setCode: presentText.optional(),
    name: presentText.optional(),
    /** Staff `Id`s (from `Teachers/Teacher@StaffId`), sorted, distinct. */
    teacherIds: idList,
    /** Staff `Id` of the teacher marked PrimaryTeacher, if any. */
    primaryTeacherId: isamsId.optional(),
    /**
     * Pupils' internal `Id` attributes (from `SetLists/SetList@PupilId`), sorted, distinct. The
     * importer resolves them to SchoolIds through the pupils dataset (`student.pupilId`).
     */
    pupilIds: idList,
  })
  .strict();
export type SetRecord = z.infer<typeof setRecordSchema>;
