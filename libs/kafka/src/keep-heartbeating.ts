/**
 * Runs `work` while sending the group a heartbeat every `intervalMs`: kafkajs beats only between
 * batches, so a batch longer than the session timeout (a large one on a loaded machine) would
 * otherwise get its member thrown out and its partitions moved, and the batch would be done
 * twice. A beat that fails (the group is rebalancing) is left to the client, which rejoins; the
 * batch still commits its transaction, and its offset is left to the partition's next owner.
 */
export async function keepHeartbeating<T>(heartbeat: () => Promise<void>, intervalMs: number, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    heartbeat().catch(() => undefined);
  }, intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
