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

export type SyncRunStatus = 'requested' | 'fetching' | 'transforming' | 'importing' | 'succeeded' | 'partial' | 'held' | 'failed' | 'rejected';
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

  /** Per dataset (our dataset names, never iSAMS values, as keys). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  fetch!: Record<string, DatasetFetchProgress>;

  createdAt?: Date;
  updatedAt?: Date;
}

export type SyncRunDocument = HydratedDocument<SyncRun>;
export const SyncRunSchema = SchemaFactory.createForClass(SyncRun);
SyncRunSchema.index({ schoolId: 1, runKey: 1 }, { unique: true });
