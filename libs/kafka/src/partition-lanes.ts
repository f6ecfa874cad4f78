import { partitionKey } from './partition-key';

/** What a lane does to the consumer when a batch fails: fetch the partition again from `offset`, and stop or go on fetching it. */
export interface LaneControl {
  seek(topic: string, partition: number, offset: string): void;
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
}

export interface PartitionLanesOptions<T> {
  /** Runs (each one transaction) at once. */
  concurrency: number;
  /**
   * Runs the batches of one run together, in the order given (never two of one partition): the
   * whole run stands or falls as one.
   */
  run(batches: T[]): Promise<void>;
  /** A batch's weight (its messages), and the most a run takes of batches waiting together (a heavier batch runs alone). */
  sizeOf(batch: T): number;
  maxRunSize: number;
  control: LaneControl;
  /** Told of each failed batch before it is retried (the caller logs it). */
  failed(topic: string, partition: number, firstOffset: string, attempt: number, error: unknown): void;
  /** The wait before a failed batch is fetched again: attempt 1, 2, … (default: 300 ms doubling to 10 s). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

interface Lane {
  /** The partition's batch waiting or running (resolves, never rejects, once it is done or has failed). */
  running: Promise<void>;
  /** A failed batch waits to be fetched again: batches fetched after it are not run. */
  retrying: boolean;
  failures: number;
}

/** A handed batch waiting for a run. */
interface Waiting<T> {
  lane: Lane;
  topic: string;
  partition: number;
  firstOffset: string;
  batch: T;
  settle: () => void;
}

/**
 * One lane per partition: a partition's batches run one after the other, in offset order, while
 * the client goes on fetching. kafkajs fetches again only once every batch of its last fetch is
 * handed over, so without lanes a partition's next batch waited for the slowest batch of all
 * partitions. With them, `hand` waits only for the partition's own previous batch and returns.
 *
 * Batches wait for one of `concurrency` runs; a run takes every batch waiting when it starts (up to
 * `maxRunSize` messages), one per partition, and runs them as one transaction. Under a light load
 * a batch starts at once, alone; when the runs are busy, the batches of several partitions share
 * the next one, so what a transaction costs whatever its size (round trips, a commit, a publish,
 * an offset commit) is paid once for them all instead of once per partition's small batch.
 *
 * A run that throws is fetched again, each of its batches from its own first offset: the partition
 * is paused for the backoff, then sought back and resumed (batches fetched after it in the
 * meantime are not run). A run started here may outlive a rebalance that moves its partitions: it
 * still commits its transaction, and the store's own dedupe (eventId, unique promotion) keeps the
 * new owner, which fetches from the committed offset, from counting anything twice.
 */
export class PartitionLanes<T> {
  private readonly lanes = new Map<string, Lane>();
  private readonly waiting: Array<Waiting<T>> = [];
  private runs = 0;
  private closed = false;

  constructor(private readonly options: PartitionLanesOptions<T>) {}

  /**
   * Waits for the partition's previous batch, then queues `batch` for a run and returns true;
   * false when the batch is not to run (the lanes are closing, or a failed batch of the partition
   * is to be fetched again first).
   */
  async hand(topic: string, partition: number, firstOffset: string, batch: T): Promise<boolean> {
    const lane = this.laneOf(topic, partition);
    await lane.running;
    if (this.closed || lane.retrying) return false;
    lane.running = new Promise((settle) => this.waiting.push({ lane, topic, partition, firstOffset, batch, settle }));
    this.startRuns();
    return true;
  }

  /** Takes no more batches and resolves once every handed one is done. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.lanes.values()].map((lane) => lane.running));
  }

  /** Batches running or waiting for a run. */
  busy(): number {
    return this.runs + this.waiting.length;
  }

  private startRuns(): void {
    while (this.runs < this.options.concurrency && this.waiting.length > 0) {
      const taken = this.takeRun();
      this.runs += 1;
      this.options.run(taken.map((waiting) => waiting.batch)).then(
        () => {
          for (const waiting of taken) waiting.lane.failures = 0;
        },
        (error: unknown) => {
          for (const waiting of taken) this.retryLater(waiting, error);
        },
      ).finally(() => {
        this.runs -= 1;
        for (const waiting of taken) waiting.settle();
        this.startRuns();
      });
    }
  }

  /** The oldest waiting batch, and those after it while the run stays within maxRunSize. */
  private takeRun(): Array<Waiting<T>> {
    const { options } = this;
    let size = options.sizeOf(this.waiting[0].batch);
    let count = 1;
    while (count < this.waiting.length && size + options.sizeOf(this.waiting[count].batch) <= options.maxRunSize) {
      size += options.sizeOf(this.waiting[count].batch);
      count += 1;
    }
    return this.waiting.splice(0, count);
  }

  private retryLater({ lane, topic, partition, firstOffset }: Waiting<T>, error: unknown): void {
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
