import { z } from 'zod';
import { isamsId, ncYear, presentText } from './record-fields';

/** A school year (`SchoolManager/Years/Year`). SchoolsBuddy keys year groups by `name`. */
export const yearGroupRecordSchema = z
  .object({
    type: z.literal('yearGroup'),
    /** The Year `Id` attribute (the NC year, as sent). */
    isamsId,
    ncYear: ncYear.optional(),
    /** Display name. */
    name: presentText.optional(),
    code: presentText.optional(),
  })
  .strict();
export type YearGroupRecord = z.infer<typeof yearGroupRecordSchema>;

/** A form (`SchoolManager/Forms/Form`); pupils reference forms by name. */
export const formRecordSchema = z
  .object({
    type: z.literal('form'),
    /** The Form `Id` attribute, which is the form name. */
    isamsId,
    name: presentText,
    ncYear: ncYear.optional(),
    /** Staff `Id` of the form tutor. */
    tutorId: isamsId.optional(),
  })
  .strict();
export type FormRecord = z.infer<typeof formRecordSchema>;

export const HOUSE_KINDS = ['academic', 'boarding'] as const;

/** An academic or boarding house (`SchoolManager/AcademicHouses/House`, `BoardingHouses/House`). */
export const houseRecordSchema = z
  .object({
    type: z.literal('house'),
    isamsId,
    kind: z.enum(HOUSE_KINDS),
    name: presentText.optional(),
    code: presentText.optional(),
    /** Staff `Id` of the house master. */
    houseMasterId: isamsId.optional(),
  })
  .strict();
export type HouseRecord = z.infer<typeof houseRecordSchema>;
