import { z } from 'zod';

export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const;

/**
 * Something a person should know about the data: a record that could not be mapped, a value that
 * was dropped, a section missing. `message` says what and why; `fix` says what to change in iSAMS
 * (or in the school's setup). Neither quotes personal data: `recordRef` names the record by its
 * position and ids only.
 */
export const findingSchema = z
  .object({
    /** kebab-case category, e.g. `missing-id`, `invalid-value`, `duplicate-record`. */
    kind: z.string().regex(/^[a-z][a-z0-9-]*$/),
    severity: z.enum(FINDING_SEVERITIES),
    dataset: z.string().min(1),
    /** e.g. `PupilManager/CurrentPupils/Pupil[12] Id=1234`. */
    recordRef: z.string().min(1).optional(),
    message: z.string().min(1),
    fix: z.string().min(1),
  })
  .strict();
export type Finding = z.infer<typeof findingSchema>;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
