import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import {
  insecureAccessUrlProblem,
  type SchoolConfig,
  schoolIdSchema,
  schoolInputProblems,
  schoolInputSchema,
} from '@isams-sync/contracts';
import { SecretCipher } from '@isams-sync/secrets';
import { SchoolChangedError, SchoolExistsError, SchoolNotFoundError, SchoolValidationError } from './school.errors';
import { mergeSchoolPatch } from './school-patch';
import { School, SchoolSchema } from './school.schema';
import { maskSchool, openSchool, sealSchool, type SchoolPublic, type SchoolWithSecrets } from './school-secrets.codec';

/** What `remove` deleted: documents per collection (only collections where something went). */
export interface SchoolRemoval {
  schoolId: string;
  deleted: Record<string, number>;
  total: number;
}

const DUPLICATE_KEY = 11000;

/** Deployment rules for what a school may be registered with (from the app's validated environment). */
export interface SchoolRegistryPolicy {
  /** hosts whose access URL may be plain http (ISAMS_INSECURE_HOSTS); empty in production */
  insecureHosts: readonly string[];
}

export const SCHOOL_REGISTRY_POLICY = Symbol('SCHOOL_REGISTRY_POLICY');
const HTTPS_ONLY: SchoolRegistryPolicy = { insecureHosts: [] };

/**
 * The school registry. Secrets are encrypted on every write and only `getWithSecrets` returns
 * them in clear (for the code that calls iSAMS); every other read fingerprints them.
 */
@Injectable()
export class SchoolRepository {
  constructor(
    @InjectModel(School.name) private readonly schools: Model<School>,
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
    @Optional() @Inject(SCHOOL_REGISTRY_POLICY) private readonly policy: SchoolRegistryPolicy = HTTPS_ONLY,
  ) {}

  /** For code without Nest (the CLI): the repository over an open mongoose connection. */
  static onConnection(
    connection: Connection,
    cipher: SecretCipher,
    policy: SchoolRegistryPolicy = HTTPS_ONLY,
  ): SchoolRepository {
    return new SchoolRepository(connection.model(School.name, SchoolSchema), cipher, policy);
  }

  /** `changedBy` (who, e.g. `cli:alice`) is kept with the school as its latest change's author. */
  async add(input: unknown, changedBy?: string): Promise<SchoolPublic> {
    const school = this.validate(input);
    try {
      await this.schools.create({ ...sealSchool(school, this.cipher), ...(changedBy ? { updatedBy: changedBy } : {}) });
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new SchoolExistsError(school.id);
      throw error;
    }
    return this.mustGetPublic(school.id);
  }

  /** Applies a partial change (see mergeSchoolPatch) and validates the whole result before writing. */
  async update(id: string, patch: unknown, changedBy?: string): Promise<SchoolPublic> {
    const stored = await this.findStored(id);
    if (!stored) throw new SchoolNotFoundError(id);
    const { createdAt: _c, updatedAt: _u, updatedBy: _b, ...current } = openSchool(stored, this.cipher);
    const merged = mergeSchoolPatch(id, current, patch);
    if (merged.id !== id)
      throw new SchoolValidationError(id, [
        'id: cannot be changed (remove the school and add it again under the new id)',
      ]);
    const { _id, createdAt: _created, updatedAt: _updated, ...sealed } = sealSchool(this.validate(merged), this.cipher);
    // `updatedAt` guards against a concurrent update: the write only lands on the version we read.
    const result = await this.schools
      .updateOne(
        { _id, updatedAt: stored.updatedAt },
        {
          $set: { ...sealed, ...(changedBy ? { updatedBy: changedBy } : {}) },
          ...(sealed.rest ? {} : { $unset: { rest: 1 } }),
        },
      )
      .exec();
    if (result.matchedCount === 0) throw new SchoolChangedError(id);
    return this.mustGetPublic(id);
  }

  async getPublic(id: string): Promise<SchoolPublic | null> {
    const stored = await this.findStored(id);
    return stored && maskSchool(stored, this.cipher);
  }

  /** Secrets in clear. Throws SecretDecryptError (naming school and field) when the key is wrong. */
  async getWithSecrets(id: string): Promise<SchoolWithSecrets | null> {
    const stored = await this.findStored(id);
    return stored && openSchool(stored, this.cipher);
  }

  /** Registered school ids, for code that needs no settings and holds no SECRETS_KEY (the CLI's run lists). */
  static async idsOnConnection(connection: Connection): Promise<string[]> {
    const stored = await connection
      .model(School.name, SchoolSchema)
      .find({}, { _id: 1 })
      .sort({ _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return stored.map((s) => s._id);
  }

  async list(): Promise<SchoolPublic[]> {
    const stored = await this.schools.find().sort({ _id: 1 }).lean<School[]>().exec();
    return stored.map((s) => maskSchool(s, this.cipher));
  }

  /**
   * Deletes the school and every document carrying its `schoolId` in every collection of the
   * database, including GridFS files tagged with it (their chunks carry only `files_id`).
   * The school is disabled first and deleted last, so an interrupted removal can simply be rerun.
   */
  async remove(id: string): Promise<SchoolRemoval | null> {
    if (!schoolIdSchema.safeParse(id).success) return null;
    const disabled = await this.schools.updateOne({ _id: id }, { $set: { enabled: false } }).exec();
    if (disabled.matchedCount === 0) return null;
    const db = this.schools.db.db;
    if (!db) throw new Error('the database connection is not open');
    const own = this.schools.collection.collectionName;
    const names = (await db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => n !== own && !n.startsWith('system.'));
    const deleted: Record<string, number> = {};
    const count = (name: string, n: number) => {
      if (n > 0) deleted[name] = (deleted[name] ?? 0) + n;
    };
    for (const name of names.filter((n) => n.endsWith('.files'))) {
      const chunks = `${name.slice(0, -'.files'.length)}.chunks`;
      const fileFilter = { $or: [{ schoolId: id }, { 'metadata.schoolId': id }] };
      const fileIds = (
        await db
          .collection(name)
          .find(fileFilter, { projection: { _id: 1 } })
          .toArray()
      ).map((f) => f._id);
      if (fileIds.length === 0) continue;
      if (names.includes(chunks))
        count(chunks, (await db.collection(chunks).deleteMany({ files_id: { $in: fileIds } })).deletedCount);
      count(name, (await db.collection(name).deleteMany({ _id: { $in: fileIds } })).deletedCount);
    }
    for (const name of names) count(name, (await db.collection(name).deleteMany({ schoolId: id })).deletedCount);
    count(own, (await this.schools.deleteOne({ _id: id }).exec()).deletedCount);
    return { schoolId: id, deleted, total: Object.values(deleted).reduce((a, b) => a + b, 0) };
  }

  private async findStored(id: string): Promise<School | null> {
    // An id that cannot exist is never sent to the database (it may come straight from a command line).
    if (!schoolIdSchema.safeParse(id).success) return null;
    return this.schools.findOne({ _id: id }).lean<School>().exec();
  }

  private async mustGetPublic(id: string): Promise<SchoolPublic> {
    const school = await this.getPublic(id);
    if (!school) throw new SchoolNotFoundError(id);
    return school;
  }

  private validate(input: unknown): SchoolConfig {
    const result = schoolInputSchema.safeParse(input);
    const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
    if (!result.success)
      throw new SchoolValidationError(typeof id === 'string' ? id : undefined, schoolInputProblems(result.error));
    const insecure = insecureAccessUrlProblem(result.data.accessUrl, this.policy.insecureHosts ?? []);
    if (insecure) throw new SchoolValidationError(result.data.id, [`accessUrl: ${insecure}`]);
    return result.data;
  }
}
