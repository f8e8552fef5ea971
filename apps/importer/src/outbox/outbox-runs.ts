/** The runs (and their correlation ids) a batch of outbox events came from, with how many each. */
export function runsOf(
  events: ReadonlyArray<{ envelope: Record<string, unknown> }>,
): Array<{ runId: string; correlationId: string; published: number }> {
  const runs = new Map<string, { runId: string; correlationId: string; published: number }>();
  for (const { envelope } of events) {
    const runId = String((envelope.data as { runId?: unknown } | undefined)?.runId ?? 'unknown');
    const entry = runs.get(runId) ?? { runId, correlationId: String(envelope.correlationId ?? ''), published: 0 };
    entry.published += 1;
    runs.set(runId, entry);
  }
  return [...runs.values()];
}
