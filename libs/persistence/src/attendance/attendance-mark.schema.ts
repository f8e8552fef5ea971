import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { AttendanceSession, AttendanceStatus } from '@isams-sync/contracts';

/**
 * One version of a pupil's mark for one school, date and session; the highest version is the
 * current mark. A change is a new document (insert) and the old version is deleted afterwards, so
 * a pull that dies in between leaves both and readers still see the newest. Inserts and deletes by
 * id are what FerretDB does fast; updates are not (they scan). The events a pull must publish are
 * its own marks with an `eventId`; the pull's `eventsConfirmed` says they were all confirmed.
 */
@Schema({ collection: 'attendance_marks', versionKey: false, timestamps: true })
export class AttendanceMarkDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  /** YYYY-MM-DD, the school's local date */
  @Prop({ required: true })
  date!: string;

  @Prop({ type: String, required: true, enum: ['AM', 'PM'] })
  session!: AttendanceSession;

  /** the pupil's iSAMS SchoolId */
  @Prop({ required: true })
  isamsId!: string;

  @Prop({ type: String })
  studentId?: string;

  @Prop({ type: String, required: true })
  status!: AttendanceStatus;

  @Prop({ type: String, default: '' })
  code!: string;

  @Prop({ type: String })
  codeName?: string;

  @Prop({ type: Number })
  minutesLate?: number;

  @Prop({ type: String })
  lastUpdated?: string;

  @Prop({ type: String, required: true })
  registrationPeriodId!: string;

  /** the status the last published event replaced (for `previousStatus`) */
  @Prop({ type: String })
  previousStatus?: AttendanceStatus;

  /** how many times the mark changed; part of its event id, so present → absent → present is three events */
  @Prop({ type: Number, default: 1 })
  version!: number;

  /** the event that tells the world about this version; none for a pupil SchoolsBuddy does not know */
  @Prop({ type: String })
  eventId?: string;

  @Prop({ type: String, required: true })
  pullId!: string;

  createdAt?: Date;
  updatedAt?: Date;
}

export const AttendanceMarkSchema = SchemaFactory.createForClass(AttendanceMarkDoc);
AttendanceMarkSchema.index({ schoolId: 1, date: 1, session: 1, isamsId: 1, version: 1 }, { unique: true });

export type AttendancePullStatus = 'running' | 'succeeded' | 'failed';

/**
 * One attempt at one pull of one school's session on one date. The unique
 * `(schoolId, date, session, slot, attempt)` key is how replicas agree, with nothing but inserts:
 * the first attempt of a slot, and each take-over (the last attempt's replica died, or it failed and
 * its retry is due), is won by exactly one insert. The scheduled slot is `schedule`, an on-demand
 * pull `request:<eventId>`.
 */
@Schema({ collection: 'attendance_pulls', versionKey: false, timestamps: true })
export class AttendancePullDoc {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  schoolId!: string;

  @Prop({ required: true })
  date!: string;

  @Prop({ type: String, required: true, enum: ['AM', 'PM'] })
  session!: AttendanceSession;

  @Prop({ required: true })
  slot!: string;

  @Prop({ type: String, required: true })
  status!: AttendancePullStatus;

  /** a replica that dies mid-pull loses its claim after this */
  @Prop({ type: Date, required: true })
  leaseUntil!: Date;

  /** 1 for the first attempt at the slot */
  @Prop({ type: Number, required: true })
  attempt!: number;

  /** a failed retryable pull may be claimed again from this time */
  @Prop({ type: Date })
  retryAt?: Date;

  @Prop({ type: String })
  owner?: string;

  @Prop({ type: String })
  correlationId?: string;

  @Prop({ type: Object })
  counts?: Record<string, number>;

  @Prop({ type: Number })
  eventsPublished?: number;

  /** every event of this pull's marks was confirmed by the broker (else a later pull republishes them) */
  @Prop({ type: Boolean, default: false })
  eventsConfirmed!: boolean;

  @Prop({ type: [Object], default: [] })
  findings!: Array<Record<string, unknown>>;

  @Prop({ type: String })
  error?: string;

  @Prop({ type: String })
  fix?: string;

  @Prop({ type: Date })
  finishedAt?: Date;

  createdAt?: Date;
  updatedAt?: Date;
}

export const AttendancePullSchema = SchemaFactory.createForClass(AttendancePullDoc);
AttendancePullSchema.index({ schoolId: 1, date: 1, session: 1, slot: 1, attempt: 1 }, { unique: true });
