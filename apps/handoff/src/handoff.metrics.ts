import { DURATION_BUCKETS_SECONDS, type Metrics } from '@leadscore/observability';

/** The worker's own metrics; `consumer_lag` and `dlq_messages_total` are the batch transport's (libs/kafka). */
export function handoffMetrics(metrics: Metrics) {
  return {
    handoffs: metrics.counter('handoffs_total', 'Handoffs created, by promotion and whether a team took them', ['promotion', 'assigned']),
    deliveries: metrics.counter('webhook_deliveries_total', 'Webhook delivery attempts, by outcome', ['outcome']),
    deliveryDuration: metrics.histogram('webhook_attempt_duration_seconds', 'Time of one webhook attempt', DURATION_BUCKETS_SECONDS),
    parkedPromotions: metrics.counter('promotions_parked_total', 'Promotions parked until their cause event commits, and parked ones abandoned', ['outcome']),
    inactivityTicks: metrics.counter('inactivity_ticks_total', 'inactivity_tick events emitted'),
  };
}

export type HandoffMetrics = ReturnType<typeof handoffMetrics>;
