import type { Finding, FindingSeverity } from '@isams-sync/contracts';

export interface FindingDetails {
  readonly recordRef?: string;
  readonly message: string;
  readonly fix: string;
}

/** Gathers the findings of one dataset's mapping, each stamped with the dataset. */
export class FindingCollector {
  readonly findings: Finding[] = [];

  constructor(readonly dataset: string) {}

  add(severity: FindingSeverity, kind: string, details: FindingDetails): void {
    const finding: Finding = { kind, severity, dataset: this.dataset, message: details.message, fix: details.fix };
    if (details.recordRef !== undefined) finding.recordRef = details.recordRef;
    this.findings.push(finding);
  }

  error(kind: string, details: FindingDetails): void {
    this.add('error', kind, details);
  }

  warning(kind: string, details: FindingDetails): void {
    this.add('warning', kind, details);
  }

  info(kind: string, details: FindingDetails): void {
    this.add('info', kind, details);
  }
}

/** The kinds of finding the mapping raises. */
export const FINDING_KINDS = {
  missingId: 'missing-id',
  invalidValue: 'invalid-value',
  duplicateRecord: 'duplicate-record',
  duplicateName: 'duplicate-name',
  unknownReference: 'unknown-reference',
  missingSection: 'missing-section',
  emptySection: 'empty-section',
  unexpectedSection: 'unexpected-section',
  missingField: 'missing-field',
  noLinkedPupils: 'no-linked-pupils',
  replacedCharacters: 'replaced-characters',
} as const;
