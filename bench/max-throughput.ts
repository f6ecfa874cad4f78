import { type Kafka } from 'kafkajs';
import { waitFor } from '../test/support/wait-for';
import { progress } from './bench-report';
import { GroupGate } from './group-gate';
import { BenchNamespace, benchEvent } from './steady-load';

export interface MaxThroughput {
  eventsPerSecond: number;
  /** `env`: taken from BENCH_MAX_EVENTS_PER_SECOND; `drain`: measured here. */
  from: 'env' | 'drain';
  drainEvents?: number;
}

/**
 * The scoring worker's maximum throughput on this machine now: BENCH_MAX_EVENTS_PER_SECOND if set,
 * else a quick drain — BENCH_MAX_DRAIN_EVENTS (60000) of the same events over `leads` leads,
 * produced first, then drained by one worker from the moment it gets the partitions (GroupGate)
 * to the last event stored. Smaller than the pipeline bench's drain, so it takes seconds.
 */
export async function maxThroughput(kafka: Kafka, leads: number): Promise<MaxThroughput> {
  const given = Number(process.env.BENCH_MAX_EVENTS_PER_SECOND ?? NaN);
  if (given > 0) return { eventsPerSecond: given, from: 'env' };
  const events = Number(process.env.BENCH_MAX_DRAIN_EVENTS ?? 60_000);
  const space = new BenchNamespace(kafka, 'max-drain');
  await space.create();
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < events; i += 5000) {
    const messages = Array.from({ length: Math.min(5000, events - i) }, (_, k) => benchEvent('drain', i + k, leads));
    await producer.send({ topic: space.eventsTopic, acks: -1, messages: messages.map(({ key, value }) => ({ key, value })) });
  }
  await producer.disconnect();
  const gate = new GroupGate(kafka, space.scoringGroup, space.eventsTopic, 1);
  await gate.join();
  let started: { worker: { stop(): Promise<void> } } | null = null;
  try {
    started = await space.startWorker();
    const opened = await waitFor('the gate to open', async () => gate.opened ?? undefined, 120000, 10);
    let shown = -1;
    await waitFor('the drain', async () => {
      const n = await space.storedEvents();
      if (n !== shown) progress('max-throughput drain', n, events);
      shown = n;
      return n >= events ? true : undefined;
    }, 600000, 100);
    return { eventsPerSecond: events / ((performance.now() - opened) / 1000), from: 'drain', drainEvents: events };
  } finally {
    await started?.worker.stop();
    await gate.leave();
    await space.drop();
  }
}
