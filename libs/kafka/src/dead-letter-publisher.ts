import { DLQ_HEADERS } from '@leadscore/contracts';
import { type ConsumedMessage, type MessageHeaders } from './consumed-message';
import { type ReliableProducer } from './reliable-producer';

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers?: MessageHeaders;
  reason: string;
  step: string;
  sourceTopic: string;
  partition: number;
  offset: string;
}

/** The dead letter of a consumed message: its own key, bytes and headers, and where it came from. */
export function deadLetterOf(source: { topic: string; partition: number }, message: ConsumedMessage, reason: string, step: string): DeadLetter {
  return {
    key: message.key, value: message.value, headers: message.headers, reason, step,
    sourceTopic: source.topic, partition: source.partition, offset: message.offset,
  };
}

/** Sends messages to the DLQ topic with their original key and bytes, and headers saying why. */
export async function publishDeadLetters(producer: ReliableProducer, dlqTopic: string, letters: DeadLetter[], at: Date): Promise<void> {
  await producer.send(
    dlqTopic,
    letters.map((letter) => ({
      key: letter.key,
      value: letter.value,
      headers: {
        ...letter.headers,
        [DLQ_HEADERS.reason]: letter.reason,
        [DLQ_HEADERS.step]: letter.step,
        [DLQ_HEADERS.topic]: letter.sourceTopic,
        [DLQ_HEADERS.partition]: String(letter.partition),
        [DLQ_HEADERS.offset]: letter.offset,
        [DLQ_HEADERS.at]: at.toISOString(),
      },
    })),
  );
}
