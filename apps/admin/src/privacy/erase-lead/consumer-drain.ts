import { type Admin, type Kafka } from 'kafkajs';
import { type Watermarks } from '@leadscore/persistence';

/** A topic and the consumer group whose progress on it the erasure waits for. */
export interface DrainedTopic {
  topic: string;
  groupId: string;
}

/** The end offsets of these topics now: what was in flight when the first sweep committed. */
export async function readWatermarks(kafka: Kafka, topics: DrainedTopic[]): Promise<Watermarks> {
  return withAdmin(kafka, async (admin) => {
    const marks: Watermarks = {};
    for (const { topic } of topics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      marks[topic] = Object.fromEntries(offsets.map(({ partition, high }) => [String(partition), high]));
    }
    return marks;
  });
}

/**
 * Whether each group has committed past the watermarks of its topic. A group that never
 * committed anything on the topic does not run here (no handoff app, say) and is not waited for,
 * and a topic that did not exist has nothing in flight.
 */
export async function consumersPassed(kafka: Kafka, topics: DrainedTopic[], marks: Watermarks): Promise<boolean> {
  return withAdmin(kafka, async (admin) => {
    for (const { topic, groupId } of topics) {
      const wanted = marks[topic] ?? {};
      // No such topic when the first sweep ran: nothing of it was in flight.
      if (Object.keys(wanted).length === 0) continue;
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const partitions = committed?.partitions ?? [];
      if (partitions.every(({ offset }) => offset === '-1')) continue;
      const at = new Map(partitions.map(({ partition, offset }) => [String(partition), BigInt(offset)]));
      for (const [partition, high] of Object.entries(wanted)) {
        if ((at.get(partition) ?? -1n) < BigInt(high) && BigInt(high) > 0n) return false;
      }
    }
    return true;
  });
}

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
