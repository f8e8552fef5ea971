import { z } from 'zod';
import { idList, isamsId, presentText } from './record-fields';

export const PARENTAL_RESPONSIBILITY = ['yes', 'no', 'default'] as const;

/** A pupil's contact (`PupilManager/Contacts/Contact`). */
export const contactRecordSchema = z
  .object({
    type: z.literal('contact'),
    /** The contact's `Id` attribute. */
    isamsId,
    /** The contact's `PersonId` attribute, when sent. */
    personId: isamsId.optional(),
    /** SchoolIds of the linked pupils (sorted, distinct). */
    studentIds: idList,
    /** iSAMS `RelationshipRaw`, free text ("Mother", "Stepfather", "Parents"…). */
    relationType: presentText.optional(),
    title: presentText.optional(),
    forename: presentText.optional(),
    surname: presentText.optional(),
    email: presentText.optional(),
    mobile: presentText.optional(),
    /** "All Merges" mail option ticked. */
    mailMerge: z.boolean(),
    /** "Correspondence" mail option ticked. */
    correspondence: z.boolean(),
    parentalResponsibility: z.enum(PARENTAL_RESPONSIBILITY).optional(),
  })
  .strict();
export type ContactRecord = z.infer<typeof contactRecordSchema>;
