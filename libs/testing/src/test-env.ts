import { randomBytes } from 'node:crypto';

/** Where the real services are (scripts/services.sh makes sure they answer). */
export const TEST_AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const TEST_MONGO_BASE_URL = (process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/isams-sync').replace(
  /\/[^/]*$/,
  '',
);

/** A name unique to this test run, so parallel runs and leftovers never collide. */
export function uniqueName(label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function uniqueMongoUrl(label: string): string {
  return `${TEST_MONGO_BASE_URL}/${uniqueName(label)}`;
}
