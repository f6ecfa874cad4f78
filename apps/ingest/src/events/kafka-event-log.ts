import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type LeadEventMessage } from '@leadscore/contracts';
import { MAX_SEND_BYTES, ProduceTimeoutError, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { type EventLog } from './event-log';


/** What one flush takes from the queue at most (bytes of keys and values): a few sends. */
const MAX_FLUSH_BYTES = 4 * MAX_SEND_BYTES;

interface Pending {
  messages: Array<{ key: string; value: string }>;
  bytes: number;
  settle: (error?: Error) => void;
}

/** Kafka must acknowledge within this; the HTTP answer (503 otherwise) then comes within 5 s. */
export const APPEND_DEADLINE_MS = 4500;

/**
 * Appends to `lead-events`, keyed by leadId so that a lead's events stay in order, in sends small
 * enough for the broker's record batch limit (a 1 MiB batch for one lead would pass it). The producer
 * connects at start-up without holding it up, and again on demand after a failure: a broker that
 * is down at start or goes away later yields 503s within the deadline, never a hang.
 *
 * The producer has one request in flight (idempotence, order): while a send is out, the appends
 * that arrive queue up and go together in the next one, in arrival order (a lead's order holds).
 * Each append resolves once its own messages are acknowledged; a failed send fails every append
 * it carried (503 to each: they may have been written, and a retry is deduplicated by eventId).
 */
export class KafkaEventLog implements EventLog, OnApplicationBootstrap, OnApplicationShutdown {
  private connection: Promise<void> | null = null;
  private readonly queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly producer: ReliableProducer,
    private readonly topic: string,
    private readonly logger: ContextLogger,
    private readonly deadlineMs = APPEND_DEADLINE_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.connect().catch((error: unknown) => this.logger.warn('Kafka producer not connected yet', { error: messageOf(error) }));
  }

  async append(events: LeadEventMessage[]): Promise<void> {
    const messages = events.map((event) => ({ key: event.leadId, value: JSON.stringify(event) }));
    const bytes = messages.reduce((sum, message) => sum + Buffer.byteLength(message.key, 'utf8') + Buffer.byteLength(message.value, 'utf8'), 0);
    const written = new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, bytes, settle: (error?: Error) => (error === undefined ? resolve() : reject(error)) });
    });
    if (!this.flushing) void this.flush();
    await withinDeadline(written, this.deadlineMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const taken = this.take();
        try {
          await this.send(taken.flatMap((pending) => pending.messages));
          for (const pending of taken) pending.settle();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const pending of taken) pending.settle(failure);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The queue's head, up to MAX_FLUSH_BYTES (at least one append, whatever its size). */
  private take(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && (count === 0 || bytes + this.queue[count].bytes <= MAX_FLUSH_BYTES)) {
      bytes += this.queue[count].bytes;
      count++;
    }
    return this.queue.splice(0, count);
  }

  // Chunks go one after the other, each acknowledged before the next: a lead's order holds.
  private async send(messages: Array<{ key: string; value: string }>): Promise<void> {
    await this.connect();
    await this.producer.send(this.topic, messages); // the producer sends in runs under Kafka's batch limit
  }

  private connect(): Promise<void> {
    this.connection ??= this.producer.connect().catch((error: unknown) => {
      this.connection = null;
      throw error;
    });
    return this.connection;
  }
}

function withinDeadline(work: Promise<void>, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProduceTimeoutError(deadlineMs)), deadlineMs);
  });
  // The work may still settle after the deadline; its rejection then has no one to tell.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
