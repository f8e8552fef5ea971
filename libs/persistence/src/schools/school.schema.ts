import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { Dataset } from '@isams-sync/isams';
import type { MailOption } from '@isams-sync/contracts';
import type { EncryptedSecret } from '@isams-sync/secrets';

export interface StoredRestClient {
  clientId: string;
  clientSecret: EncryptedSecret;
  tokenPath: string;
  amRegisterId?: string;
  pmRegisterId?: string;
}

/**
 * A school as stored: the validated input (libs/contracts `schoolInputSchema`) with every secret
 * replaced by its AES-256-GCM envelope. `_id` is the school id; `schoolId` repeats it so that every
 * document in the database carries `schoolId` (DESIGN "Storage"). Only SchoolRepository writes here.
 */
@Schema({ collection: 'schools', timestamps: true, versionKey: false, minimize: false })
export class School {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  schoolId!: string;

  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  accessUrl!: string;

  @Prop({ type: String, required: true })
  timezone!: string;

  @Prop({ type: Object, required: true })
  batchKeys!: Partial<Record<Dataset, EncryptedSecret>>;

  @Prop({ type: Object, required: false })
  rest?: StoredRestClient;

  @Prop({ type: Object, required: true })
  contactFilter!: { types: string[]; mailOptions: MailOption[]; yearGroups?: string[] };

  @Prop({ type: Object, required: true })
  nightlyWindow!: { start: string; end: string };

  @Prop({ type: Object, required: true })
  thresholds!: { removalPercent: number; updatePercent: number };

  @Prop({ type: Boolean, required: true, default: false })
  medicalOptIn!: boolean;

  @Prop({ type: Boolean, required: true, default: true })
  enabled!: boolean;

  /** who made the latest change (`cli:<actor>`), for support's audit of settings changes */
  @Prop({ type: String, required: false })
  updatedBy?: string;

  createdAt?: Date;
  updatedAt?: Date;
}

export type SchoolDocument = HydratedDocument<School>;
export const SchoolSchema = SchemaFactory.createForClass(School);
