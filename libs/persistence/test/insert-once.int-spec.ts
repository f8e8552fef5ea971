import mongoose, { Schema } from 'mongoose';
import { insertOnce } from '@isams-sync/persistence';
import { uniqueMongoUrl } from '@isams-sync/testing';

describe('insertOnce on the real MongoDB-compatible server', () => {
  let connection: mongoose.Connection;
  let model: mongoose.Model<{ _id: string; value: number; email?: string }>;

  beforeAll(async () => {
    connection = await mongoose.createConnection(uniqueMongoUrl('insert-once')).asPromise();
    const schema = new Schema<{ _id: string; value: number; email?: string }>(
      { _id: String, value: Number, email: String },
      { versionKey: false, timestamps: true },
    );
    schema.index({ email: 1 }, { unique: true, sparse: false });
    model = connection.model('InsertOnceDoc', schema);
    await model.syncIndexes();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const docs = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => ({
      _id: `d${from + i}`,
      value: from + i,
      email: `p${from + i}@example.org`,
    }));

  it('inserts everything new and counts it, in batches larger than one bulk', async () => {
    expect(await insertOnce(model, docs(0, 1200))).toEqual({ inserted: 1200 });
    expect(await model.countDocuments()).toBe(1200);
  });

  it('skips documents already stored, keeps what is stored, and inserts the rest', async () => {
    const again = docs(1190, 1210).map((d) => ({ ...d, value: -1 }));
    expect(await insertOnce(model, again)).toEqual({ inserted: 10 });
    expect((await model.findById('d1195').lean())?.value).toBe(1195);
    expect((await model.findById('d1205').lean())?.value).toBe(-1);
  });

  it('applies the schema (timestamps) like any mongoose write', async () => {
    expect((await model.findById('d0').lean()) as unknown as { createdAt?: Date }).toHaveProperty('createdAt');
  });

  it('throws when the schema refuses a document, instead of dropping it', async () => {
    await expect(insertOnce(model, [{ _id: 'nan', value: 'not a number' }])).rejects.toThrow();
    expect(await model.exists({ _id: 'nan' })).toBeNull();
  });

  it('throws when a new document collides on another unique index (that is a conflict, not "already stored")', async () => {
    await expect(insertOnce(model, [{ _id: 'other', value: 1, email: 'p0@example.org' }])).rejects.toMatchObject({
      code: 11000,
    });
    expect(await model.exists({ _id: 'other' })).toBeNull();
  });
});
