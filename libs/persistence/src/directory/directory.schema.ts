import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** An event waiting to be published; written in the same single-document write as the change it reports. */
export interface OutboxEvent {
  eventId: string;
  exchange: 'public';
  routingKey: string;
  envelope: Record<string, unknown>;
}

/**
 * A SchoolsBuddy user. `_id` is derived from the school and the user's first iSAMS identity, so
 * the same person keeps the same id across runs, leaving and coming back. `version` guards every
 * write; `outbox` holds the events of the writes not yet confirmed by the broker.
 */
@Schema({ collection: 'users', versionKey: false, timestamps: true, strict: false })
export class UserDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  userKey!: string;

  @Prop({ type: String, required: true })
  kind!: string;

  @Prop({ required: true })
  active!: boolean;

  @Prop({ required: true })
  contentHash!: string;

  @Prop({ required: true })
  version!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  outbox!: OutboxEvent[];
}
export const UserSchema = SchemaFactory.createForClass(UserDoc);
UserSchema.index({ schoolId: 1, userKey: 1 }, { unique: true });
UserSchema.index({ schoolId: 1, kind: 1, active: 1 });

/**
 * A login email and its user, one document per (school, email). Kept apart from users because only
 * some users have a login, and FerretDB cannot do the partial unique index MongoDB would use.
 */
@Schema({ collection: 'user_logins', versionKey: false })
export class UserLogin {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  email!: string;

  @Prop({ required: true })
  userId!: string;
}
export const UserLoginSchema = SchemaFactory.createForClass(UserLogin);
UserLoginSchema.index({ schoolId: 1, userId: 1 });

/** A SchoolsBuddy group: year group (by display name), form, house or teaching set. */
@Schema({ collection: 'groups', versionKey: false, timestamps: true })
export class GroupDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  groupKey!: string;

  @Prop({ type: String, required: true })
  kind!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: [String], default: [] })
  memberUserKeys!: string[];

  @Prop({ required: true })
  version!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  outbox!: OutboxEvent[];
}
export const GroupSchema = SchemaFactory.createForClass(GroupDoc);
GroupSchema.index({ schoolId: 1, groupKey: 1 }, { unique: true });

/** What a run did and did not import, and why: what support reads. */
@Schema({ collection: 'run_reports', versionKey: false, timestamps: true, strict: false })
export class RunReportDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ type: String, required: true })
  outcome!: string;
}
export const RunReportSchema = SchemaFactory.createForClass(RunReportDoc);
RunReportSchema.index({ schoolId: 1, createdAt: -1 });

/** Part of a run's change plan as a person reads it (entries in userKey order), for held and dry runs. */
@Schema({ collection: 'run_plans', versionKey: false })
export class RunPlanChunk {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  runId!: string;

  @Prop({ required: true })
  fingerprint!: string;

  @Prop({ required: true })
  index!: number;

  @Prop({ type: [MongooseSchema.Types.Mixed], required: true })
  entries!: Array<Record<string, unknown>>;
}
export const RunPlanChunkSchema = SchemaFactory.createForClass(RunPlanChunk);
RunPlanChunkSchema.index({ schoolId: 1, runId: 1 });
