import { type Counter, type Gauge } from 'prom-client';
import { type Metrics } from '@leadscore/observability';

/** What every batch consumer reports: its lag per partition and its dead letters per step. */
export interface ConsumerMetrics {
  lag: Gauge;
  deadLettered: Counter;
}

/** `leadscore_consumer_lag{topic,partition}` and `leadscore_dlq_messages_total{step}`, on the app's registry. */
export function consumerMetrics(metrics: Metrics): ConsumerMetrics {
  return {
    lag: metrics.gauge('consumer_lag', 'Messages behind the high watermark, per partition', ['topic', 'partition']),
    deadLettered: metrics.counter('dlq_messages_total', 'Messages sent to the DLQ, by step', ['step']),
  };
}
