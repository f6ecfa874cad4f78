import { type HealthCheck, type Metrics } from '@leadscore/observability';
import { type PartitionProgress } from './partition-progress';

/** Not ready while a partition of this consumer is stalled; the message names each one. */
export function partitionProgressHealthCheck(progress: PartitionProgress): HealthCheck {
  return {
    name: 'consumer',
    check: async () => {
      const stalled = progress.stalled();
      if (stalled.length === 0) return;
      const named = stalled.map((status) => `${status.topic}/${status.partition} (${Math.floor(status.secondsSinceProgress)} s)`);
      throw new Error(`stalled partition${stalled.length > 1 ? 's' : ''}: ${named.join(', ')} — messages waiting, no commit`);
    },
  };
}

/**
 * `leadscore_consumer_partition_stalled{topic,partition}` (1 or 0) and
 * `leadscore_consumer_partition_seconds_since_progress{topic,partition}`, computed at each scrape.
 */
export function registerPartitionProgressMetrics(metrics: Metrics, progress: PartitionProgress): void {
  const labels = ['topic', 'partition'];
  metrics.gauge('consumer_partition_stalled', 'Partition with messages waiting and no commit for CONSUMER_STALL_AFTER_MS', labels, (gauge) => {
    for (const status of progress.statuses()) gauge.set({ topic: status.topic, partition: String(status.partition) }, status.stalled ? 1 : 0);
  });
  metrics.gauge('consumer_partition_seconds_since_progress', 'Seconds since the partition last committed while messages wait on it (0: caught up)', labels, (gauge) => {
    for (const status of progress.statuses()) gauge.set({ topic: status.topic, partition: String(status.partition) }, status.secondsSinceProgress);
  });
}
