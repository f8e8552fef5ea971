import { z } from 'zod';

/**
 * Value shapes shared by the normalised records. A text field is trimmed and never empty: an empty
 * or whitespace-only iSAMS value is absent, not `''`.
 */
export const presentText = z.string().min(1).refine((value) => value.trim() === value, 'must be trimmed');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)');
/** An iSAMS id, exactly as sent (leading zeros and long digit strings kept). */
export const isamsId = presentText;
/** National Curriculum year: an integer (reception is 0, nursery years are negative). */
export const ncYear = z.number().int().min(-5).max(20);
export const idList = z.array(isamsId);
