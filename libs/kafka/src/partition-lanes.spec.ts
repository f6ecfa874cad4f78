import { type LaneControl, PartitionLanes } from './partition-lanes';

/** A promise settled from outside: a batch's work the test finishes when it wants. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A batch as these tests hand it over: its work, run in turn within its run. */
type Work = () => Promise<void>;

/**
 * `seekRefused`: while it answers true, the client throws on seek (as kafkajs does when its consumer is not running).
 * Every batch weighs 1; `runs` records how many batches each run took.
 */
function lanesWith(concurrency: number, seekRefused: () => boolean = () => false, maxRunSize = 1) {
  const runs: number[] = [];
  const calls: string[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const failures: Array<{ partition: number; offset: string; attempt: number; error: string }> = [];
  const control: LaneControl = {
    seek: (topic, partition, offset) => {
      if (seekRefused()) throw new Error('consumer not running');
      calls.push(`seek ${topic}/${partition}@${offset}`);
    },
    pause: (topic, partition) => calls.push(`pause ${topic}/${partition}`),
    resume: (topic, partition) => calls.push(`resume ${topic}/${partition}`),
  };
  const lanes = new PartitionLanes<Work>({
    concurrency, control, maxRunSize,
    sizeOf: () => 1,
    run: async (works) => {
      runs.push(works.length);
      for (const work of works) await work();
    },
    failed: (_topic, partition, offset, attempt, error) => failures.push({ partition, offset, attempt, error: (error as Error).message }),
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { lanes, calls, timers, failures, runs };
}

describe('PartitionLanes', () => {
  it("runs a partition's batches one after the other: the next is handed over only once the previous is done", async () => {
    const { lanes } = lanesWith(3);
    const first = deferred();
    const ran: string[] = [];
    expect(await lanes.hand('t', 0, '0', async () => { ran.push('first'); await first.promise; })).toBe(true);
    let secondHanded = false;
    const second = lanes.hand('t', 0, '5', async () => { ran.push('second'); }).then((handed) => { secondHanded = handed; });
    await flush();
    expect(ran).toEqual(['first']);
    expect(secondHanded).toBe(false);
    first.resolve();
    await second;
    await flush();
    expect(secondHanded).toBe(true);
    expect(ran).toEqual(['first', 'second']);
  });

  it('runs batches of different partitions at once, at most `concurrency` of them', async () => {
    const { lanes } = lanesWith(2);
    const works = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    for (const partition of [0, 1, 2]) {
      // hand returns once the batch is started or waiting for a slot: it never waits for another partition.
      expect(await lanes.hand('t', partition, '0', async () => { started.push(partition); await works[partition].promise; })).toBe(true);
    }
    await flush();
    expect(started).toEqual([0, 1]);
    expect(lanes.busy()).toBe(3);
    works[0].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    works[1].resolve();
    works[2].resolve();
    await lanes.close();
    expect(lanes.busy()).toBe(0);
  });

  it('runs the batches of several partitions waiting together as one run, up to maxRunSize, oldest first', async () => {
    const { lanes, runs } = lanesWith(1, () => false, 3);
    const first = deferred();
    const ran: number[] = [];
    const work = (partition: number) => async () => { ran.push(partition); };
    // A light load: the first batch starts at once, alone.
    await lanes.hand('t', 0, '0', async () => { ran.push(0); await first.promise; });
    for (const partition of [1, 2, 3, 4]) expect(await lanes.hand('t', partition, '0', work(partition))).toBe(true);
    expect(lanes.busy()).toBe(5);
    first.resolve();
    await lanes.close();
    expect(runs).toEqual([1, 3, 1]);
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  it('fetches every batch of a failed run again, each from its own first offset', async () => {
    const { lanes, calls, timers, failures, runs } = lanesWith(1, () => false, 10);
    const first = deferred();
    await lanes.hand('t', 0, '0', () => first.promise);
    await lanes.hand('t', 1, '10', async () => undefined);
    await lanes.hand('t', 2, '20', async () => { throw new Error('store down'); });
    first.resolve();
    await flush();
    await flush();
    expect(runs).toEqual([1, 2]);
    expect(failures.map((failure) => [failure.partition, failure.offset, failure.error])).toEqual([[1, '10', 'store down'], [2, '20', 'store down']]);
    expect(calls).toEqual(['pause t/1', 'pause t/2']);
    for (const timer of timers) timer.run();
    expect(calls).toEqual(['pause t/1', 'pause t/2', 'seek t/1@10', 'resume t/1', 'seek t/2@20', 'resume t/2']);
    // Partition 0's run went through: its next batch runs.
    expect(await lanes.hand('t', 0, '5', async () => undefined)).toBe(true);
  });

  it('fetches a failed batch again from its first offset after a growing backoff, running nothing of its partition meanwhile', async () => {
    const { lanes, calls, timers, failures } = lanesWith(3);
    await lanes.hand('t', 4, '100', async () => { throw new Error('connection refused'); });
    await flush();
    expect(failures).toEqual([{ partition: 4, offset: '100', attempt: 1, error: 'connection refused' }]);
    expect(calls).toEqual(['pause t/4']);
    // A batch fetched before the pause took effect is not run (nor resolved by the transport).
    let ran = false;
    expect(await lanes.hand('t', 4, '120', async () => { ran = true; })).toBe(false);
    // Other partitions go on.
    expect(await lanes.hand('t', 5, '7', async () => undefined)).toBe(true);
    expect(timers.map((timer) => timer.ms)).toEqual([300]);
    timers[0].run();
    expect(calls).toEqual(['pause t/4', 'seek t/4@100', 'resume t/4']);

    await lanes.hand('t', 4, '100', async () => { throw new Error('still refused'); });
    await flush();
    expect(failures.at(-1)).toEqual({ partition: 4, offset: '100', attempt: 2, error: 'still refused' });
    expect(timers.map((timer) => timer.ms)).toEqual([300, 600]);
    timers[1].run();
    expect(await lanes.hand('t', 4, '100', async () => { ran = true; })).toBe(true);
    await lanes.close();
    expect(ran).toBe(true);
    // Success starts the backoff over.
    expect(failures).toHaveLength(2);
  });

  it('tries a seek the client refuses again, running nothing of the partition until it is taken', async () => {
    let refuse = true;
    const { lanes, calls, timers, failures } = lanesWith(1, () => refuse);
    await lanes.hand('t', 0, '42', async () => { throw new Error('down'); });
    await flush();
    timers[0].run();
    expect(failures.map((failure) => failure.error)).toEqual(['down', 'consumer not running']);
    expect(await lanes.hand('t', 0, '50', async () => undefined)).toBe(false);
    refuse = false;
    timers[1].run();
    expect(calls).toEqual(['pause t/0', 'seek t/0@42', 'resume t/0']);
    expect(await lanes.hand('t', 0, '42', async () => undefined)).toBe(true);
  });

  it('caps the backoff at 10 s', async () => {
    const { lanes, timers } = lanesWith(1);
    for (let attempt = 0; attempt < 8; attempt += 1) {
      await lanes.hand('t', 0, '0', async () => { throw new Error('down'); });
      await flush();
      timers.at(-1)!.run();
    }
    expect(timers.map((timer) => timer.ms)).toEqual([300, 600, 1200, 2400, 4800, 9600, 10000, 10000]);
  });

  it('on close, waits for the running batches and takes no more', async () => {
    const { lanes, calls, timers } = lanesWith(3);
    const running = deferred();
    let done = false;
    await lanes.hand('t', 0, '0', async () => { await running.promise; done = true; });
    const closed = lanes.close();
    await flush();
    expect(done).toBe(false);
    running.resolve();
    await closed;
    expect(done).toBe(true);
    expect(await lanes.hand('t', 1, '0', async () => undefined)).toBe(false);
    // A retry timer that fires after close seeks nothing.
    await lanesAfterCloseDoNotSeek();
    expect(calls).toEqual([]);
    expect(timers).toEqual([]);
  });
});

async function lanesAfterCloseDoNotSeek(): Promise<void> {
  const { lanes, calls, timers } = lanesWith(1);
  await lanes.hand('t', 0, '9', async () => { throw new Error('down'); });
  await flush();
  await lanes.close();
  timers[0].run();
  expect(calls).toEqual(['pause t/0']);
}
