import pLimit from 'p-limit';
import { partitionKey } from './partition-key';

/** What a lane does to the consumer when a batch fails: fetch the partition again from `offset`, and stop or go on fetching it. */
export interface LaneControl {
  seek(topic: string, partition: number, offset: string): void;
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
}

export interface PartitionLanesOptions {
  /** Batches (of different partitions) that run at once. */
  concurrency: number;
  control: LaneControl;
  /** Told of each failed batch before it is retried (the caller logs it). */
  failed(topic: string, partition: number, firstOffset: string, attempt: number, error: unknown): void;
  /** The wait before a failed batch is fetched again: attempt 1, 2, … (default: 300 ms doubling to 10 s). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

interface Lane {
  /** The partition's batch in flight (resolves, never rejects, once it is done or has failed). */
  running: Promise<void>;
  /** A failed batch waits to be fetched again: batches fetched after it are not run. */
  retrying: boolean;
  failures: number;
}

/**
 * One lane per partition: a partition's batches run one after the other, in offset order, while
 * the client goes on fetching. kafkajs fetches again only once every batch of its last fetch is
 * done, so without lanes a partition's next batch waits for the slowest batch of all partitions
 * (an event waited ~2 batch times in Kafka). With them, `hand` waits only for the partition's own
 * previous batch, starts the new one and returns: the next fetch overlaps the running batches.
 *
 * A batch that throws is fetched again from its first offset: the partition is paused for the
 * backoff, then sought back and resumed (batches fetched after it in the meantime are not run).
 * A batch started here may outlive a rebalance that moves its partition: it still commits its
 * transaction, and the store's own dedupe (eventId, unique promotion) keeps the new owner, which
 * fetches from the committed offset, from counting anything twice.
 */
export class PartitionLanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly slots: pLimit.Limit;
  private closed = false;

  constructor(private readonly options: PartitionLanesOptions) {
    this.slots = pLimit(options.concurrency);
  }

  /**
   * Waits for the partition's previous batch, then starts `work` (once a slot is free) and
   * returns true; false when the batch is not to run (the lanes are closing, or a failed batch of
   * the partition is to be fetched again first).
   */
  async hand(topic: string, partition: number, firstOffset: string, work: () => Promise<void>): Promise<boolean> {
    const lane = this.laneOf(topic, partition);
    await lane.running;
    if (this.closed || lane.retrying) return false;
    lane.running = this.slots(work).then(
      () => { lane.failures = 0; },
      (error: unknown) => this.retryLater(lane, topic, partition, firstOffset, error),
    );
    return true;
  }

  /** Takes no more batches and resolves once every running one is done. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.lanes.values()].map((lane) => lane.running));
  }

  /** Batches running or waiting for a slot. */
  busy(): number {
    return this.slots.activeCount + this.slots.pendingCount;
  }

  private retryLater(lane: Lane, topic: string, partition: number, firstOffset: string, error: unknown): void {
    const { control } = this.options;
    lane.retrying = true;
    lane.failures += 1;
    this.options.failed(topic, partition, firstOffset, lane.failures, error);
    const backoff = this.options.backoffMs ?? defaultBackoffMs;
    const setTimer = this.options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    // The batch's offset was resolved when it was handed over: until the seek is taken, the lane
    // stays `retrying` (nothing after the batch runs), and a seek the client refuses is tried again.
    const seekBack = (): void => {
      if (this.closed) return;
      try {
        control.seek(topic, partition, firstOffset);
        control.resume(topic, partition);
        lane.retrying = false;
      } catch (seekError) {
        this.options.failed(topic, partition, firstOffset, lane.failures, seekError);
        setTimer(seekBack, backoff(lane.failures));
      }
    };
    try {
      control.pause(topic, partition);
    } catch {
      // Not paused: what is fetched of the partition meanwhile is not run (`retrying`), then sought back.
    }
    setTimer(seekBack, backoff(lane.failures));
  }

  private laneOf(topic: string, partition: number): Lane {
    const key = partitionKey(topic, partition);
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = { running: Promise.resolve(), retrying: false, failures: 0 };
      this.lanes.set(key, lane);
    }
    return lane;
  }
}

function defaultBackoffMs(attempt: number): number {
  return Math.min(10_000, 300 * 2 ** (attempt - 1));
}
