import { type IHeaders } from 'kafkajs';
import { DLQ_HEADERS } from '@leadscore/contracts';
import { type ReliableProducer } from './reliable-producer';

export interface DeadLetter {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  reason: string;
  step: string;
  sourceTopic: string;
  partition: number;
  offset: string;
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
