/** Set an optional field only when there is a value, so absent fields stay absent (not `undefined`). */
export function setIfPresent<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
