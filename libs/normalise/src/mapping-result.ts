import type { Finding } from '@isams-sync/contracts';

/** What each dataset mapper returns: the records it could map and what a person should know. */
export interface MappingResult<R> {
  readonly records: R[];
  readonly findings: Finding[];
}
