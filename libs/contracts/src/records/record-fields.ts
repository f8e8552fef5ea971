import { z } from 'zod';

/**
 * Value shapes shared by the normalised records. A text field is trimmed and never empty: an empty
 * or whitespace-only iSAMS value is absent, not `''`.
 */
export const presentText = z
  .string()
  .min(1)
  .refine((value) => value.trim() === value, 'must be trimmed');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)');
/** An iSAMS id, exactly as sent (leading zeros and long digit strings kept). */
export const isamsId = presentText;
/**
 * A year as iSAMS numbers it (the Year `Id`): the National Curriculum year (reception 0, nursery
 * negative), or another integer where a school numbers a second campus's years differently (101…).
 */
export const ncYear = z.number().int().min(-9999).max(9999);
export const idList = z.array(isamsId);
