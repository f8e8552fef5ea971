import { z } from 'zod';
import { isamsId, presentText } from './record-fields';

const condition = z
  .object({ name: presentText, severity: presentText.optional(), notes: presentText.optional() })
  .strict();
const allergy = z
  .object({ name: presentText, severity: presentText.optional(), reaction: presentText.optional() })
  .strict();
const medication = z.object({ name: presentText, dosage: presentText.optional() }).strict();

/** A pupil's medical record (special-category data: fetched only for schools that opted in). */
export const medicalRecordSchema = z
  .object({
    type: z.literal('medical'),
    /** The medical record's `Id` attribute. */
    isamsId,
    /** The pupil's SchoolId. */
    studentId: isamsId,
    conditions: z.array(condition),
    allergies: z.array(allergy),
    medications: z.array(medication),
    dietaryRequirements: presentText.optional(),
    notes: presentText.optional(),
  })
  .strict();
export type MedicalRecord = z.infer<typeof medicalRecordSchema>;
export type MedicalCondition = z.infer<typeof condition>;
export type MedicalAllergy = z.infer<typeof allergy>;
export type MedicalMedication = z.infer<typeof medication>;
