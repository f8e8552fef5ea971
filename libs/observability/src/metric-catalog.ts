/**
 * Every metric the apps register beyond Node's defaults, in one place: the apps create them from
 * here, the dashboard test checks its queries against it and the README's table is read from it.
 * Cardinality is bounded by design: per-app series carry only small fixed label sets (outcome,
 * trigger, dataset, step, queue, session, state); the only per-school series are gauges the apps
 * compute from the database when scraped, so a deleted school's series disappear with it.
 */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

export interface MetricSpec {
  name: string;
  kind: MetricKind;
  help: string;
  labels: readonly string[];
  /** which apps expose it */
  apps: readonly string[];
  buckets?: readonly number[];
}

const DURATION_BUCKETS = [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
const ALL_APPS = ['fetcher', 'transformer', 'importer', 'attendance'];

function spec(
  kind: MetricKind,
  name: string,
  labels: readonly string[],
  apps: readonly string[],
  help: string,
  buckets?: readonly number[],
): MetricSpec {
  return { name, kind, labels, apps, help, ...(buckets ? { buckets } : {}) };
}

export const METRICS = {
  buildInfo: spec('gauge', 'isams_sync_build_info', ['version', 'revision'], ALL_APPS, 'always 1: the running build'),
  ready: spec(
    'gauge',
    'isams_sync_ready',
    [],
    ALL_APPS,
    '1 while /health/ready answers up (database, broker and the app checks), else 0',
  ),
  runs: spec(
    'counter',
    'isams_sync_runs_total',
    ['outcome', 'trigger'],
    ['importer'],
    'runs that reached an outcome, by outcome and trigger',
  ),
  runDuration: spec(
    'histogram',
    'isams_sync_run_duration_seconds',
    ['outcome'],
    ['importer'],
    'from a run being requested to its outcome',
    DURATION_BUCKETS,
  ),
  stepDuration: spec(
    'histogram',
    'isams_sync_step_duration_seconds',
    ['step'],
    ['fetcher', 'transformer', 'importer'],
    'time per step of a run (fetch, normalise, and each import step)',
    DURATION_BUCKETS,
  ),
  recordsNormalised: spec(
    'counter',
    'isams_sync_records_normalised_total',
    ['dataset'],
    ['transformer'],
    'normalised records stored (or reused) per dataset',
  ),
  datasetsFailed: spec(
    'counter',
    'isams_sync_datasets_failed_total',
    ['dataset', 'stage'],
    ['fetcher', 'transformer'],
    'datasets a run could not fetch or normalise',
  ),
  usersWritten: spec(
    'counter',
    'isams_sync_users_written_total',
    [],
    ['importer'],
    'users created, updated, deactivated or reactivated',
  ),
  eventsPublished: spec(
    'counter',
    'isams_sync_events_published_total',
    [],
    ['importer'],
    'user.changed and group.changed events published from the outbox',
  ),
  outboxPending: spec(
    'gauge',
    'isams_sync_outbox_pending_documents',
    [],
    ['importer'],
    'users and groups whose outbox events are not yet confirmed by the broker (read from the database when scraped)',
  ),
  messagesRetried: spec(
    'counter',
    'isams_sync_messages_retried_total',
    ['queue'],
    ALL_APPS,
    'messages a handler failed on and sent to the retry queue',
  ),
  messagesDeadLettered: spec(
    'counter',
    'isams_sync_messages_dead_lettered_total',
    ['queue'],
    ALL_APPS,
    'messages sent to the dead-letter queue',
  ),
  deadLetterMessages: spec(
    'gauge',
    'isams_sync_dead_letter_messages',
    ['queue'],
    ALL_APPS,
    "messages waiting in the app's dead-letter queues (asked of the broker when scraped)",
  ),
  attendancePulls: spec(
    'counter',
    'isams_sync_attendance_pulls_total',
    ['session', 'outcome'],
    ['attendance'],
    'attendance pulls by session and outcome (pulled, skipped, failed)',
  ),
  attendanceEvents: spec(
    'counter',
    'isams_sync_attendance_events_published_total',
    ['session'],
    ['attendance'],
    'attendance.changed events published',
  ),
  isamsCalls: spec(
    'counter',
    'isams_sync_isams_calls_total',
    ['dataset', 'outcome'],
    ['fetcher', 'attendance'],
    'iSAMS call attempts by dataset and outcome',
  ),
  isamsCallDuration: spec(
    'histogram',
    'isams_sync_isams_call_duration_seconds',
    ['dataset', 'outcome'],
    ['fetcher', 'attendance'],
    'iSAMS call attempt duration',
    [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  ),
  breakers: spec(
    'gauge',
    'isams_sync_breakers',
    ['state'],
    ['fetcher', 'attendance'],
    'iSAMS breakers in this process by state (closed, half-open, open)',
  ),
  schoolLastSuccess: spec(
    'gauge',
    'isams_sync_school_last_success_timestamp_seconds',
    ['school'],
    ['importer'],
    "when the school's latest succeeded run finished (unix seconds)",
  ),
  schoolRegistered: spec(
    'gauge',
    'isams_sync_school_registered_timestamp_seconds',
    ['school'],
    ['importer'],
    'when the school was registered (unix seconds): freshness of a school that never synced',
  ),
  schoolLastRunOutcome: spec(
    'gauge',
    'isams_sync_school_last_run_outcome',
    ['school', 'outcome'],
    ['importer'],
    "1 for the outcome of the school's latest finished run",
  ),
  schoolRunsHeld: spec(
    'gauge',
    'isams_sync_school_runs_held',
    ['school'],
    ['importer'],
    'runs waiting for a person to approve or reject them',
  ),
  schoolOldestHeld: spec(
    'gauge',
    'isams_sync_school_oldest_held_run_timestamp_seconds',
    ['school'],
    ['importer'],
    "when the school's oldest held run was held (unix seconds)",
  ),
  schoolDatasetFailedNights: spec(
    'gauge',
    'isams_sync_school_dataset_failed_nights',
    ['school', 'dataset'],
    ['importer'],
    'nightly runs in a row, latest first, in which the dataset failed (only datasets that failed last night)',
  ),
  schoolBreakerOpen: spec(
    'gauge',
    'isams_sync_school_breaker_open',
    ['school', 'dataset'],
    ['fetcher', 'attendance'],
    "1 while the breaker of a school's dataset (rest: the REST API) is open or half-open",
  ),
  schoolAttendanceFailedPulls: spec(
    'gauge',
    'isams_sync_school_attendance_failed_pulls',
    ['school'],
    ['attendance'],
    "the school's latest attendance pulls that failed in a row (today and yesterday)",
  ),
} as const satisfies Record<string, MetricSpec>;

export type MetricKey = keyof typeof METRICS;

/** Every series name an app can expose for a metric (a histogram's _bucket, _sum and _count). */
export function seriesNames(metric: MetricSpec): string[] {
  return metric.kind === 'histogram'
    ? [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`]
    : [metric.name];
}
