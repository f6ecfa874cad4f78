import { BATCH_SIZE_BUCKETS, DURATION_BUCKETS_SECONDS, type Metrics } from '@leadscore/observability';

/** The worker's own metrics; `consumer_lag` and `dlq_messages_total` are the batch transport's (libs/kafka). */
export function scoringMetrics(metrics: Metrics) {
  return {
    events: metrics.counter('scoring_events_total', 'Events seen by the scoring worker, by outcome', ['outcome']),
    batchSize: metrics.histogram('scoring_batch_size', 'Messages per consumed batch', BATCH_SIZE_BUCKETS),
    batchDuration: metrics.histogram('scoring_batch_duration_seconds', 'Time to score and commit one batch', DURATION_BUCKETS_SECONDS),
    scoreChanges: metrics.counter('scoring_score_changes_total', 'Score or stage changes published'),
    identityMessages: metrics.counter('scoring_identity_messages_total', 'Identity merge markers and merged copies sent to lead-events'),
    historyCopies: metrics.counter('scoring_identity_history_copies_total', 'Copies of merged histories sent by the history forwarder'),
    groupJoins: metrics.counter('scoring_group_joins_total', 'Times the consumer joined its group (the first join, then one per rebalance)'),
    ruleVersion: metrics.gauge('scoring_rule_version', 'Active rule set version'),
  };
}

export type ScoringMetrics = ReturnType<typeof scoringMetrics>;
