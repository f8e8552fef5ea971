import type { NormalisedRecord } from '@isams-sync/contracts';
import { FINDING_KINDS, type FindingCollector } from '../findings/finding.collector';
import { recordKey, serialiseRecord } from './record-identity';

/**
 * Collects mapped records, keeping the first of any that share a key (a pupil repeated across
 * merged sections, say) and saying so in a finding rather than dropping it silently.
 */
export class RecordCollector<R extends NormalisedRecord> {
  private readonly byKey = new Map<string, R>();

  constructor(private readonly findings: FindingCollector) {}

  add(record: R, recordRef: string): void {
    const key = recordKey(record);
    const first = this.byKey.get(key);
    if (first === undefined) {
      this.byKey.set(key, record);
      return;
    }
    const identical = serialiseRecord(first) === serialiseRecord(record);
    this.findings.add(identical ? 'info' : 'warning', FINDING_KINDS.duplicateRecord, {
      recordRef,
      message: identical
        ? `${record.type} ${key} appears more than once with the same content; counted once`
        : `${record.type} ${key} appears more than once with different content; the first was kept`,
      fix: identical
        ? 'Nothing to do, unless the Batch key returns the same section twice by mistake.'
        : 'Check in iSAMS why two records share this id; correct or merge the duplicate.',
    });
  }

  get records(): R[] {
    return [...this.byKey.values()];
  }
}
