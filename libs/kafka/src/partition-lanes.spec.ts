import { type LaneControl, PartitionLanes } from './partition-lanes';

/** A promise settled from outside: a batch's work the test finishes when it wants. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** `seekRefused`: while it answers true, the client throws on seek (as kafkajs does when its consumer is not running). */
function lanesWith(concurrency: number, seekRefused: () => boolean = () => false) {
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
  const lanes = new PartitionLanes({
    concurrency, control,
    failed: (_topic, partition, offset, attempt, error) => failures.push({ partition, offset, attempt, error: (error as Error).message }),
    setTimer: (run, ms) => timers.push({ run, ms }),
  });
  return { lanes, calls, timers, failures };
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
