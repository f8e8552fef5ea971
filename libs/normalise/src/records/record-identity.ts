import { createHash } from 'node:crypto';
import { RECORD_SCHEMAS, type NormalisedRecord, type NormalisedRecordType } from '@isams-sync/contracts';

/**
 * Change detection: a stable key per record and a hash of its content.
 *
 * The content is serialised with a fixed key order per record type (the schema's field order,
 * applied by JSON.stringify's allow-list, which also orders nested objects), so two records with
 * the same values hash the same whatever order their fields were set in. The photo's base64 is
 * left out: its `sha256` already stands for the image.
 */
export function recordKey(record: NormalisedRecord): string {
  switch (record.type) {
    case 'house':
      return `house:${record.kind}:${record.isamsId}`;
    case 'photo':
      return `photo:${record.ownerKind}:${record.ownerId}`;
    default:
      return `${record.type}:${record.isamsId}`;
  }
}

const EXCLUDED_FROM_HASH: ReadonlySet<string> = new Set(['dataBase64']);
/** Keys of objects nested inside records (medical conditions, allergies, medications). */
const NESTED_KEYS = ['name', 'severity', 'notes', 'reaction', 'dosage'] as const;

/**
 * One allow-list serves every nesting level, so the nested keys are placed as a block where the
 * first of them occurs among the record's own keys: both orders then hold (e.g. a medical
 * record's own `notes` last, and `name, severity, notes` inside each condition).
 */
function keyOrderOf(type: NormalisedRecordType): readonly string[] {
  const own = Object.keys(RECORD_SCHEMAS[type].shape).filter((key) => !EXCLUDED_FROM_HASH.has(key));
  const nested: readonly string[] = NESTED_KEYS;
  const order: string[] = [];
  for (const key of own) {
    if (!nested.includes(key)) order.push(key);
    else if (!order.includes(key)) order.push(...nested.filter((nestedKey) => !order.includes(nestedKey)));
  }
  return [...order, ...nested.filter((key) => !order.includes(key))];
}

const KEY_ORDER = new Map<NormalisedRecordType, string[]>(
  (Object.keys(RECORD_SCHEMAS) as NormalisedRecordType[]).map((type) => [type, [...keyOrderOf(type)]]),
);

/** The record as JSON with its type's fixed key order (absent fields omitted). */
export function serialiseRecord(record: NormalisedRecord): string {
  return JSON.stringify(record, KEY_ORDER.get(record.type));
}

/** sha256 (hex) of serialiseRecord. */
export function contentHash(record: NormalisedRecord): string {
  return createHash('sha256').update(serialiseRecord(record)).digest('hex');
}

export function recordIdentity(record: NormalisedRecord): { key: string; hash: string } {
  return { key: recordKey(record), hash: contentHash(record) };
}
