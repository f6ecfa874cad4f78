import { type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type LeadEventMessage, MESSAGE_HEADERS } from '@leadscore/contracts';
import { type FencedProducer, MAX_SEND_BYTES, ProduceTimeoutError } from '@leadscore/kafka';
import { type ContextLogger, currentRequestId } from '@leadscore/observability';
import { type EventLog } from './event-log';
import { requestArrivedAt } from './request-arrival';

interface OutgoingMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
}

interface Pending {
  messages: OutgoingMessage[];
  bytes: number;
  deadlineAt: number;
  timer: NodeJS.Timeout;
  settle: (error?: Error) => void;
}

/**
 * Kafka must acknowledge within this from the request's arrival; the HTTP answer (503 otherwise)
 * then comes within 5 s, with 1.5 s left for writing it on a loaded machine (Kafka itself
 * acknowledges in milliseconds when it is up).
 */
export const APPEND_DEADLINE_MS = 3500;

/** An append with less time left than this is not sent any more: it could not be acknowledged in time. */
export const MIN_SEND_MS = 200;

/** After a failed send, new appends are refused at once for this long; then one send probes Kafka. */
export const PROBE_INTERVAL_MS = 500;

/** The last send failed and the next has not proved Kafka back yet: 503 at once, nothing queued. */
export class EventLogDownError extends Error {
  constructor() {
    super('Kafka did not take the last send; waiting for a probe to get through');
    this.name = 'EventLogDownError';
  }
}

/** The queue is over its byte budget: 503 at once, nothing queued. */
export class EventLogFullError extends Error {
  constructor(readonly budgetBytes: number) {
    super(`the produce queue holds its budget of ${budgetBytes} bytes`);
    this.name = 'EventLogFullError';
  }
}

export interface KafkaEventLogOptions {
  producer: FencedProducer;
  topic: string;
  logger: ContextLogger;
  /** Bytes (keys and values) the queue and the sends still held by kafkajs may take together. */
  budgetBytes: number;
  /** From the request's arrival (else from the append): the HTTP answer comes within it. */
  deadlineMs?: number;
  now?: () => number;
  /** When the request being handled arrived (`requestArrivedAt`). */
  arrivedAt?: () => number | undefined;
  /** The request being handled (`currentRequestId`): its id goes on each message as the `request-id` header. */
  requestId?: () => string | undefined;
}

/**
 * Appends to `lead-events`, keyed by leadId so that a lead's events stay in order. The producer has
 * one request in flight (idempotence, order): while a send is out, the appends that arrive queue
 * up and go together in the next one (≤ MAX_SEND_BYTES, one produce request), in arrival order.
 *
 * What an append is answered is what happened to it, never a guess:
 * - over the byte budget → rejected at once (503), nothing queued;
 * - still queued at its deadline (or too close to it to be sent) → removed and rejected: never sent;
 * - sent → the send's outcome. A send's deadline is the earliest of the appends it carries; past
 *   it the producer fences its connections (`FencedProducer`), so a rejected append is never
 *   written afterwards, and a client's retry never doubles it;
 * - after a failed send (Kafka down): what is queued is rejected unsent, and so is every new
 *   append, at once, until a probe gets through (one send every PROBE_INTERVAL_MS): an outage
 *   costs clients instant 503s, not a wait for the deadline.
 */
export class KafkaEventLog implements EventLog, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Pending[] = [];
  private flushing = false;
  /** Bytes of queued appends plus those of sends kafkajs has not let go of yet. */
  private heldBytes = 0;
  /** The most heldBytes has been since start: what the budget is checked against (metrics, tests). */
  private peakHeldBytes = 0;
  private readonly deadlineMs: number;
  private readonly now: () => number;
  /** When the last send failed; null while sends get through. */
  private failedAt: number | null = null;

  constructor(private readonly options: KafkaEventLogOptions) {
    this.deadlineMs = options.deadlineMs ?? APPEND_DEADLINE_MS;
    this.now = options.now ?? Date.now;
  }

  /** What the queue holds now (for tests and metrics). */
  get queuedBytes(): number {
    return this.heldBytes;
  }

  /** The most the queue and kafkajs held together since start; never above the budget. */
  get peakQueuedBytes(): number {
    return this.peakHeldBytes;
  }

  /**
   * False over the budget, and while a failed send is fresh or a probe is out: reading and checking
   * a body that cannot be written would only cost memory and time. Between probes (no traffic for
   * PROBE_INTERVAL_MS) a request is read again, so bad input still gets its 400.
   */
  hasRoomFor(bytes: number): boolean {
    return this.heldBytes + bytes <= this.options.budgetBytes && !this.refusingWhileDown();
  }

  /** Kafka failed the last send: refuse, except one probe per interval when nothing is out. */
  private refusingWhileDown(): boolean {
    if (this.failedAt === null) return false;
    return this.flushing || this.now() - this.failedAt < PROBE_INTERVAL_MS;
  }

  onApplicationBootstrap(): void {
    this.options.producer.connect().catch((error: unknown) => this.options.logger.warn('Kafka producer not connected yet', { error: messageOf(error) }));
  }

  append(events: LeadEventMessage[]): Promise<void> {
    const messages = this.messagesOf(events);
    const bytes = messages.reduce((sum, message) => sum + bytesOf(message), 0);
    if (this.heldBytes + bytes > this.options.budgetBytes) return Promise.reject(new EventLogFullError(this.options.budgetBytes));
    if (this.refusingWhileDown()) return Promise.reject(new EventLogDownError());
    const now = this.now();
    const deadlineAt = Math.min(now, (this.options.arrivedAt ?? requestArrivedAt)() ?? now) + this.deadlineMs;
    if (deadlineAt - now < MIN_SEND_MS) return Promise.reject(new ProduceTimeoutError(this.deadlineMs));
    this.heldBytes += bytes;
    this.peakHeldBytes = Math.max(this.peakHeldBytes, this.heldBytes);
    const written = new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        messages,
        bytes,
        deadlineAt,
        timer: setTimeout(() => this.cancel(pending), deadlineAt - now),
        settle: (error?: Error) => (error === undefined ? resolve() : reject(error)),
      };
      this.queue.push(pending);
    });
    if (!this.flushing) void this.flush();
    return written;
  }

  /** Read now, in the request's own context: the send that carries them runs outside it. */
  private messagesOf(events: LeadEventMessage[]): OutgoingMessage[] {
    const requestId = (this.options.requestId ?? currentRequestId)();
    const headers = requestId === undefined ? undefined : { [MESSAGE_HEADERS.requestId]: requestId };
    return events.map((event) => ({ key: event.leadId, value: JSON.stringify(event), ...(headers && { headers }) }));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.options.producer.disconnect();
  }

  /** Kafka just failed a send: what waits behind it leaves unsent (it would most likely fail too). */
  private rejectQueued(failure: Error): void {
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      this.heldBytes -= pending.bytes;
      pending.settle(failure);
    }
  }

  /** Its deadline came while it was still queued: it leaves the queue unsent. */
  private cancel(pending: Pending): void {
    const index = this.queue.indexOf(pending);
    if (index === -1) return; // taken by a send: the send answers it
    this.queue.splice(index, 1);
    this.heldBytes -= pending.bytes;
    pending.settle(new ProduceTimeoutError(this.deadlineMs));
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const taken = this.take();
        if (taken.length === 0) continue;
        for (const pending of taken) clearTimeout(pending.timer);
        const deadlineAt = Math.min(...taken.map((pending) => pending.deadlineAt));
        const bytes = taken.reduce((sum, pending) => sum + pending.bytes, 0);
        const send = this.options.producer.send(this.options.topic, taken.flatMap((pending) => pending.messages), deadlineAt, this.now);
        void send.released.then(() => {
          this.heldBytes -= bytes;
        });
        try {
          await send.acknowledged;
          this.failedAt = null;
          for (const pending of taken) pending.settle();
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          this.failedAt = this.now();
          for (const pending of taken) pending.settle(failure);
          this.rejectQueued(failure);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The queue's head, up to MAX_SEND_BYTES (at least one append, whatever its size). Appends too
   * close to their deadline to be sent are cancelled on the way.
   */
  private take(): Pending[] {
    const taken: Pending[] = [];
    let bytes = 0;
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (head.deadlineAt - this.now() < MIN_SEND_MS) {
        clearTimeout(head.timer);
        this.cancel(head);
        continue;
      }
      if (taken.length > 0 && bytes + head.bytes > MAX_SEND_BYTES) break;
      taken.push(this.queue.shift() as Pending);
      bytes += head.bytes;
    }
    return taken;
  }
}

function bytesOf(message: OutgoingMessage): number {
  let bytes = Buffer.byteLength(message.key, 'utf8') + Buffer.byteLength(message.value, 'utf8');
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
  return bytes;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
