import { type Counter, type Histogram } from 'prom-client';
import { DURATION_BUCKETS_SECONDS, type Metrics } from '@leadscore/observability';

/** Outcomes of `leadscore_ingest_events_total`, counted per event. */
export type EventOutcome = 'accepted' | 'invalid' | 'too_large' | 'unavailable';

/** Outcomes of `leadscore_pixel_hits_total`: the pixel answers the GIF in every case. */
export type PixelOutcome = 'recorded' | 'opted_out' | 'unauthorized' | 'origin_refused' | 'invalid' | 'rate_limited' | 'dropped';

export class IngestMetrics {
  readonly events: Counter<string>;
  readonly requests: Counter<string>;
  readonly produceDuration: Histogram<string>;
  readonly pixelHits: Counter<string>;
  readonly rateLimited: Counter<string>;
  readonly rateLimitUnchecked: Counter<string>;
  readonly originRefused: Counter<string>;
  readonly addressRateLimited: Counter<string>;
  readonly segmentOptedOut: Counter<string>;

  constructor(private readonly metrics: Metrics) {
    this.events = metrics.counter('ingest_events_total', 'Events received, by outcome', ['outcome']);
    this.requests = metrics.counter('ingest_requests_total', 'HTTP answers, by route pattern and status', ['route', 'status']);
    this.pixelHits = metrics.counter('pixel_hits_total', 'Pixel requests, by outcome (every one answered with the GIF)', ['outcome']);
    this.rateLimited = metrics.counter('ingest_rate_limited_total', 'Requests refused (429) over their source\'s rate limit');
    this.addressRateLimited = metrics.counter('ingest_address_rate_limited_total', 'Requests refused (429, or the GIF unrecorded) over their client address\'s limit, before authentication');
    this.rateLimitUnchecked = metrics.counter('ingest_rate_limit_unchecked_total', 'Requests let through because Redis did not answer the rate limit in time');
    this.originRefused = metrics.counter('ingest_origin_refused_total', 'Browser calls refused because their Origin is not among the source\'s allowed origins, by route', ['route']);
    this.segmentOptedOut = metrics.counter('segment_opted_out_total', 'Segment calls answered success and recorded nowhere (Sec-GPC: 1 or DNT: 1), by route', ['route']);
    this.produceDuration = metrics.histogram('ingest_produce_duration_seconds', 'Time for Kafka to acknowledge a request\'s events (or to give up)', DURATION_BUCKETS_SECONDS);
  }

  /** Bytes held waiting for Kafka, now and at their highest since start (the budget bounds both). */
  observeQueue(queue: { queuedBytes: number; peakQueuedBytes: number }): void {
    this.metrics.gauge('ingest_queue_bytes', 'Bytes of events held waiting for Kafka (queued and in flight)', [], (gauge) => gauge.set(queue.queuedBytes));
    this.metrics.gauge('ingest_queue_bytes_peak', 'The most bytes of events held waiting for Kafka since start; never above INGEST_QUEUE_BUDGET_BYTES', [], (gauge) => gauge.set(queue.peakQueuedBytes));
  }

  countEvents(outcome: EventOutcome, count: number): void {
    if (count > 0) this.events.inc({ outcome }, count);
  }
}
