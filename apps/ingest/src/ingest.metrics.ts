import { type Counter, type Histogram } from 'prom-client';
import { DURATION_BUCKETS_SECONDS, type Metrics } from '@leadscore/observability';

/** Outcomes of `leadscore_ingest_events_total`, counted per event. */
export type EventOutcome = 'accepted' | 'invalid' | 'too_large' | 'unavailable';

export class IngestMetrics {
  readonly events: Counter<string>;
  readonly requests: Counter<string>;
  readonly produceDuration: Histogram<string>;

  constructor(metrics: Metrics) {
    this.events = metrics.counter('ingest_events_total', 'Events received, by outcome', ['outcome']);
    this.requests = metrics.counter('ingest_requests_total', 'HTTP answers, by route pattern and status', ['route', 'status']);
    this.produceDuration = metrics.histogram('ingest_produce_duration_seconds', 'Time for Kafka to acknowledge a request\'s events (or to give up)', DURATION_BUCKETS_SECONDS);
  }

  countEvents(outcome: EventOutcome, count: number): void {
    if (count > 0) this.events.inc({ outcome }, count);
  }
}
