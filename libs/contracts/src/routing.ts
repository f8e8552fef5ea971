/**
 * Every routing key in the system, in one place. Internal keys carry their version
 * (`<name>.v<N>`); public ones follow the names other SchoolsBuddy services bind to.
 */
export const ROUTING = {
  syncRequested: 'sync.requested.v1',
  snapshotFetched: 'snapshot.fetched.v1',
  datasetNormalised: 'dataset.normalised.v1',
  datasetFailed: 'dataset.failed.v1',
  attendanceRequested: 'attendance.requested.v1',
  runDecided: 'run.decided.v1',
  /** public: `user.changed.<student|parent|staff>` */
  userChanged: (kind: 'student' | 'parent' | 'staff') => `user.changed.${kind}`,
  groupChanged: 'group.changed',
  attendanceChanged: 'attendance.changed',
} as const;
