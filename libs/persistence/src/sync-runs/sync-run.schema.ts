import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument, Schema as MongooseSchema } from 'mongoose';

/** How one dataset's fetch went, as support sees it in the run. */
export interface DatasetFetchProgress {
  status: 'fetched' | 'failed';
  httpStatus?: number;
  bytes?: number;
  durationMs?: number;
  identicalToPrevious?: boolean;
  snapshotId?: string;
  error?: string;
  errorKind?: string;
  fix?: string;
  at: Date;
}

export type SyncRunStatus =
  | 'requested'
  | 'fetching'
  | 'transforming'
  | 'importing'
  | 'succeeded'
  | 'partial'
  | 'held'
  | 'planned'
  | 'failed'
  | 'rejected';

/** A run in one of these has been decided; nothing more happens to it unless a person approves a held run. */
export const FINAL_RUN_STATUSES: readonly SyncRunStatus[] = [
  'succeeded',
  'partial',
  'held',
  'planned',
  'failed',
  'rejected',
];
export type SyncTrigger = 'schedule' | 'on-demand';

/**
 * One sync of one school. `runKey` makes creation idempotent and race-free across replicas:
 * `night:<YYYY-MM-DD>` for the scheduled run (one per school per night), `request:<eventId>` on demand.
 */
@Schema({ collection: 'sync_runs', timestamps: true, versionKey: false })
export class SyncRun {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  schoolId!: string;

  @Prop({ required: true })
  runKey!: string;

  @Prop({ type: String, required: true, enum: ['schedule', 'on-demand'] })
  trigger!: SyncTrigger;

  @Prop({ required: true })
  requestedBy!: string;

  @Prop({ type: String, required: true, default: 'requested' })
  status!: SyncRunStatus;

  @Prop({ type: [String], default: [] })
  datasets!: string[];

  @Prop({ default: false })
  dryRun!: boolean;

  @Prop({ required: true })
  correlationId!: string;

  /** The school's local date the run belongs to (for staff leaving dates and reports). */
  @Prop({ type: String })
  schoolDate?: string;

  /** The datasets this run fetches; it is ready to import when each has an outcome. */
  @Prop({ type: [String], default: undefined })
  expectedDatasets?: string[];

  /** While importing: until when this importer holds the run (a crashed importer's claim expires). */
  @Prop()
  importLeaseUntil?: Date;

  /** How many times an importer has taken this run (each take is one unique RunClaim). */
  @Prop()
  importGeneration?: number;

  /** Set with the run's outcome: the datasets that failed to fetch or to normalise (for the failed-nights gauge). */
  @Prop({ type: [String], default: undefined })
  failedDatasets?: string[];

  /** Per dataset (our dataset names, never iSAMS values, as keys). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  fetch!: Record<string, DatasetFetchProgress>;

  createdAt?: Date;
  updatedAt?: Date;
}

export type SyncRunDocument = HydratedDocument<SyncRun>;
export const SyncRunSchema = SchemaFactory.createForClass(SyncRun);
SyncRunSchema.index({ schoolId: 1, runKey: 1 }, { unique: true });

/**
 * One importer's take of a run. Taking a run is an insert under a unique id, because FerretDB 1.24
 * does not make a conditional findAndModify exclusive between concurrent clients; an insert is.
 */
@Schema({ collection: 'run_claims', versionKey: false })
export class RunClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ required: true })
  generation!: number;

  @Prop({ required: true })
  at!: Date;
}
export const RunClaimSchema = SchemaFactory.createForClass(RunClaim);
