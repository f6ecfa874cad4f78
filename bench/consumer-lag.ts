import { type Admin } from 'kafkajs';

/**
 * Messages of `topic` the group has not committed yet, over all partitions: the high watermark
 * minus the committed offset (the low watermark where the group has committed nothing).
 */
export async function consumerLag(admin: Admin, group: string, topic: string): Promise<number> {
  const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId: group, topics: [topic] })]);
  const offsetOf = new Map(committed.partitions.map(({ partition, offset }) => [partition, Number(offset)]));
  return ends.reduce((lag, { partition, high, low }) => {
    const at = offsetOf.get(partition) ?? -1;
    return lag + Number(high) - (at < 0 ? Number(low) : at);
  }, 0);
}
