/** Message headers as the client hands them over (values are usually Buffers). */
export type MessageHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** One consumed message: its own key, bytes and headers, and where it stands in its partition. */
export interface ConsumedMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers?: MessageHeaders;
  offset: string;
  /** When the broker took it (ms since the epoch, as text). */
  timestamp: string;
}

/** What one fetch brought of one partition, in offset order. */
export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
}

/** A header's value as text (the first one when repeated); null when absent. */
export function headerText(headers: MessageHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  if (value === undefined) return null;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}
