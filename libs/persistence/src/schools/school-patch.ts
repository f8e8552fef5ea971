import { SchoolValidationError } from './school.errors';

type Plain = Record<string, unknown>;

// A JSON file may carry these names as own keys; assigning them would change an object's prototype.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies a partial update to a school's input: objects merge field by field, arrays and values
 * replace, `null` removes an optional field (e.g. `batchKeys.medical`, `rest`). The result is
 * validated as a whole afterwards, so the patch itself only has to be well-formed.
 */
export function mergeSchoolPatch(schoolId: string, current: Plain, patch: unknown): Plain {
  if (!isPlain(patch))
    throw new SchoolValidationError(schoolId, ['(update): must be an object of the fields to change']);
  const merge = (base: Plain, changes: Plain, path: string): Plain => {
    const result: Plain = { ...base };
    for (const [key, value] of Object.entries(changes)) {
      const field = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key))
        throw new SchoolValidationError(schoolId, [`${field}: is not an allowed field name`]);
      if (value === undefined) continue;
      if (value === null) delete result[key];
      else if (isPlain(value)) result[key] = merge(isPlain(base[key]) ? (base[key] as Plain) : {}, value, field);
      else result[key] = value;
    }
    return result;
  };
  return merge(current, patch, '');
}
