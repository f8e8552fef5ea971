/** Per school, how many of its latest finished pulls failed in a row (`pulls` newest first, any schools). */
export function failedPullsInARow(pulls: ReadonlyArray<{ schoolId: string; status: string }>): Map<string, number> {
  const counts = new Map<string, number>();
  const settled = new Set<string>();
  for (const { schoolId, status } of pulls) {
    if (settled.has(schoolId)) continue;
    if (status === 'failed') counts.set(schoolId, (counts.get(schoolId) ?? 0) + 1);
    else {
      settled.add(schoolId);
      if (!counts.has(schoolId)) counts.set(schoolId, 0);
    }
  }
  return counts;
}
