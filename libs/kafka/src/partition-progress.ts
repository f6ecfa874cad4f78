import { partitionKey } from './partition-key';

export interface PartitionStatus {
  topic: string;
  partition: number;
  /** Seconds since the partition last moved while messages wait on it; 0 when none wait. */
  secondsSinceProgress: number;
  stalled: boolean;
}

interface Entry {
  topic: string;
  partition: number;
  /** Since when messages have been waiting without a commit; null when the partition is caught up. */
  waitingSince: number | null;
}

/**
 * Which of this consumer's partitions have stopped: messages wait (a batch was fetched, or the
 * last commit left lag > 0) and no offset was committed for `stallAfterMs`. Pure bookkeeping over
 * an injected clock; the consumer reports batches, commits and assignments, /health/ready and
 * /metrics read it. A batch retried forever, or a handler that hangs, never commits: it shows here.
 */
export class PartitionProgress {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { stallAfterMs: number; now: () => number }) {}

  /** A batch of the partition was fetched: messages are waiting (unless they already were). */
  fetched(topic: string, partition: number): void {
    const entry = this.entry(topic, partition);
    entry.waitingSince ??= this.options.now();
  }

  /** Offsets were committed after a batch; `lag` is how many messages were still behind it. */
  committed(topic: string, partition: number, lag: number): void {
    this.entry(topic, partition).waitingSince = lag > 0 ? this.options.now() : null;
  }

  /** The group gave this consumer these partitions: the others are someone else's now. */
  assigned(assignment: Record<string, number[]>): void {
    for (const [key, entry] of this.entries) {
      if (!(assignment[entry.topic] ?? []).includes(entry.partition)) this.entries.delete(key);
    }
  }

  statuses(): PartitionStatus[] {
    const now = this.options.now();
    return [...this.entries.values()]
      .map((entry) => {
        const waitedMs = entry.waitingSince === null ? 0 : Math.max(0, now - entry.waitingSince);
        return { topic: entry.topic, partition: entry.partition, secondsSinceProgress: waitedMs / 1000, stalled: entry.waitingSince !== null && waitedMs >= this.options.stallAfterMs };
      })
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  }

  stalled(): PartitionStatus[] {
    return this.statuses().filter((status) => status.stalled);
  }

  private entry(topic: string, partition: number): Entry {
    const key = partitionKey(topic, partition);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { topic, partition, waitingSince: null };
      this.entries.set(key, entry);
    }
    return entry;
  }
}
