/**
 * Every consumer queue, by the handler that owns it (before MESSAGING_PREFIX; each also has a retry and a dead-letter
 * queue). Named once, so handlers, support tools and tests that clean up agree.
 */
export const QUEUES = {
  syncRequested: 'fetcher.sync-requested',
  snapshotFetched: 'transformer.snapshot-fetched',
  datasetNormalised: 'importer.dataset-normalised',
  datasetFailed: 'importer.dataset-failed',
  runDecided: 'importer.run-decided',
  attendanceRequested: 'attendance.attendance-requested',
} as const;
