import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process; every metric name starts with `leadscore_`. */
export class Metrics {
  readonly registry = new Registry();

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'leadscore_' });
  }

  counter(name: string, help: string, labelNames: string[] = []): Counter {
    return new Counter({ name: `leadscore_${name}`, help, labelNames, registers: [this.registry] });
  }

  /** With `collect`, the gauge is emptied and refilled from it at each scrape (values computed on demand). */
  gauge(name: string, help: string, labelNames: string[] = [], collect?: (gauge: Gauge) => void): Gauge {
    return new Gauge({
      name: `leadscore_${name}`, help, labelNames, registers: [this.registry],
      ...(collect && { collect(this: Gauge) { this.reset(); collect(this); } }),
    });
  }

  histogram(name: string, help: string, buckets: number[], labelNames: string[] = []): Histogram {
    return new Histogram({ name: `leadscore_${name}`, help, buckets, labelNames, registers: [this.registry] });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

export const DURATION_BUCKETS_SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const BATCH_SIZE_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
