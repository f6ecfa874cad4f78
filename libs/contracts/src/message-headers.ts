/** Header names a producer may set on any Leadscore message (the DLQ's own are in dead-letter.ts). */
export const MESSAGE_HEADERS = {
  /** The HTTP request the message came in with (ingest's X-Request-Id): find its log lines by it. */
  requestId: 'request-id',
} as const;

/** A header value as Kafka clients hand them over (kafkajs: Buffer on consumed messages). */
type HeaderValue = string | Uint8Array | Array<string | Uint8Array> | undefined;

/** The request id a message carries, or undefined (a message from a worker, or from before ids). */
export function requestIdOf(headers: Record<string, HeaderValue> | undefined): string | undefined {
  const value = headers?.[MESSAGE_HEADERS.requestId];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : Buffer.from(first).toString('utf8');
}
