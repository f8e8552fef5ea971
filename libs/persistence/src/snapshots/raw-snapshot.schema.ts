import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A Batch API response exactly as iSAMS sent it, gzip-compressed. Small ones live in the document;
 * large ones in GridFS (a document may not exceed 16 MB). One per school, run and dataset.
 */
@Schema({ collection: 'raw_snapshots', versionKey: false })
export class RawSnapshot {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ required: true })
  dataset!: string;

  @Prop({ required: true })
  fetchedAt!: Date;

  @Prop({ required: true })
  bytes!: number;

  @Prop({ required: true })
  compressedBytes!: number;

  @Prop({ required: true })
  sha256!: string;

  @Prop({ required: true })
  httpStatus!: number;

  @Prop({ required: true })
  durationMs!: number;

  /** Same bytes as the previous snapshot of this dataset: iSAMS probably answered from its cache. */
  @Prop({ required: true })
  identicalToPrevious!: boolean;

  @Prop({ type: String, required: true, enum: ['inline', 'gridfs'] })
  storage!: 'inline' | 'gridfs';

  @Prop({ type: Buffer })
  gzip?: Buffer;

  @Prop({ type: String })
  gridFsId?: string;
}

export const RawSnapshotSchema = SchemaFactory.createForClass(RawSnapshot);
RawSnapshotSchema.index({ schoolId: 1, runId: 1, dataset: 1 }, { unique: true });
RawSnapshotSchema.index({ schoolId: 1, dataset: 1, fetchedAt: -1 });
