/**
 * Runs `work` while sending the group a heartbeat every `intervalMs`: kafkajs beats only between
 * batches, so a batch longer than the session timeout (a large one on a loaded machine) would
 * otherwise get its member thrown out and its partitions moved, and the batch would be done
 * twice. A beat that fails (the group is rebalancing) is left to the batch's own commit, which
 * then fails the same way and lets the client fetch again.
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
