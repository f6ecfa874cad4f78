import { type KafkaClient, readCommittedOffsets, readEndOffsets } from '@leadscore/kafka';
import { type Watermarks } from '@leadscore/persistence';

/** A topic and the consumer group whose progress on it the erasure waits for. */
export interface DrainedTopic {
  topic: string;
  groupId: string;
}

/** The end offsets of these topics now: what was in flight when the first sweep committed. */
export async function readWatermarks(kafka: KafkaClient, topics: DrainedTopic[]): Promise<Watermarks> {
  return readEndOffsets(kafka, topics.map(({ topic }) => topic));
}

/**
 * Whether each group has committed past the watermarks of its topic. A group that never
 * committed anything on the topic does not run here (no handoff app, say) and is not waited for,
 * and a topic that did not exist has nothing in flight.
 */
export async function consumersPassed(kafka: KafkaClient, topics: DrainedTopic[], marks: Watermarks): Promise<boolean> {
  // No such topic when the first sweep ran: nothing of it was in flight.
  const waited = topics.filter(({ topic }) => Object.keys(marks[topic] ?? {}).length > 0);
  const committed = await readCommittedOffsets(kafka, waited);
  return waited.every(({ topic }, index) => {
    const at = committed[index];
    if (Object.values(at).every((offset) => offset === '-1')) return true;
    return Object.entries(marks[topic]).every(([partition, high]) => BigInt(high) === 0n || BigInt(at[partition] ?? '-1') >= BigInt(high));
  });
}
