import { PartitionProgress } from './partition-progress';

function tracker(stallAfterMs = 3000) {
  const clock = { ms: 1_000_000 };
  const progress = new PartitionProgress({ stallAfterMs, now: () => clock.ms });
  return { clock, progress };
}

describe('PartitionProgress', () => {
  it('given a batch fetched and never committed, the partition is stalled once the threshold has passed', () => {
    const { clock, progress } = tracker();
    progress.fetched('lead-events', 2);
    clock.ms += 2999;
    expect(progress.stalled()).toEqual([]);
    clock.ms += 1;
    expect(progress.stalled()).toEqual([{ topic: 'lead-events', partition: 2, secondsSinceProgress: 3, stalled: true }]);
  });

  it('a batch fetched again while waiting does not restart the clock (a retried batch is no progress)', () => {
    const { clock, progress } = tracker();
    progress.fetched('lead-events', 0);
    clock.ms += 2000;
    progress.fetched('lead-events', 0);
    clock.ms += 1000;
    expect(progress.stalled().map((status) => status.partition)).toEqual([0]);
  });

  it('a commit that catches up clears the partition, however long ago it last moved', () => {
    const { clock, progress } = tracker();
    progress.fetched('lead-events', 1);
    clock.ms += 10_000;
    progress.committed('lead-events', 1, 0);
    clock.ms += 10_000;
    expect(progress.statuses()).toEqual([{ topic: 'lead-events', partition: 1, secondsSinceProgress: 0, stalled: false }]);
  });

  it('a commit that leaves lag counts as progress, and the clock runs again from it', () => {
    const { clock, progress } = tracker();
    progress.fetched('lead-events', 1);
    clock.ms += 2500;
    progress.committed('lead-events', 1, 40);
    clock.ms += 2500;
    expect(progress.stalled()).toEqual([]);
    clock.ms += 500;
    expect(progress.stalled()).toEqual([{ topic: 'lead-events', partition: 1, secondsSinceProgress: 3, stalled: true }]);
  });

  it('an idle partition (nothing fetched) is never stalled', () => {
    const { clock, progress } = tracker();
    progress.committed('lead-events', 3, 0);
    clock.ms += 3_600_000;
    expect(progress.stalled()).toEqual([]);
  });

  it('forgets partitions the group gave to another member', () => {
    const { clock, progress } = tracker();
    progress.fetched('lead-events', 0);
    progress.fetched('lead-events', 4);
    clock.ms += 5000;
    progress.assigned({ 'lead-events': [4, 5] });
    expect(progress.stalled().map((status) => status.partition)).toEqual([4]);
  });
});
