import { CompressionTypes, type Producer } from 'kafkajs';
import { type MessageHeaders } from './consumed-message';
import { type KafkaClient, kafkajsOf } from './kafka-client';
import { sendChunks } from './send-chunks';

/** A message to send: the key picks its partition (a lead's messages keep their order). */
export interface ProducedMessage {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: MessageHeaders;
}

export class ProduceTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Kafka did not acknowledge within ${timeoutMs} ms`);
    this.name = 'ProduceTimeoutError';
  }
}

/**
 * An idempotent producer waiting for all in-sync replicas (acks=-1). `send` resolves only once
 * the broker acknowledged, and rejects within `timeoutMs` otherwise, so an HTTP caller can
 * answer 503 instead of hanging. Retries are bounded for the same reason (kafkajs warns that
 * this weakens idempotence across a give-up; callers dedupe by eventId downstream).
 */
export class ReliableProducer {
  private readonly producer: Producer;

  constructor(client: KafkaClient, private readonly timeoutMs = 4500) {
    this.producer = kafkajsOf(client).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 1000 },
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /**
   * Sends in order, in runs far below Kafka's ~1 MiB record-batch limit (a batch over it is refused
   * on every retry, which would stall a consumer forever); resolves once every run was acknowledged.
   */
  async send(topic: string, messages: ProducedMessage[]): Promise<void> {
    for (const chunk of sendChunks(messages)) await this.sendRun(topic, chunk);
  }

  private async sendRun(topic: string, messages: ProducedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProduceTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      await Promise.race([
        this.producer.send({ topic, messages, acks: -1, timeout: this.timeoutMs, compression: CompressionTypes.None }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
