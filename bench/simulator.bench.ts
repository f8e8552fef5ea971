/**
 * How fast the iSAMS simulator serves a school's pupils and contacts documents over HTTP.
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   npm run build && node dist/bench/simulator.bench.js [--pupils 3000] [--runs 5] [--json]
 *
 * With --json the last line is one JSON object with every figure.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { startSimulator } from '../apps/isams-simulator/src/isams-simulator.server';

interface RunFigures {
  bytes: number;
  ttfbMs: number;
  totalMs: number;
}

interface DocumentFigures {
  document: string;
  records: number;
  bytes: number;
  runs: number;
  ttfbMs: number;
  totalMs: number;
  mbPerSecond: number;
  recordsPerSecond: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number`);
  return value;
}

/**
 * The client runs in a worker thread with its own event loop, so the times are what a separate
 * client sees (a client sharing the server's event loop only reads between the server's writes).
 * It GETs the URL `runs + 1` times (the first is a warm-up), timing the first body byte and the
 * last; the body is counted and dropped, as a streaming client would.
 */
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { request } = require('node:http');
const { performance } = require('node:perf_hooks');
function once(url) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByte = 0;
    let bytes = 0;
    request(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error('HTTP ' + res.statusCode));
      res.on('data', (chunk) => { if (bytes === 0) firstByte = performance.now(); bytes += chunk.length; });
      res.on('end', () => resolve({ bytes, ttfbMs: firstByte - started, totalMs: performance.now() - started }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}
(async () => {
  const results = [];
  for (let run = 0; run <= workerData.runs; run++) results.push(await once(workerData.url));
  parentPort.postMessage(results.slice(1));
})().catch((error) => { throw error; });
`;

function fetchRuns(url: string, runs: number): Promise<RunFigures[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { url, runs } });
    worker.once('message', (figures: RunFigures[]) => resolve(figures));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`client worker exited with ${code}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function measure(document: string, url: string, records: number, runs: number): Promise<DocumentFigures> {
  const figures = await fetchRuns(url, runs);
  const totalMs = median(figures.map((figure) => figure.totalMs));
  const bytes = figures[0].bytes;
  return {
    document,
    records,
    bytes,
    runs,
    ttfbMs: median(figures.map((figure) => figure.ttfbMs)),
    totalMs,
    mbPerSecond: bytes / 1_000_000 / (totalMs / 1000),
    recordsPerSecond: records / (totalMs / 1000),
  };
}

async function main(): Promise<void> {
  const pupils = option('pupils', 3000);
  const runs = option('runs', 5);
  const rssBefore = process.memoryUsage().rss;
  const generateStarted = performance.now();
  const simulator = await startSimulator({ seed: 42, pupils });
  const generateMs = performance.now() - generateStarted;
  const rssGenerated = process.memoryUsage().rss;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  try {
    const { keys } = simulator.school.info();
    for (const dataset of ['pupils', 'contacts'] as const) simulator.school.configureKey(dataset, { cacheSeconds: 0 });
    const results = [
      await measure(
        'pupils',
        `${simulator.url}/api/batch/1.0/xml.ashx?apiKey=${keys.pupils}`,
        simulator.school.data.pupils.length,
        runs,
      ),
      await measure(
        'contacts',
        `${simulator.url}/api/batch/1.0/xml.ashx?apiKey=${keys.contacts}`,
        simulator.school.data.contacts.length,
        runs,
      ),
    ];
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const summary = {
      benchmark: 'simulator',
      node: process.version,
      pupils,
      runs,
      generateMs: Math.round(generateMs),
      rssBeforeMb: +(rssBefore / 1e6).toFixed(1),
      rssWithSchoolMb: +(rssGenerated / 1e6).toFixed(1),
      peakRssMb: +(peakRss / 1e6).toFixed(1),
      maxRssMb: +(process.resourceUsage().maxRSS / 1000).toFixed(1),
      documents: results.map((result) => ({
        ...result,
        ttfbMs: +result.ttfbMs.toFixed(1),
        totalMs: +result.totalMs.toFixed(1),
        mbPerSecond: +result.mbPerSecond.toFixed(1),
        recordsPerSecond: Math.round(result.recordsPerSecond),
      })),
    };
    console.log(
      `iSAMS simulator, ${pupils} pupils (seed 42), median of ${runs} runs (after a warm-up) over HTTP on 127.0.0.1, client in a worker thread, Node ${process.version}`,
    );
    console.log(
      `school generated in ${summary.generateMs} ms; RSS ${summary.rssBeforeMb} MB before, ${summary.rssWithSchoolMb} MB with the school, peak ${summary.peakRssMb} MB while serving (client worker included)`,
    );
    console.table(
      summary.documents.map(({ document, records, bytes, ttfbMs, totalMs, mbPerSecond, recordsPerSecond }) => ({
        document,
        records,
        MB: +(bytes / 1e6).toFixed(2),
        'first byte ms': ttfbMs,
        'total ms': totalMs,
        'MB/s': mbPerSecond,
        'records/s': recordsPerSecond,
      })),
    );
    if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
  } finally {
    clearInterval(sampler);
    await simulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
