import { DATASETS, type Dataset } from '@isams-sync/isams';
import { transformDocument } from '@isams-sync/normalise';

export interface DatasetPreview {
  dataset: Dataset;
  httpStatus: number;
  bytes: number;
  seconds: number;
  records: Record<string, number>;
  findings: Record<string, number>;
  error?: string;
}

/**
 * Calls each of the school's Batch keys once over HTTP and runs the document through the same
 * transform the transformer uses: what a first sync would see, before the pipeline stores it.
 */
export async function previewDatasets(accessUrl: string, batchPath: string, keys: Partial<Record<Dataset, string>>, today: string): Promise<DatasetPreview[]> {
  const previews: DatasetPreview[] = [];
  for (const dataset of DATASETS) {
    const key = keys[dataset];
    if (!key) continue;
    const started = performance.now();
    const res = await fetch(`${accessUrl}${batchPath}?apiKey=${encodeURIComponent(key)}`, { signal: AbortSignal.timeout(60_000) });
    const bytes = Buffer.from(await res.arrayBuffer());
    const preview: DatasetPreview = { dataset, httpStatus: res.status, bytes: bytes.length, seconds: 0, records: {}, findings: {} };
    try {
      const result = transformDocument(dataset, bytes, { today });
      preview.records = result.counts;
      for (const f of result.findings) preview.findings[f.kind] = (preview.findings[f.kind] ?? 0) + 1;
    } catch (error) {
      preview.error = (error as Error).message.split('\n')[0];
    }
    preview.seconds = Number(((performance.now() - started) / 1000).toFixed(3));
    previews.push(preview);
  }
  return previews;
}
