import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { type Consumer, type EachBatchPayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { requestIdOf } from '@leadscore/contracts';
import { type ContextLogger } from '@leadscore/observability';
import { type ConsumedBatch } from './consumed-message';
import { type ConsumerMetrics } from './consumer-metrics';
import { type DeadLetter, publishDeadLetters } from './dead-letter-publisher';
import { type KafkaClient, kafkajsOf } from './kafka-client';
import { keepHeartbeating } from './keep-heartbeating';
import { PartitionLanes } from './partition-lanes';
import { type PartitionProgress } from './partition-progress';
import { type Isolate } from './pipeline/batch-pipeline';
import { type BatchPlan, runBatch } from './pipeline/run-batch';
import { type ReliableProducer } from './reliable-producer';

/** The consumer's settings (a group's members must agree on them). */
export interface ConsumerSettings {
  maxBytesPerPartition?: number;
  maxBytes?: number;
  maxWaitTimeInMs: number;
  sessionTimeout: number;
  rebalanceTimeout: number;
  heartbeatInterval: number;
  /** Partitions whose batches run at once (each batch is still one transaction, in offset order; see PartitionLanes). */
  partitionsConsumedConcurrently: number;
}

export interface KafkaBatchTransportOptions {
  client: KafkaClient;
  groupId: string;
  /** Handler pattern (`@MessagePattern`, fixed in code) → the topic it consumes (named with the namespace). */
  topics: Record<string, string>;
  consumer: ConsumerSettings;
  /** Dead letters go there, through this producer (connected by the app before the transport starts). */
  deadLetters: { producer: ReliableProducer; topic: string };
  /** Told of every fetched batch, commit and assignment: a partition that stops moving shows in /health/ready. */
  progress: PartitionProgress;
  metrics: ConsumerMetrics;
  log: ContextLogger;
  /** Splits a transaction the store refuses for its data (the apps pass libs/persistence `isolateRefused`). */
  isolate?: Isolate;
  /** A batch that takes longer (its start to its offsets committed) is logged with the time of each phase; absent: none is. */
  slowBatchMs?: number;
}

export type KafkaBatchStatus = 'connecting' | 'consuming' | 'stopped';

type KafkaBatchEvents = { 'group-join': () => void };

/**
 * A Nest transport for batches (`app.connectMicroservice({ strategy })`): Nest's own Kafka
 * transport hands over one message at a time, which cannot hold one transaction per batch. Each
 * fetched batch goes to the `@MessagePattern` handler of its topic, which answers with its named
 * steps (`BatchPlan`); `runBatch` runs them, dead-letters, and commits the offsets only after
 * them. Offsets are never committed by the client itself (autoCommit off, batches not auto-resolved).
 */
export class KafkaBatchTransport extends Server<KafkaBatchEvents, KafkaBatchStatus> implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  private readonly handlers = new Map<string, { pattern: string; handler: MessageHandler }>();
  private readonly groupJoins: Array<() => void> = [];
  /** When the last fetch returned (Date.now()): its batches waited for a lane from then. */
  private lastFetchAt = Date.now();
  private lanes: PartitionLanes | null = null;
  /** This member's partitions (topic → partitions), as the last group join gave them. */
  private assignment: Record<string, number[]> = {};

  constructor(private readonly options: KafkaBatchTransportOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), (error: unknown) => callback(error));
  }

  async close(): Promise<void> {
    await this.lanes?.close();
    await this.consumer?.disconnect();
    this.consumer = null;
    this._status$.next('stopped');
  }

  /** `group-join`: the consumer joined its group (the first join, then one per rebalance). */
  on<EventKey extends keyof KafkaBatchEvents = keyof KafkaBatchEvents, EventCallback extends KafkaBatchEvents[EventKey] = KafkaBatchEvents[EventKey]>(
    event: EventKey,
    callback: EventCallback,
  ): void {
    if (event === 'group-join') this.groupJoins.push(callback);
  }

  /** The client stays inside libs/kafka. */
  unwrap<T>(): T {
    throw new Error('KafkaBatchTransport does not expose its client');
  }

  private async start(): Promise<void> {
    for (const [pattern, topic] of Object.entries(this.options.topics)) {
      const handler = this.getHandlerByPattern(pattern);
      if (handler === null) throw new Error(`no @MessagePattern('${pattern}') handler for topic ${topic}`);
      this.handlers.set(topic, { pattern, handler });
    }
    this._status$.next('connecting');
    const { partitionsConsumedConcurrently, ...settings } = this.options.consumer;
    const consumer = kafkajsOf(this.options.client).consumer({ groupId: this.options.groupId, ...settings });
    this.consumer = consumer;
    this.lanes = new PartitionLanes({
      concurrency: partitionsConsumedConcurrently,
      control: {
        seek: (topic, partition, offset) => consumer.seek({ topic, partition, offset }),
        pause: (topic, partition) => consumer.pause([{ topic, partitions: [partition] }]),
        resume: (topic, partition) => consumer.resume([{ topic, partitions: [partition] }]),
      },
      failed: (topic, partition, offset, attempt, error) => this.options.log.error('batch failed: fetched again after a backoff', {
        topic, partition, offset, attempt, error: error instanceof Error ? error.message : String(error),
      }),
    });
    consumer.on(consumer.events.FETCH, (event) => {
      this.lastFetchAt = event.timestamp;
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.assignment = event.payload.memberAssignment;
      this.options.progress.assigned(event.payload.memberAssignment);
      for (const told of this.groupJoins) told();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.handlers.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Every assigned partition's eachBatch at once: each only waits for its own lane (PartitionLanes
      // runs partitionsConsumedConcurrently batches at a time).
      partitionsConsumedConcurrently: LANE_CALLS,
      eachBatch: (payload) => this.consume(payload),
    });
    this._status$.next('consuming');
  }

  /**
   * Hands the batch to its partition's lane and returns once it runs: the offset is resolved at
   * once, so the next fetch goes past it while it runs (PartitionLanes fetches it again should it fail).
   */
  private async consume(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale() || this.lanes === null) return;
    const fetchedAt = this.lastFetchAt;
    this.options.progress.fetched(batch.topic, batch.partition);
    const handed = await this.lanes.hand(batch.topic, batch.partition, batch.firstOffset()!, () => this.process(payload, fetchedAt));
    if (handed) payload.resolveOffset(batch.lastOffset());
  }

  private async process(payload: EachBatchPayload, fetchedAt: number): Promise<void> {
    const { batch } = payload;
    const { metrics } = this.options;
    const phases = new BatchPhases(batch.messages[0].timestamp, fetchedAt);
    // kafkajs' messages already have the ConsumedMessage shape: no copy per message.
    const consumed: ConsumedBatch = { topic: batch.topic, partition: batch.partition, messages: batch.messages };
    const plan = await this.planFor(consumed);
    await keepHeartbeating(() => payload.heartbeat(), this.options.consumer.heartbeatInterval, () => runBatch(consumed, plan, {
      isolate: this.options.isolate,
      timer: phases.record,
      deadLetter: (letters) => this.deadLetter(consumed, letters),
      commit: () => this.commitOffsets(payload),
    }));
    metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Number(batch.offsetLag()));
    phases.done();
    for (const [phase, ms] of phases.entries()) metrics.batchPhase.observe({ phase }, ms / 1000);
    const { slowBatchMs, log } = this.options;
    if (slowBatchMs !== undefined && phases.totalMs() >= slowBatchMs) {
      log.warn('slow batch', { topic: batch.topic, partition: batch.partition, messages: batch.messages.length, ms: phases.summary() });
    }
  }

  /**
   * Commits the offset past the batch. A partition a rebalance gave to another member is left to
   * it (it fetches from the last committed offset; the store drops what this batch already wrote),
   * and so is a commit the group refuses because it is rebalancing.
   */
  private async commitOffsets(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { progress } = this.options;
    if (!(this.assignment[batch.topic] ?? []).includes(batch.partition)) return;
    const offset = (BigInt(batch.lastOffset()) + 1n).toString();
    try {
      await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] });
    } catch (error) {
      if (isGroupChange(error)) return;
      throw error;
    }
    progress.committed(batch.topic, batch.partition, Number(batch.offsetLag()));
  }

  /** The handler's answer for this batch, through Nest's handler chain (pipes, interceptors). */
  private async planFor(batch: ConsumedBatch): Promise<BatchPlan<unknown>> {
    const registered = this.handlers.get(batch.topic);
    if (registered === undefined) throw new Error(`no handler for topic ${batch.topic}`);
    const answer: unknown = await registered.handler(batch);
    const plan: unknown = isObservable(answer) ? await lastValueFrom(answer) : answer;
    if (typeof plan !== 'object' || plan === null || !('steps' in plan)) {
      throw new Error(`the @MessagePattern('${registered.pattern}') handler did not answer a BatchPlan`);
    }
    return plan as BatchPlan<unknown>;
  }

  private async deadLetter(batch: ConsumedBatch, letters: DeadLetter[]): Promise<void> {
    const { deadLetters, metrics, log } = this.options;
    await publishDeadLetters(deadLetters.producer, deadLetters.topic, letters, new Date());
    const byStep = new Map<string, DeadLetter[]>();
    for (const letter of letters) {
      const ofStep = byStep.get(letter.step);
      if (ofStep) ofStep.push(letter);
      else byStep.set(letter.step, [letter]);
    }
    for (const [step, ofStep] of byStep) {
      metrics.deadLettered.inc({ step }, ofStep.length);
      // The requests the poison came in with (ingest's X-Request-Id): their log lines tell the rest.
      const requestIds = [...new Set(ofStep.map((letter) => requestIdOf(letter.headers)).filter((id) => id !== undefined))];
      log.warn('dead-lettered messages', { count: ofStep.length, step, topic: batch.topic, partition: batch.partition, reason: ofStep[0].reason, requestIds });
    }
  }
}

/**
 * How many eachBatch calls kafkajs may have open at once (it makes a worker for each, and wakes
 * them all per fetch): above a member's partitions (6 by default), so none waits for another's lane.
 */
const LANE_CALLS = 64;

const GROUP_CHANGE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID', 'FENCED_INSTANCE_ID']);

function isGroupChange(error: unknown): boolean {
  return typeof error === 'object' && error !== null && GROUP_CHANGE_ERRORS.has(String((error as { type?: unknown }).type));
}

/**
 * Where one batch's time went, in ms: `in-kafka` (its oldest message's timestamp to the fetch that
 * brought it), `queued` (that fetch to this batch's start: it waits for its partition's previous
 * batch and a free slot of PartitionLanes), each step, `commit`, and `total` (start to committed).
 */
class BatchPhases {
  private readonly started = performance.now();
  private readonly phases = new Map<string, number>();

  constructor(oldestTimestamp: string, fetchedAt: number) {
    const now = Date.now();
    const timestamp = Number(oldestTimestamp);
    // A timestamp set by a producer on another clock can be ahead: no figure rather than a negative one.
    if (Number.isFinite(timestamp) && timestamp > 0 && fetchedAt >= timestamp) this.phases.set('in-kafka', fetchedAt - timestamp);
    this.phases.set('queued', Math.max(0, now - fetchedAt));
  }

  readonly record = (phase: string, ms: number): void => {
    this.phases.set(phase, (this.phases.get(phase) ?? 0) + ms);
  };

  done(): void {
    this.phases.set('total', performance.now() - this.started);
  }

  totalMs(): number {
    return this.phases.get('total') ?? 0;
  }

  entries(): IterableIterator<[string, number]> {
    return this.phases.entries();
  }

  summary(): Record<string, number> {
    return Object.fromEntries([...this.phases].map(([phase, ms]) => [phase, Math.round(ms * 10) / 10]));
  }
}
