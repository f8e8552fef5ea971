import {
  BatchClient,
  type BatchResponse,
  DATASETS,
  type Dataset,
  datasetRequest,
  isBatchCallError,
  maskedKey,
  REQUIRED_DATASETS,
} from '@isams-sync/isams';
import { expectedSections, methodOfSection, transformDocument, unexpectedSections } from '@isams-sync/normalise';
import { maskSecret } from '@isams-sync/secrets';
import type { KeyCheck, KeysReport } from './keys-report.formatter';

/** A diagnosis waits this long for one answer, then says so (the sync itself has its own time-outs). */
export const KEY_CHECK_CALL_TIMEOUT_MS = 60_000;

export interface SchoolKeys {
  id: string;
  accessUrl: string;
  batchKeys: Partial<Record<Dataset, string>>;
}

/** Whatever text reached us, with the key (and the client's own partial mask of it) replaced by its fingerprint. */
function scrub(text: string, apiKey: string): string {
  const fingerprint = maskSecret(apiKey);
  return text
    .split(maskedKey(apiKey))
    .join(fingerprint)
    .replace(new RegExp(apiKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), fingerprint);
}

type Answer = { ok: true; response: BatchResponse } | { ok: false; error: unknown };

async function callOnce(client: BatchClient, accessUrl: string, apiKey: string, dataset: Dataset): Promise<Answer> {
  try {
    // asked for exactly as the nightly sync asks: same endpoint, same filters
    const { endpoint, filters } = datasetRequest(dataset);
    return {
      ok: true,
      response: await client.fetch({
        accessUrl,
        apiKey,
        dataset,
        endpoint,
        filters,
        signal: AbortSignal.timeout(KEY_CHECK_CALL_TIMEOUT_MS),
      }),
    };
  } catch (error) {
    return { ok: false, error };
  }
}

/** A failed call as the report shows it: reached iSAMS when iSAMS answered something (an HTTP status). */
function failedCheck(base: KeyCheck, error: unknown, apiKey: string): KeyCheck {
  if (isBatchCallError(error)) {
    return {
      ...base,
      reachable: error.httpStatus !== undefined,
      ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
      error: { kind: error.kind, message: scrub(error.message, apiKey), fix: error.fix },
    };
  }
  return {
    ...base,
    reachable: false,
    error: {
      kind: 'unexpected',
      message: scrub(String((error as Error).message ?? error), apiKey),
      fix: "Check the school's iSAMS access URL and that this machine can reach it",
    },
  };
}

/** The answer's sections and records, or why it could not be read. */
function readAnswer(base: KeyCheck, response: BatchResponse, today: string): KeyCheck {
  const reached: KeyCheck = {
    ...base,
    reachable: true,
    httpStatus: response.status,
    bytes: response.body.length,
    durationMs: Math.round(response.durationMs),
  };
  try {
    const result = transformDocument(base.dataset, response.body, { today });
    const missing = expectedSections(base.dataset).filter((section) => !result.sections.includes(section));
    const extra = unexpectedSections(base.dataset, result.sections).map((section) => {
      const method = methodOfSection(section);
      return method ? { section, method } : { section };
    });
    return {
      ...reached,
      sectionsPresent: result.sections,
      sectionsMissing: missing,
      sectionsExtra: extra,
      counts: result.counts,
    };
  } catch (error) {
    return {
      ...reached,
      error: {
        kind: 'unreadable',
        message: `the answer is not a usable iSAMS document: ${(error as Error).message.split('\n')[0]}`,
        fix: 'Check that the key belongs to this dataset and that its answer is XML (the Batch API, not a login page)',
      },
    };
  }
}

/** The datasets to check: every one the school has a key for, and every required one (reported as missing when it has none). */
function datasetsToCheck(school: SchoolKeys): Dataset[] {
  return DATASETS.filter((dataset) => REQUIRED_DATASETS.includes(dataset) || school.batchKeys[dataset] !== undefined);
}

/**
 * Calls each of the school's keys once, then again straight away to see whether iSAMS answers
 * from its cache. No retries: this is a diagnosis, and the first answer is what it reports.
 */
export async function checkSchoolKeys(
  school: SchoolKeys,
  client: BatchClient,
  now: () => Date = () => new Date(),
  progress: (line: string) => void = () => undefined,
): Promise<KeysReport> {
  const checkedAt = now();
  const today = checkedAt.toISOString().slice(0, 10);
  const datasets: KeyCheck[] = [];
  for (const dataset of datasetsToCheck(school)) {
    const apiKey = school.batchKeys[dataset];
    const base: KeyCheck = {
      dataset,
      required: REQUIRED_DATASETS.includes(dataset),
      reachable: false,
      sectionsPresent: [],
      sectionsMissing: [],
      sectionsExtra: [],
      counts: {},
    };
    if (apiKey === undefined) {
      datasets.push(base);
      continue;
    }
    const withKey = { ...base, key: maskSecret(apiKey) };
    progress(`checking ${dataset} (key ${withKey.key})…`);
    const first = await callOnce(client, school.accessUrl, apiKey, dataset);
    const firstAt = performance.now();
    if (!first.ok) {
      const failed = failedCheck(withKey, first.error, apiKey);
      progress(`  ${dataset}: ${failed.error?.message ?? 'failed'}`);
      datasets.push(failed);
      continue;
    }
    const check = readAnswer(withKey, first.response, today);
    progress(
      `  ${dataset}: answered in ${check.durationMs} ms; calling again to see whether iSAMS answers from its cache…`,
    );
    const second = await callOnce(client, school.accessUrl, apiKey, dataset);
    const secondsApart = (performance.now() - firstAt) / 1000;
    datasets.push(
      second.ok
        ? { ...check, repeat: { identical: second.response.body.equals(first.response.body), secondsApart } }
        : check,
    );
  }
  return { schoolId: school.id, checkedAt: checkedAt.toISOString(), datasets };
}
