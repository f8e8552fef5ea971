import { z } from 'zod';
import { contactRecordSchema } from './contact.schema';
import { medicalRecordSchema } from './medical.schema';
import { photoRecordSchema } from './photo.schema';
import { staffRecordSchema } from './staff.schema';
import { studentRecordSchema } from './student.schema';
import { formRecordSchema, houseRecordSchema, yearGroupRecordSchema } from './structure.schema';
import { setRecordSchema, subjectRecordSchema } from './teaching.schema';

/** Every normalised record, told apart by `type`. */
export const normalisedRecordSchema = z.discriminatedUnion('type', [
  studentRecordSchema,
  contactRecordSchema,
  staffRecordSchema,
  yearGroupRecordSchema,
  formRecordSchema,
  houseRecordSchema,
  subjectRecordSchema,
  setRecordSchema,
  photoRecordSchema,
  medicalRecordSchema,
]);
export type NormalisedRecord = z.infer<typeof normalisedRecordSchema>;
export type NormalisedRecordType = NormalisedRecord['type'];

/** The schema of each record type, e.g. to validate a stored record or read its field order. */
export const RECORD_SCHEMAS = {
  student: studentRecordSchema,
  contact: contactRecordSchema,
  staff: staffRecordSchema,
  yearGroup: yearGroupRecordSchema,
  form: formRecordSchema,
  house: houseRecordSchema,
  subject: subjectRecordSchema,
  set: setRecordSchema,
  photo: photoRecordSchema,
  medical: medicalRecordSchema,
} as const;
export const RECORD_TYPES = Object.keys(RECORD_SCHEMAS) as NormalisedRecordType[];
