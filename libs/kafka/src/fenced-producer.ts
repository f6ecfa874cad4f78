import { createFencingSocketFactory, type FencingSocketFactory } from './fencing-socket-factory';
import { clientWithSockets, type KafkaClientOptions } from './kafka-client';
import { type ProducedMessage, ProduceTimeoutError, ReliableProducer } from './reliable-producer';

export interface FencedSend {
  /** Resolves once the broker acknowledged; rejects by the deadline at the latest. */
  acknowledged: Promise<void>;
  /** Settles once kafkajs let go of the messages (at once on success; after a fence, when its retries ran out). */
  released: Promise<void>;
}

interface Epoch {
  sockets: FencingSocketFactory;
  producer: ReliableProducer;
  connection: Promise<void> | null;
}

// kafkajs' own time bound, far beyond any deadline: the fence, not this, ends a late send.
const KAFKAJS_SEND_TIMEOUT_MS = 30_000;

/**
 * A producer whose sends have a deadline after which they can no longer be written. When a send
 * is not acknowledged in time, the client's sockets are fenced (destroyed, and no new one opens),
 * so kafkajs' background retries can never reach a broker, and the next send goes through a fresh
 * client. A rejection therefore means "not written, and never will be" — unless the broker had
 * already taken the request before the deadline and only its acknowledgement was late.
 */
export class FencedProducer {
  private epoch: Epoch;

  /** Each client it makes (one per fence) connects with these options, on sockets it can cut. */
  constructor(private readonly clientOptions: KafkaClientOptions) {
    this.epoch = this.newEpoch();
  }

  /** Opens the connection ahead of the first send (failures are retried by the next send). */
  connect(): Promise<void> {
    return this.connectEpoch(this.epoch);
  }

  send(topic: string, messages: ProducedMessage[], deadlineAt: number, now: () => number = Date.now): FencedSend {
    const epoch = this.epoch;
    const work = this.connectEpoch(epoch).then(() => epoch.producer.send(topic, messages));
    const released = work.then(() => undefined, () => undefined);
    const acknowledged = new Promise<void>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        if (settled) return;
        settled = true;
        this.fence(epoch);
        reject(new ProduceTimeoutError(Math.max(0, deadlineAt - now())));
      }, Math.max(0, deadlineAt - now()));
      work.then(
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          // A failed send may have left requests in kafkajs' retry loop: fence them too.
          this.fence(epoch);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    return { acknowledged, released };
  }

  async disconnect(): Promise<void> {
    await this.epoch.producer.disconnect().catch(() => undefined);
  }

  private fence(epoch: Epoch): void {
    epoch.sockets.fence();
    void epoch.producer.disconnect().catch(() => undefined);
    if (this.epoch === epoch) this.epoch = this.newEpoch();
  }

  private connectEpoch(epoch: Epoch): Promise<void> {
    epoch.connection ??= epoch.producer.connect().catch((error: unknown) => {
      epoch.connection = null;
      throw error;
    });
    return epoch.connection;
  }

  private newEpoch(): Epoch {
    const sockets = createFencingSocketFactory();
    return { sockets, producer: new ReliableProducer(clientWithSockets(this.clientOptions, sockets.socketFactory), KAFKAJS_SEND_TIMEOUT_MS), connection: null };
  }
}
