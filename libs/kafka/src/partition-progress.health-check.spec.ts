import { Metrics } from '@leadscore/observability';
import { PartitionProgress } from './partition-progress';
import { partitionProgressHealthCheck, registerPartitionProgressMetrics } from './partition-progress.health-check';

describe('partition progress on /health/ready and /metrics', () => {
  const clock = { ms: 0 };
  const progress = new PartitionProgress({ stallAfterMs: 60_000, now: () => clock.ms });
  const metrics = new Metrics('test');
  registerPartitionProgressMetrics(metrics, progress);

  it('is ready, and shows no stalled partition, while every partition moves', async () => {
    progress.fetched('lead-events', 0);
    progress.committed('lead-events', 0, 0);
    await expect(partitionProgressHealthCheck(progress).check()).resolves.toBeUndefined();
    expect(await metrics.text()).toContain('leadscore_consumer_partition_stalled{topic="lead-events",partition="0",app="test"} 0');
  });

  it('is not ready, naming the partition, once one has held waiting messages for the threshold', async () => {
    progress.fetched('lead-events', 4);
    clock.ms += 61_000;
    await expect(partitionProgressHealthCheck(progress).check()).rejects.toThrow('stalled partition: lead-events/4 (61 s)');
    const text = await metrics.text();
    expect(text).toContain('leadscore_consumer_partition_stalled{topic="lead-events",partition="4",app="test"} 1');
    expect(text).toContain('leadscore_consumer_partition_seconds_since_progress{topic="lead-events",partition="4",app="test"} 61');
    expect(text).toContain('leadscore_consumer_partition_stalled{topic="lead-events",partition="0",app="test"} 0');
  });

  it('drops a partition from /metrics once the group gives it to another member', async () => {
    progress.assigned({ 'lead-events': [0] });
    expect(await metrics.text()).not.toContain('partition="4"');
    await expect(partitionProgressHealthCheck(progress).check()).resolves.toBeUndefined();
  });
});
