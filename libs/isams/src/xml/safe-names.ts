/**
 * Element names that would shadow or reach Object.prototype (`__proto__`, `constructor`,
 * `prototype`, `toString`, `hasOwnProperty`…) are stored under `#unsafe:<name>`: no real XML name
 * can start with `#`, so the key can collide with nothing, and the element stays visible (an
 * unknown element, ignored by the mapping) instead of failing the whole document.
 */
export const UNSAFE_NAME_PREFIX = '#unsafe:';

export function safeElementName(name: string): string {
  return name in Object.prototype || name === 'prototype' ? UNSAFE_NAME_PREFIX + name : name;
}
