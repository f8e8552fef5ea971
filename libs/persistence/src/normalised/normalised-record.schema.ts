import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** One normalised record of one run. `key` is the record's stable identity (e.g. `student:000123`). */
@Schema({ collection: 'normalised_records', versionKey: false })
export class NormalisedRecordDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ required: true })
  dataset!: string;

  @Prop({ required: true })
  type!: string;

  @Prop({ required: true })
  key!: string;

  /** sha256 of the record in a fixed field order: unchanged records cost no writes downstream. */
  @Prop({ required: true })
  hash!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  record!: Record<string, unknown>;
}

export const NormalisedRecordSchema = SchemaFactory.createForClass(NormalisedRecordDoc);
NormalisedRecordSchema.index({ schoolId: 1, runId: 1, dataset: 1, key: 1 }, { unique: true });
NormalisedRecordSchema.index({ schoolId: 1, runId: 1, type: 1 });

/** What the transformer concluded about one dataset of one run. */
@Schema({ collection: 'dataset_results', versionKey: false, timestamps: true })
export class DatasetResult {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ required: true })
  dataset!: string;

  @Prop({ type: String, required: true, enum: ['normalised', 'failed'] })
  status!: 'normalised' | 'failed';

  @Prop({ type: String })
  snapshotId?: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  counts!: Record<string, number>;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  findings!: Array<Record<string, unknown>>;

  @Prop({ type: [String], default: [] })
  sections!: string[];

  @Prop({ type: String })
  stage?: 'fetch' | 'transform';

  @Prop({ type: String })
  reason?: string;

  @Prop({ type: String })
  fix?: string;

  @Prop()
  durationMs?: number;

  /** What decided the records (document hash, mapping version, date or year groups where read). */
  @Prop({ type: String })
  inputKey?: string;

  /** The run whose stored records these are: this run, or an earlier one with the same inputKey. */
  @Prop({ type: String })
  recordsRunId?: string;

  /** The key of one of the records (none when there are none), to check they are still stored. */
  @Prop({ type: String })
  probeKey?: string;

  /** Structure only: its year groups (what every pupils mapping reads), kept with the outcome. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined })
  yearGroups?: Array<Record<string, unknown>>;
}

export const DatasetResultSchema = SchemaFactory.createForClass(DatasetResult);
DatasetResultSchema.index({ schoolId: 1, runId: 1, dataset: 1 }, { unique: true });
DatasetResultSchema.index({ schoolId: 1, dataset: 1, inputKey: 1, createdAt: -1 });
