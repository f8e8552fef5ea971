import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { buildInfo } from './build-info';
import { METRICS, type MetricSpec } from './metric-catalog';

/** One Prometheus registry per app, with Node's default process metrics and the build it runs. */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  const { version, revision } = buildInfo();
  gaugeOn(registry, METRICS.buildInfo).set({ version, revision }, 1);
  return registry;
}

/** Sets the gauge's series when scraped; it gets the gauge (prom-client passes it as `this`). */
export type Collect = (gauge: Gauge<string>) => void | Promise<void>;

// Several owners (or a test re-creating one) may share a registry: reuse what is registered.
function existing<T>(registry: Registry, metric: MetricSpec): T | undefined {
  return registry.getSingleMetric(metric.name) as T | undefined;
}

export function counterOn(registry: Registry, metric: MetricSpec): Counter<string> {
  return (
    existing<Counter<string>>(registry, metric) ??
    new Counter({ name: metric.name, help: metric.help, labelNames: [...metric.labels], registers: [registry] })
  );
}

/** A scrape must answer even while the database or broker does not (that is when it matters most). */
const COLLECT_TIMEOUT_MS = 3_000;

/**
 * A gauge; with `collect`, its value is computed when scraped (e.g. from the database). A collect
 * that fails or takes longer than 3 s leaves the gauge as the last scrape saw it, so /metrics still
 * answers (with isams_sync_ready 0) instead of failing the whole scrape.
 */
export function gaugeOn(registry: Registry, metric: MetricSpec, collect?: Collect): Gauge<string> {
  const bounded =
    collect &&
    ((gauge: Gauge<string>) =>
      withinTime(
        Promise.resolve().then(() => collect(gauge)),
        COLLECT_TIMEOUT_MS,
      ).catch(() => undefined));
  return (
    existing<Gauge<string>>(registry, metric) ??
    new Gauge({
      name: metric.name,
      help: metric.help,
      labelNames: [...metric.labels],
      registers: [registry],
      ...(bounded
        ? {
            collect(this: Gauge<string>) {
              return bounded(this);
            },
          }
        : {}),
    })
  );
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took over ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function histogramOn(registry: Registry, metric: MetricSpec): Histogram<string> {
  return (
    existing<Histogram<string>>(registry, metric) ??
    new Histogram({
      name: metric.name,
      help: metric.help,
      labelNames: [...metric.labels],
      buckets: [...(metric.buckets ?? [])],
      registers: [registry],
    })
  );
}
