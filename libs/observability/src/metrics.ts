import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per app, with Node's default process metrics. */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}
