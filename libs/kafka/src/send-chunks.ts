/** What one `producer.send` may carry: far below Kafka's ~1 MiB per record batch. */
export const MAX_SEND_BYTES = 512 * 1024;

export interface SizedMessage {
  key?: string | Buffer | null;
  value: string | Buffer | null;
}

function byteSize(part: string | Buffer | null | undefined): number {
  if (part === null || part === undefined) return 0;
  return typeof part === 'string' ? Buffer.byteLength(part, 'utf8') : part.length;
}

/**
 * Splits messages, in order, into runs of at most `maxBytes` (keys and values, UTF-8). A
 * message larger than that travels alone. Sent one after the other, the runs keep each lead's order.
 */
export function sendChunks<M extends SizedMessage>(messages: M[], maxBytes = MAX_SEND_BYTES): M[][] {
  const chunks: M[][] = [];
  let current: M[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const bytes = byteSize(message.key) + byteSize(message.value);
    if (current.length > 0 && currentBytes + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
