import { randomUUID } from 'node:crypto';
import { type Kafka, type KafkaMessage } from 'kafkajs';
import { type MessageHeaders } from './consumed-message';
import { type KafkaClient, kafkajsOf } from './kafka-client';

/** The next offset to read, per partition. */
export type PartitionPositions = Record<number, string>;

/** A message of `lead-events-dlq`, with what its headers say about why it is there. */
export interface DeadLetterRecord {
  partition: number;
  offset: string;
  /** When the broker took it (ms since the epoch, as text). */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: MessageHeaders;
}

export interface DeadLetterPage {
  letters: DeadLetterRecord[];
  /** The position after the page; null when the topic holds nothing more (for now). */
  next: PartitionPositions | null;
}

/** Gives up waiting for the broker to hand over messages it said it has. */
const READ_DEADLINE_MS = 15_000;

/**
 * Reads dead letters from `from` (per partition; the start when absent) up to `limit` messages or
 * the end of the topic as it is now. kafkajs has no plain fetch: a throw-away consumer group,
 * seeked to the positions, reads and is deleted afterwards. Slow-ish (a group join), fine for ops.
 */
export async function readDeadLetters(client: KafkaClient, topic: string, from: PartitionPositions, limit: number): Promise<DeadLetterPage> {
  const kafka = kafkajsOf(client);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic).catch((error: unknown) => {
      // No DLQ topic yet (ingest creates it at start-up): nothing has been dead-lettered.
      if ((error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return [];
      throw error;
    });
    const pending = new Map<number, { next: bigint; end: bigint }>();
    for (const { partition, low, high } of offsets) {
      const start = bigMax(BigInt(from[partition] ?? low), BigInt(low));
      if (start < BigInt(high)) pending.set(partition, { next: start, end: BigInt(high) });
    }
    const letters = pending.size === 0 ? [] : await consume(kafka, topic, pending, limit);
    letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    const page = letters.slice(0, limit);
    const next: PartitionPositions = Object.fromEntries(offsets.map(({ partition, low }) => [partition, from[partition] ?? low]));
    for (const letter of page) next[letter.partition] = (BigInt(letter.offset) + 1n).toString();
    const more = offsets.some(({ partition, high }) => BigInt(next[partition]) < BigInt(high));
    return { letters: page, next: more ? next : null };
  } finally {
    await admin.disconnect();
  }
}

async function consume(kafka: Kafka, topic: string, pending: Map<number, { next: bigint; end: bigint }>, limit: number): Promise<DeadLetterRecord[]> {
  const groupId = `leadscore-admin-dlq-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const letters: DeadLetterRecord[] = [];
  const perPartition = new Map<number, number>();
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dead letters not read within ${READ_DEADLINE_MS} ms`)), READ_DEADLINE_MS);
      const finished = () => [...pending.values()].every((state) => state.next >= state.end);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const state = pending.get(partition);
            if (state === undefined || BigInt(message.offset) < state.next || BigInt(message.offset) >= state.end) return;
            const taken = perPartition.get(partition) ?? 0;
            // Each partition stops at `limit`: the page is cut to `limit` over all of them afterwards.
            if (taken < limit) letters.push(toRecord(partition, message));
            perPartition.set(partition, taken + 1);
            state.next = BigInt(message.offset) + 1n;
            if (taken + 1 >= limit) state.next = state.end;
            if (finished()) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .then(() => {
          for (const [partition, state] of pending) consumer.seek({ topic, partition, offset: state.next.toString() });
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteGroups([groupId])).catch(() => undefined).finally(() => admin.disconnect());
  }
  return letters;
}

function toRecord(partition: number, message: KafkaMessage): DeadLetterRecord {
  return { partition, offset: message.offset, timestamp: message.timestamp, key: message.key, value: message.value, headers: message.headers ?? {} };
}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
