import { z } from 'zod';
import { isamsId, presentText } from './record-fields';

export const PHOTO_OWNER_KINDS = ['student', 'staff'] as const;

/**
 * A pupil or staff photo. `dataBase64` holds the image itself: it is for storage only, never for
 * logs or reports (log `sha256`/`byteLength` instead); the content hash is computed without it.
 */
export const photoRecordSchema = z
  .object({
    type: z.literal('photo'),
    ownerKind: z.enum(PHOTO_OWNER_KINDS),
    /** The pupil's SchoolId, or the staff member's `Id`. */
    ownerId: isamsId,
    contentType: presentText,
    byteLength: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** When iSAMS last changed the photo (local time as sent, `YYYY-MM-DDTHH:mm:ss`). */
    lastUpdated: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
      .optional(),
    dataBase64: z.string().min(1),
  })
  .strict();
export type PhotoRecord = z.infer<typeof photoRecordSchema>;
