import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type LeadEventMessage } from '@leadscore/contracts';
import { ProduceTimeoutError, type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { type EventLog } from './event-log';
import { sendChunks } from './send-chunks';

/** Kafka must acknowledge within this; the HTTP answer (503 otherwise) then comes within 5 s. */
export const APPEND_DEADLINE_MS = 4500;

/**
 * Appends to `lead-events`, keyed by leadId so that a lead's events stay in order, in sends small
 * enough for the broker's record batch limit (a 1 MiB batch for one lead would pass it). The producer
 * connects at start-up without holding it up, and again on demand after a failure: a broker that
 * is down at start or goes away later yields 503s within the deadline, never a hang.
 */
export class KafkaEventLog implements EventLog, OnApplicationBootstrap, OnApplicationShutdown {
  private connection: Promise<void> | null = null;

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
    await withinDeadline(this.send(messages), this.deadlineMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  // Chunks go one after the other, each acknowledged before the next: a lead's order holds.
  private async send(messages: Array<{ key: string; value: string }>): Promise<void> {
    await this.connect();
    for (const chunk of sendChunks(messages)) await this.producer.send(this.topic, chunk);
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
