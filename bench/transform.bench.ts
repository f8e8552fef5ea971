/**
 * Transform benchmark: `npm run bench:transform` (built to dist/ first, then run with node).
 *
 * Generates schools of 800, 3,000 and 30,000 pupils with the simulator, renders each dataset's
 * Batch document, and measures on the same bytes, each in a fresh child process so peak memory
 * (maxRSS) belongs to that measurement alone:
 *   - fast-xml-parser's raw parse (the floor the issue sets),
 *   - a raw saxes SAX parse (events only, nothing built),
 *   - our hardened parse + mapping with the default engine (fast-xml-parser) and with `saxes`.
 * Prints one Markdown table. Sizes: BENCH_SIZES=800,3000 to run fewer. This measures; it asserts nothing.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { BATCH_METHODS, DATASET_METHODS, createIsamsXmlParser, type Dataset, type XmlEngine } from '@isams-sync/isams';
import { transformParsed } from '@isams-sync/normalise';
import { generateSchool, renderBatchDocument } from '@isams-sync/simulator';

const MODES = ['fxp-raw', 'saxes-raw', 'ours:fast-xml-parser', 'ours:saxes'] as const;
type Mode = (typeof MODES)[number];
const BENCH_DATASETS: readonly Dataset[] = [
  'pupils',
  'contacts',
  'staff',
  'structure',
  'teaching',
  'photos',
  'medical',
];
const TODAY = '2026-11-28';

interface Measurement {
  readonly mode: Mode;
  readonly parseMs: number;
  readonly mapMs: number;
  readonly records: number;
  readonly peakRssMb: number;
}

// ---------------------------------------------------------------------------------------------
// Child: one measurement of one document.
// ---------------------------------------------------------------------------------------------

function measure(mode: Mode, file: string, dataset: Dataset): Measurement {
  const bytes = readFileSync(file);
  // Small documents are timed several times (best run): one run is mostly JIT warm-up.
  const runs = Math.max(1, Math.min(5, Math.floor((20 * 1024 * 1024) / Math.max(bytes.length, 1))));
  let best = { parseMs: Number.POSITIVE_INFINITY, mapMs: 0, records: 0 };
  for (let run = 0; run < runs; run++) {
    const outcome = measureOnce(mode, bytes, dataset);
    if (outcome.parseMs + outcome.mapMs < best.parseMs + best.mapMs) best = outcome;
  }
  return { mode, ...best, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function measureOnce(mode: Mode, bytes: Buffer, dataset: Dataset): { parseMs: number; mapMs: number; records: number } {
  const started = performance.now();
  if (mode === 'fxp-raw') {
    new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      parseAttributeValue: false,
      htmlEntities: true,
    }).parse(bytes.toString('utf8'));
    return { parseMs: performance.now() - started, mapMs: 0, records: 0 };
  }
  if (mode === 'saxes-raw') {
    // Events only: saxes builds each tag and its attributes whether or not anyone listens.
    new SaxesParser().write(bytes.toString('utf8')).close();
    return { parseMs: performance.now() - started, mapMs: 0, records: 0 };
  }
  const engine = mode.slice('ours:'.length) as XmlEngine;
  const parsed = createIsamsXmlParser({ engine }).parse(bytes);
  const parsedAt = performance.now();
  const { records } = transformParsed(dataset, parsed.root, { today: TODAY });
  return { parseMs: parsedAt - started, mapMs: performance.now() - parsedAt, records: records.length };
}

function runChild(mode: Mode, file: string, dataset: Dataset): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', mode, file, dataset], { execArgv: ['--max-old-space-size=4096'] });
    child.once('message', (message) => resolve(message as Measurement));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${mode} on ${dataset} exited with ${String(code)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Parent: generate, render, measure, print.
// ---------------------------------------------------------------------------------------------

interface Row {
  readonly pupils: number;
  readonly dataset: Dataset;
  readonly bytes: number;
  readonly results: Readonly<Record<Mode, Measurement>>;
}

async function main(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '800,3000,30000').split(',').map((size) => Number(size.trim()));
  const directory = mkdtempSync(join(tmpdir(), 'transform-bench-'));
  const rows: Row[] = [];
  try {
    for (const pupils of sizes) {
      const school = generateSchool({ seed: 20_260_128, pupils, medical: true });
      for (const dataset of BENCH_DATASETS) {
        const methods =
          dataset === 'photos' ? [...DATASET_METHODS.photos, BATCH_METHODS.staffPhotos] : DATASET_METHODS[dataset];
        const file = join(directory, `${pupils}-${dataset}.xml`);
        const document = Buffer.from(renderBatchDocument(school, methods), 'utf8');
        writeFileSync(file, document);
        const results = {} as Record<Mode, Measurement>;
        for (const mode of MODES) results[mode] = await runChild(mode, file, dataset);
        rows.push({ pupils, dataset, bytes: document.length, results });
        process.stderr.write(`measured ${pupils} pupils / ${dataset}\n`);
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  process.stdout.write(`${table(rows)}\n`);
}

const mb = (bytes: number): number => bytes / (1024 * 1024);
const fixed = (value: number, digits = 0): string => value.toFixed(digits);
const throughput = (bytes: number, ms: number): string => fixed(mb(bytes) / (ms / 1000), 1);

function table(rows: readonly Row[]): string {
  const header = [
    'pupils',
    'dataset',
    'MB',
    'records',
    'fxp raw ms (MB/s, peak MB)',
    'saxes raw ms (MB/s, peak MB)',
    'ours/fxp parse ms (MB/s)',
    'map ms (% of fxp raw)',
    'ours/fxp records/s, peak MB',
    'ours/saxes parse ms (MB/s)',
    'ours/saxes records/s, peak MB',
  ];
  const lines = rows.map(({ pupils, dataset, bytes, results }) => {
    const raw = results['fxp-raw'];
    const sax = results['saxes-raw'];
    const ours = results['ours:fast-xml-parser'];
    const light = results['ours:saxes'];
    const recordsPerSecond = (m: Measurement): string => fixed(m.records / ((m.parseMs + m.mapMs) / 1000));
    return [
      String(pupils),
      dataset,
      fixed(mb(bytes), 2),
      String(ours.records),
      `${fixed(raw.parseMs)} (${throughput(bytes, raw.parseMs)}, ${fixed(raw.peakRssMb)})`,
      `${fixed(sax.parseMs)} (${throughput(bytes, sax.parseMs)}, ${fixed(sax.peakRssMb)})`,
      `${fixed(ours.parseMs)} (${throughput(bytes, ours.parseMs)})`,
      `${fixed(ours.mapMs)} (${fixed((100 * ours.mapMs) / raw.parseMs)}%)`,
      `${recordsPerSecond(ours)}, ${fixed(ours.peakRssMb)}`,
      `${fixed(light.parseMs)} (${throughput(bytes, light.parseMs)})`,
      `${recordsPerSecond(light)}, ${fixed(light.peakRssMb)}`,
    ];
  });
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

if (process.argv[2] === '--child') {
  const [mode, file, dataset] = process.argv.slice(3) as [Mode, string, Dataset];
  process.send?.(measure(mode, file, dataset), () => process.exit(0));
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
