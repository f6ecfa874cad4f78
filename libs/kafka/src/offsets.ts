import { type Admin } from 'kafkajs';
import { type KafkaClient, kafkajsOf } from './kafka-client';

/** Offsets by partition (the partition number as text, as JSON keeps it). */
export type PartitionOffsets = Record<string, string>;

/** The end offset (high watermark) of every partition of each topic; a topic that does not exist has none. */
export async function readEndOffsets(client: KafkaClient, topics: string[]): Promise<Record<string, PartitionOffsets>> {
  return withAdmin(client, async (admin) => {
    const ends: Record<string, PartitionOffsets> = {};
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      ends[topic] = Object.fromEntries(offsets.map(({ partition, high }) => [String(partition), high]));
    }
    return ends;
  });
}

/** The offsets each group has committed on its topic, by partition ('-1': nothing committed there). */
export async function readCommittedOffsets(client: KafkaClient, reads: Array<{ groupId: string; topic: string }>): Promise<PartitionOffsets[]> {
  return withAdmin(client, async (admin) => {
    const committed: PartitionOffsets[] = [];
    for (const { groupId, topic } of reads) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      committed.push(Object.fromEntries((offsets?.partitions ?? []).map(({ partition, offset }) => [String(partition), offset])));
    }
    return committed;
  });
}

async function withAdmin<T>(client: KafkaClient, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafkajsOf(client).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
