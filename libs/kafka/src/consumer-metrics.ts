import { type Counter, type Gauge, type Histogram } from 'prom-client';
import { DURATION_BUCKETS_SECONDS, type Metrics } from '@leadscore/observability';

/** What every batch consumer reports: its lag per partition, its dead letters per step, where a batch's time goes. */
export interface ConsumerMetrics {
  lag: Gauge;
  deadLettered: Counter;
  batchPhase: Histogram;
}

/**
 * `leadscore_consumer_lag{topic,partition}`, `leadscore_dlq_messages_total{step}` and
 * `leadscore_consumer_batch_phase_seconds{phase}`, on the app's registry.
 */
export function consumerMetrics(metrics: Metrics): ConsumerMetrics {
  return {
    lag: metrics.gauge('consumer_lag', 'Messages behind the high watermark, per partition', ['topic', 'partition']),
    deadLettered: metrics.counter('dlq_messages_total', 'Messages sent to the DLQ, by step', ['step']),
    batchPhase: metrics.histogram(
      'consumer_batch_phase_seconds',
      'Where a batch\'s time goes: in-kafka (its oldest message\'s timestamp to the fetch that brought it), queued (fetch to start), '
      + 'its steps (a transaction\'s own as transaction/step), commit, total (start to committed)',
      [0.0005, ...DURATION_BUCKETS_SECONDS],
      ['phase'],
    ),
  };
}
