/** PromQL words that are not metric names: set operators, modifiers and grouping keywords. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/**
 * The metric names a PromQL expression reads. Enough of PromQL for dashboards and rules: label
 * matchers, grouping lists, durations and strings are removed first; a word followed by `(` is a
 * function or aggregation. `{__name__=~"…"}` selectors are not resolved (none are used).
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\boffset\s+\w+/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    const next = stripped.slice((match.index ?? 0) + word.length).trimStart();
    if (next.startsWith('(') || KEYWORDS.has(word.toLowerCase())) continue;
    if (/^\d/.test(word) || /^[0-9.]+[smhdwy]$/.test(word)) continue;
    names.add(word);
  }
  return [...names].sort();
}
